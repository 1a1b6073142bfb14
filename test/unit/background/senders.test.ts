import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createHandlers } from '../../../lib/background/handlers';
import { classifySender } from '../../../lib/background/senders';
import {
  type Handlers,
  handleMessage,
  REFUSED_FOREIGN,
  REFUSED_FROM_PAGE,
  registerHandlers,
} from '../../../lib/background/server';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { sendMessage } from '../../../lib/messages/client';
import { MESSAGE_RIGHTS, type MessageName } from '../../../lib/messages/protocol';
import { requestSchemas } from '../../../lib/messages/validate';
import { idOf, makeRecord } from '../../fixtures/db/records';
import { contentSender, optionsTabSender, popupSender, sendMessagesFrom } from '../../support/senders';

const ROOT = path.resolve(__dirname, '../../..');
const PAGE = 'https://huggingface.co/papers/date/2025-01-31';
const NAMES = Object.keys(requestSchemas) as MessageName[];

const CHROME = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  baseUrl: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/',
};
const FIREFOX = {
  id: 'daily-papers-companion@dailypapers.dev',
  baseUrl: 'moz-extension://5f0c7c1e-3b0a-4d8e-9a51-d41c0ffee000/',
};
const TAB = { id: 3, index: 1, windowId: 1, active: true, url: PAGE };

/** Handlers that record which ran; each answers an empty object. */
function recordingHandlers() {
  const ran: string[] = [];
  const handlers = Object.fromEntries(
    NAMES.map((name) => [
      name,
      () => {
        ran.push(name);
        return {};
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, ran };
}

/** Every message the overlay sends: `call('name'` in lib/overlay. */
function overlayMessages(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.ts') || file.endsWith('.tsx')) {
        for (const m of readFileSync(file, 'utf8').matchAll(/\.call\(\s*'(\w+)'/g)) found.add(m[1]!);
      }
    }
  };
  walk(path.join(ROOT, 'lib/overlay'));
  return found;
}

describe('the rights of every message', () => {
  it('every message of the protocol declares who may send it, and nothing else does', () => {
    expect(Object.keys(MESSAGE_RIGHTS).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) expect(['content', 'page']).toContain(MESSAGE_RIGHTS[name]);
  });

  it('the content script may send exactly what the overlay sends', () => {
    const content = NAMES.filter((name) => MESSAGE_RIGHTS[name] === 'content');
    expect([...overlayMessages()].sort()).toEqual(content.sort());
    expect(content.sort()).toEqual(
      [
        'getStates',
        'listTags',
        'markSeen',
        'observePapers',
        'openInbox',
        'rankPapers',
        'setDismissed',
        'setNote',
        'setRead',
        'setSaved',
        'setTags',
        'setWatched',
      ].sort(),
    );
  });

  it.each(NAMES)(
    '%s: content script as declared, extension pages always, foreign senders never',
    async (name) => {
      const message = { type: name, data: {} };
      for (const from of ['content', 'page', 'foreign'] as const) {
        const { handlers, ran } = recordingHandlers();
        const onActivity = vi.fn();
        const answer = await handleMessage(handlers, message, { from, onActivity });
        const allowed = from === 'page' || (from === 'content' && MESSAGE_RIGHTS[name] === 'content');
        if (allowed) {
          expect(answer).not.toEqual({ ok: false, error: REFUSED_FROM_PAGE });
          expect(answer).not.toEqual({ ok: false, error: REFUSED_FOREIGN });
          expect(onActivity).toHaveBeenCalledWith(name);
        } else {
          expect(answer).toEqual({
            ok: false,
            error: from === 'content' ? REFUSED_FROM_PAGE : REFUSED_FOREIGN,
          });
          expect(ran).toEqual([]);
          expect(onActivity).not.toHaveBeenCalled();
        }
      }
    },
  );

  it('a foreign sender is refused even an unknown or malformed message', async () => {
    const { handlers } = recordingHandlers();
    for (const message of [{ type: 'nope' }, 'hello', null]) {
      expect(await handleMessage(handlers, message, { from: 'foreign' })).toEqual({
        ok: false,
        error: REFUSED_FOREIGN,
      });
    }
  });
});

describe('who sent it, from the browser’s sender facts', () => {
  it('Chromium: the popup, the options page in a tab, the content script', () => {
    const id = CHROME.id;
    expect(
      classifySender({ id, url: `${CHROME.baseUrl}popup.html`, origin: `chrome-extension://${id}` }, CHROME),
    ).toBe('page');
    expect(classifySender({ id, url: `${CHROME.baseUrl}options.html`, tab: TAB, frameId: 0 }, CHROME)).toBe(
      'page',
    );
    expect(
      classifySender(
        { id, url: PAGE, origin: 'https://huggingface.co', tab: TAB, frameId: 0, documentId: 'D' },
        CHROME,
      ),
    ).toBe('content');
  });

  it('Firefox (MV2 and MV3): extension pages with or without a tab, the content script', () => {
    // As Firefox ESR 153 reported them (test/browser/security.test.ts prints them), tabs shortened.
    const id = FIREFOX.id;
    const origin = FIREFOX.baseUrl.slice(0, -1);
    const popup = {
      contextId: 412316860701,
      id,
      envType: 'addon_child',
      url: `${FIREFOX.baseUrl}popup.html`,
      origin,
    };
    expect(classifySender(popup, FIREFOX)).toBe('page');
    const inTab = {
      ...popup,
      url: `${FIREFOX.baseUrl}options.html`,
      tab: TAB,
      frameId: 0,
      documentId: 'c0fd889c',
    };
    expect(classifySender(inTab, FIREFOX)).toBe('page');
    const content = {
      contextId: 1374389534721,
      id,
      envType: 'content_child',
      url: PAGE,
      tab: TAB,
      frameId: 0,
      documentId: 'fca14687',
      origin: 'https://huggingface.co',
    };
    expect(classifySender(content, FIREFOX)).toBe('content');
  });

  it('anything else is foreign', () => {
    const id = CHROME.id;
    const foreign: unknown[] = [
      undefined,
      null,
      {},
      'popup',
      { url: `${CHROME.baseUrl}popup.html` }, // no id
      { id: 'another-extension', url: `${CHROME.baseUrl}popup.html` }, // another id
      { id: 'another-extension', url: PAGE, tab: TAB }, // another extension's content script
      { id, url: 'chrome-extension://otherotherotherotherotherother/popup.html' }, // another extension's page
      { id, url: PAGE }, // the site without a tab
      { id, url: 'https://evil.example/papers', tab: TAB }, // another site
      { id, url: 'https://huggingface.co.evil.example/papers', tab: TAB }, // a look-alike host
      { id, url: 'https://www.huggingface.co/papers', tab: TAB },
      { id, url: 'not a url', tab: TAB },
      { id, tab: TAB }, // no url
      { id: { toString: () => id }, url: `${CHROME.baseUrl}popup.html` },
    ];
    for (const sender of foreign)
      expect(classifySender(sender, CHROME), JSON.stringify(sender)).toBe('foreign');
  });
});

describe('through the browser listener, with the real store', () => {
  beforeEach(async () => {
    await deleteDb();
    registerHandlers(createHandlers({ now: () => 1_738_000_000_000 }));
    await sendMessage('observePapers', {
      papers: [makeRecord(1), makeRecord(2), makeRecord(3)],
      pageUrl: PAGE,
    });
    await sendMessage('setSaved', { id: idOf(2), saved: true });
  });

  it('the content script cannot read out, import or erase the reading list; the store is intact', async () => {
    sendMessagesFrom(() => contentSender(PAGE));
    const send = (type: string, data: unknown) => fakeBrowser.runtime.sendMessage({ type, data });
    expect(await send('exportBackup', {})).toEqual({ ok: false, error: REFUSED_FROM_PAGE });
    expect(await send('listPapers', { view: { kind: 'all' } })).toEqual({
      ok: false,
      error: REFUSED_FROM_PAGE,
    });
    expect(await send('getStats', {})).toEqual({ ok: false, error: REFUSED_FROM_PAGE });
    expect(await send('importBackup', { backup: '{}', mode: 'replace' })).toEqual({
      ok: false,
      error: REFUSED_FROM_PAGE,
    });
    expect(await send('eraseAll', {})).toEqual({ ok: false, error: REFUSED_FROM_PAGE });
    expect(await send('setSavedMany', { ids: [idOf(1)], saved: true })).toEqual({
      ok: false,
      error: REFUSED_FROM_PAGE,
    });
    expect(await getDb().papers.count()).toBe(3);
    expect((await getDb().papers.get(idOf(1)))?.savedAt).toBeUndefined();
    expect((await getDb().papers.get(idOf(2)))?.savedAt).toBeDefined();
  });

  it('the content script gets only the states of the papers it names', async () => {
    sendMessagesFrom(() => contentSender(PAGE));
    expect((await sendMessage('getStates', { ids: [idOf(1), idOf(9)] })).states.map((s) => s.id)).toEqual([
      idOf(1),
    ]);
    expect((await sendMessage('markSeen', { ids: [idOf(3)] })).states.map((s) => s.id)).toEqual([idOf(3)]);
    const observed = await sendMessage('observePapers', { papers: [makeRecord(1)], pageUrl: PAGE });
    expect(observed.states.map((s) => s.id)).toEqual([idOf(1)]);
    expect((await sendMessage('setRead', { id: idOf(1), read: true })).state.id).toBe(idOf(1));
  });

  it('the options page in a tab may do everything; another extension nothing', async () => {
    sendMessagesFrom(optionsTabSender);
    expect(await sendMessage('getStats', {})).toMatchObject({ papers: 3, saved: 1 });
    sendMessagesFrom(() => ({ ...popupSender(), id: 'another-extension' }));
    expect(await fakeBrowser.runtime.sendMessage({ type: 'getStates', data: { ids: [idOf(1)] } })).toEqual({
      ok: false,
      error: REFUSED_FOREIGN,
    });
    sendMessagesFrom(() => ({}));
    expect(await fakeBrowser.runtime.sendMessage({ type: 'eraseAll', data: {} })).toEqual({
      ok: false,
      error: REFUSED_FOREIGN,
    });
    expect(await getDb().papers.count()).toBe(3);
  });
});
