import Dexie from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { describeError } from '../../../lib/background/errors';
import { createHandlers } from '../../../lib/background/handlers';
import { type Handlers, handleMessage, registerHandlers } from '../../../lib/background/server';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { sendMessage } from '../../../lib/messages/client';
import { CHANGE_FEED_KEY, type ChangeFeed } from '../../../lib/messages/protocol';
import { idOf, makeRecord, makeRichRecord, makeStored } from '../../fixtures/db/records';
import { popupSender } from '../../support/senders';

const PAGE = 'https://huggingface.co/papers/date/2025-01-31';
let clock = 1_738_000_000_000;
const now = () => clock;
const onSaved = vi.fn();

async function feed(): Promise<ChangeFeed | undefined> {
  return (await fakeBrowser.storage.local.get(CHANGE_FEED_KEY))[CHANGE_FEED_KEY] as ChangeFeed | undefined;
}

beforeEach(async () => {
  await deleteDb();
  clock = 1_738_000_000_000;
  onSaved.mockClear();
  registerHandlers(createHandlers({ now, onSaved }));
});

describe('every message through the background', () => {
  it('observePapers → states in order with isNew; getStates; markSeen', async () => {
    const observed = await sendMessage('observePapers', {
      papers: [makeRecord(2), makeRecord(1)],
      pageUrl: PAGE,
    });
    // The list's first visit: nothing on it is new since a previous one.
    expect(observed.states.map((s) => [s.id, s.state, s.isNew])).toEqual([
      [idOf(2), 'new', false],
      [idOf(1), 'new', false],
    ]);
    const seen = await sendMessage('markSeen', { ids: [idOf(1)] });
    expect(seen.states).toEqual([{ id: idOf(1), state: 'seen', saved: false, tags: [] }]);
    const states = await sendMessage('getStates', { ids: [idOf(1), idOf(2)] });
    expect(states.states.map((s) => s.state)).toEqual(['seen', 'new']);
  });

  it('setSaved, setRead, setTags, setNote → the new state', async () => {
    await sendMessage('observePapers', { papers: [makeRecord(1)], pageUrl: PAGE });
    expect((await sendMessage('setSaved', { id: idOf(1), saved: true })).state.saved).toBe(true);
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect((await sendMessage('setRead', { id: idOf(1), read: true })).state.state).toBe('read');
    expect((await sendMessage('setTags', { id: idOf(1), tags: [' ML ', 'ml', 'cv'] })).state.tags).toEqual([
      'ML',
      'cv',
    ]);
    await sendMessage('setNote', { id: idOf(1), note: 'good' });
    expect((await getDb().papers.get(idOf(1)))?.note).toBe('good');
  });

  it('setSaved with a record saves a paper unknown to the store', async () => {
    const { state } = await sendMessage('setSaved', { id: idOf(7), saved: true, paper: makeRichRecord(7) });
    expect(state).toMatchObject({ id: idOf(7), saved: true, githubRepo: makeRichRecord(7).githubRepo });
  });

  it('listPapers, listTags, getStats', async () => {
    await sendMessage('observePapers', { papers: [makeRecord(1), makeRecord(2)], pageUrl: PAGE });
    await sendMessage('setSaved', { id: idOf(2), saved: true });
    await sendMessage('setTags', { id: idOf(1), tags: ['x'] });
    const saved = await sendMessage('listPapers', { view: { kind: 'saved' } });
    expect(saved.total).toBe(1);
    expect(saved.papers[0]?.id).toBe(idOf(2));
    expect(await sendMessage('listTags', {})).toEqual({ tags: [{ tag: 'x', count: 1 }] });
    expect(await sendMessage('getStats', {})).toEqual({ papers: 2, saved: 1, read: 0, seen: 0, tags: 1 });
  });

  it('exportBackup, eraseAll, importBackup', async () => {
    await sendMessage('observePapers', { papers: [makeRecord(1), makeRecord(2)], pageUrl: PAGE });
    const { backup } = await sendMessage('exportBackup', {});
    expect(await sendMessage('eraseAll', {})).toEqual({ erased: 2 });
    expect(await sendMessage('importBackup', { backup: JSON.stringify(backup), mode: 'merge' })).toEqual({
      papers: 2,
      pages: 1,
    });
    expect(await getDb().papers.count()).toBe(2);
  });
});

describe('errors come back as readable messages', () => {
  it('an unknown paper', async () => {
    await expect(sendMessage('setRead', { id: idOf(3), read: true })).rejects.toThrow(
      'Paper 2401.00003 is not in your reading list yet; open a page that shows it and try again.',
    );
  });

  it('an invalid payload, before any handler runs', async () => {
    await expect(sendMessage('setTags', { id: 'nope', tags: [] })).rejects.toThrow(
      'Invalid setTags request: id: must be an arXiv id like 2407.21783.',
    );
  });

  it('a refused backup, with its exact message', async () => {
    await expect(sendMessage('importBackup', { backup: 'not json', mode: 'merge' })).rejects.toThrow(
      'This file is not a Daily Papers Companion backup.',
    );
  });

  it('an unknown message type and a malformed envelope', async () => {
    expect(await fakeBrowser.runtime.sendMessage({ type: 'deleteEverything', data: {} })).toEqual({
      ok: false,
      error: 'Unknown message type "deleteEverything".',
    });
    expect(await fakeBrowser.runtime.sendMessage({ type: 'toString', data: {} })).toEqual({
      ok: false,
      error: 'Unknown message type "toString".',
    });
    expect(await fakeBrowser.runtime.sendMessage({ data: {} })).toEqual({
      ok: false,
      error: 'Malformed message: "type" must be a message name.',
    });
    expect(await fakeBrowser.runtime.sendMessage('hello')).toEqual({
      ok: false,
      error: 'Malformed message: expected an object { type, data }.',
    });
  });

  it('a full disk', async () => {
    const handlers = {
      getStats: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
    } as unknown as Handlers;
    expect(await handleMessage(handlers, { type: 'getStats', data: {} })).toEqual({
      ok: false,
      error:
        'Storage is full: The quota has been exceeded. Export a backup and erase old papers to make room.',
    });
  });

  it('a quota error wrapped by Dexie (AbortError with an inner error)', () => {
    const inner = new DOMException('Quota exceeded', 'QuotaExceededError');
    const wrapped = new Dexie.AbortError('Transaction aborted', inner);
    expect(describeError(wrapped)).toBe(
      'Storage is full: Quota exceeded. Export a backup and erase old papers to make room.',
    );
  });

  it('an unavailable database (closed, blocked or failing to open)', async () => {
    getDb().close({ disableAutoOpen: true });
    await expect(sendMessage('getStats', {})).rejects.toThrow(
      /^The reading list is unavailable \(.+\); showing pages without it\.$/,
    );
    const failedOpen = new Dexie.OpenFailedError('blocked by another tab');
    expect(describeError(failedOpen)).toBe(
      'The reading list is unavailable (blocked by another tab); showing pages without it.',
    );
  });

  it('any other error', async () => {
    const handlers = {
      getStats: () => Promise.reject(new TypeError('x is not a function')),
    } as unknown as Handlers;
    expect(await handleMessage(handlers, { type: 'getStats', data: {} })).toEqual({
      ok: false,
      error: 'Something went wrong: x is not a function',
    });
  });

  it('the client refuses a missing or malformed answer', async () => {
    fakeBrowser.reset();
    await expect(sendMessage('getStats', {})).rejects.toThrow("The extension's background did not answer");
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ nonsense: true }));
    await expect(sendMessage('getStats', {})).rejects.toThrow(
      "The extension's background gave no valid answer to getStats",
    );
  });
});

describe('the listener', () => {
  it('answers through sendResponse and returns true when the browser passes sendResponse', async () => {
    await deleteDb();
    const sendResponse = vi.fn();
    // The fake browser passes no sendResponse; trigger the listener as a real browser calls it.
    const trigger = fakeBrowser.runtime.onMessage.trigger as unknown as (
      ...args: unknown[]
    ) => Promise<unknown[]>;
    const returned = await trigger({ type: 'getStats', data: {} }, popupSender(), sendResponse);
    expect(returned).toEqual([true]);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledTimes(1));
    expect(sendResponse).toHaveBeenCalledWith({
      ok: true,
      result: { papers: 0, saved: 0, read: 0, seen: 0, tags: 0 },
    });
  });

  it('calls onActivity for every well-formed message and can be removed', async () => {
    fakeBrowser.reset();
    const onActivity = vi.fn();
    const remove = registerHandlers(createHandlers({ now }), { onActivity });
    await sendMessage('getStats', {});
    await fakeBrowser.runtime.sendMessage({ type: 'nope', data: {} });
    expect(onActivity).toHaveBeenCalledTimes(1);
    expect(onActivity).toHaveBeenCalledWith('getStats');
    remove();
    await expect(sendMessage('getStats', {})).rejects.toThrow();
  });
});

describe('the change feed', () => {
  it('is written after each change with an increasing seq and the changed states (no isNew)', async () => {
    const heard: ChangeFeed[] = [];
    fakeBrowser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && changes[CHANGE_FEED_KEY])
        heard.push(changes[CHANGE_FEED_KEY].newValue as ChangeFeed);
    });
    await sendMessage('observePapers', { papers: [makeRecord(1), makeRecord(2)], pageUrl: PAGE });
    const first = await feed();
    expect(first).toMatchObject({ ids: [idOf(1), idOf(2)], at: clock });
    expect(first?.states?.[0]).toEqual({ id: idOf(1), state: 'new', saved: false, tags: [] });

    clock += 1_000;
    await sendMessage('setSaved', { id: idOf(1), saved: true });
    const second = await feed();
    expect(second?.seq).toBeGreaterThan(first!.seq);
    expect(second).toMatchObject({ ids: [idOf(1)], states: [{ id: idOf(1), saved: true }] });
    expect(heard.map((f) => f.seq)).toEqual([first!.seq, second!.seq]);
  });

  it('is not written when nothing a card shows changed', async () => {
    await sendMessage('observePapers', { papers: [makeRecord(1)], pageUrl: PAGE });
    await sendMessage('markSeen', { ids: [idOf(1)] });
    const before = await feed();
    await sendMessage('markSeen', { ids: [idOf(1)] });
    await sendMessage('observePapers', { papers: [makeRecord(1, { upvotes: 4 })], pageUrl: PAGE });
    await sendMessage('getStats', {});
    expect(await feed()).toEqual(before);
  });

  it('says all: true after an import or an erase, and when more than 500 papers changed', async () => {
    await sendMessage('observePapers', {
      papers: Array.from({ length: 501 }, (_, n) => makeRecord(n)),
      pageUrl: PAGE,
    });
    expect(await feed()).toMatchObject({ all: true, ids: [] });
    expect((await feed())?.states).toBeUndefined();
    await sendMessage('observePapers', { papers: [makeRecord(900)], pageUrl: PAGE });
    expect((await feed())?.all).toBeUndefined();
    await sendMessage('eraseAll', {});
    expect(await feed()).toMatchObject({ all: true });
    await sendMessage('observePapers', { papers: [makeRecord(900)], pageUrl: PAGE });
    await sendMessage('importBackup', {
      backup: {
        format: 'daily-papers-companion-backup',
        version: 1,
        exportedAt: 'x',
        papers: [makeStored(3)],
        pages: [],
      },
      mode: 'merge',
    });
    expect(await feed()).toMatchObject({ all: true });
  });

  it('continues the stored seq after a worker restart', async () => {
    await fakeBrowser.storage.local.set({ [CHANGE_FEED_KEY]: { seq: 41_000, at: 0, ids: [] } });
    await sendMessage('observePapers', { papers: [makeRecord(1)], pageUrl: PAGE });
    expect((await feed())!.seq).toBeGreaterThan(41_000);
  });
});

describe('three tabs and the popup at once, through messages', () => {
  it('loses no write', async () => {
    const ids = Array.from({ length: 40 }, (_, n) => idOf(n));
    await sendMessage('observePapers', { papers: ids.map((_, n) => makeRecord(n)), pageUrl: PAGE });
    const calls: Promise<unknown>[] = [];
    ids.forEach((id, n) => {
      calls.push(sendMessage('setTags', { id, tags: [`t${n}`] })); // tab 1
      calls.push(sendMessage('setSaved', { id, saved: true })); // popup
      calls.push(sendMessage('markSeen', { ids: [id] })); // tab 2
      calls.push(
        sendMessage('observePapers', {
          papers: [
            makeRecord(n, {
              githubRepo: `https://github.com/o/r${n}`,
              codeLinks: [`https://github.com/o/r${n}`],
            }),
          ],
          pageUrl: 'https://huggingface.co/papers/trending',
        }),
      ); // tab 3
      calls.push(sendMessage('setNote', { id, note: `n${n}` })); // popup
    });
    await Promise.all(calls);
    const rows = await getDb().papers.bulkGet(ids);
    rows.forEach((row, n) => {
      expect(row).toMatchObject({
        tags: [`t${n}`],
        state: 'seen',
        githubRepo: `https://github.com/o/r${n}`,
        note: `n${n}`,
      });
      expect(row?.savedAt).toBeDefined();
    });
  });
});
