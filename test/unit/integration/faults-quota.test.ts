// @vitest-environment happy-dom
/**
 * IndexedDB full (QuotaExceededError): every write message fails with one clear sentence for the
 * caller, nothing stored before is lost or changed, no change is announced, and the store works again
 * once there is room. Browsers report a full disk in two ways, and both are simulated in
 * fake-indexeddb:
 *
 * - `request` (Firefox): the write request itself fails with QuotaExceededError, the transaction aborts;
 * - `commit` (Chromium): every request succeeds, then the commit fails and the transaction aborts with
 *   QuotaExceededError (`transaction.error`), the requests' results rolled back.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createHandlers } from '../../../lib/background/handlers';
import { handleMessage, registerHandlers } from '../../../lib/background/server';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { sendMessage } from '../../../lib/messages/client';
import {
  CHANGE_FEED_KEY,
  type MessageName,
  type ReplyOf,
  type RequestOf,
} from '../../../lib/messages/protocol';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { Overlay, type OverlayHost } from '../../../lib/overlay/overlay';
import { idOf, makeRecord, makeRichRecord, makeStored } from '../../fixtures/db/records';
import { t } from '../../support/dom';

type Shape = 'request' | 'commit';
const MESSAGES: Record<Shape, string> = {
  request: 'The current transaction exceeded its quota limitations.',
  commit: 'Encountered disk full while committing transaction.',
};
const FULL = (shape: Shape) =>
  `Storage is full: ${MESSAGES[shape].replace(/\.$/, '')}. Export a backup and erase old papers to make room.`;

// ---- the simulated full disk ------------------------------------------------------------------------

// fake-indexeddb's classes and their private hooks (the simulation needs them; the extension never does).
interface FakeTransaction {
  mode: string;
  error: DOMException | null;
  _state: string;
  _requests: { request: { readyState: string } }[];
  _abort(name: string | null): void;
  _start(): void;
  _execRequestAsync(request: { operation: () => unknown }): unknown;
}
interface FakeStore {
  transaction: FakeTransaction;
}
const globals = globalThis as unknown as {
  IDBObjectStore: { prototype: Record<string, (...args: unknown[]) => unknown> };
  IDBTransaction: { prototype: FakeTransaction };
};
const storeProto = globals.IDBObjectStore.prototype;
const transactionProto = globals.IDBTransaction.prototype;
const original = { put: storeProto.put!, add: storeProto.add!, start: transactionProto._start };
let full: Shape | undefined;
const wrote = new WeakSet<FakeTransaction>();

function failingWrite(write: (...args: unknown[]) => unknown) {
  return function (this: FakeStore, ...args: unknown[]) {
    const transaction = this.transaction;
    wrote.add(transaction);
    if (full === 'request') {
      // The request is queued by the original method; its operation is what fails.
      const queue = transaction._execRequestAsync;
      transaction._execRequestAsync = function (this: FakeTransaction, request) {
        transaction._execRequestAsync = queue;
        return queue.call(this, {
          ...request,
          operation: () => {
            throw new DOMException(MESSAGES.request, 'QuotaExceededError');
          },
        });
      };
    }
    return write.apply(this, args);
  };
}

beforeEach(() => {
  storeProto.put = failingWrite(original.put);
  storeProto.add = failingWrite(original.add);
  transactionProto._start = function (this: FakeTransaction) {
    const committing =
      this._state !== 'finished' && this._requests.every((r) => r.request.readyState === 'done');
    if (full === 'commit' && wrote.has(this) && committing) {
      this._abort('QuotaExceededError');
      this.error = new DOMException(MESSAGES.commit, 'QuotaExceededError');
      return;
    }
    original.start.call(this);
  };
});
afterEach(() => {
  full = undefined;
  storeProto.put = original.put;
  storeProto.add = original.add;
  transactionProto._start = original.start;
});

// ---- the store ---------------------------------------------------------------------------------------

const PAGE = 'https://huggingface.co/papers/date/2025-01-31';
const [A, B, C] = [idOf(1), idOf(2), idOf(3)];

/** Everything the store holds, and the last change announced. */
async function snapshot() {
  const db = getDb();
  return {
    papers: await db.papers.toArray(),
    pages: await db.pages.toArray(),
    queue: await db.enrichment.toArray(),
    meta: await db.meta.toArray(),
    feed: (await fakeBrowser.storage.local.get(CHANGE_FEED_KEY))[CHANGE_FEED_KEY],
  };
}

beforeEach(async () => {
  await deleteDb();
  registerHandlers(createHandlers());
  // A: saved, tagged, with a note; B: read; C: seen on the page, nothing else.
  await sendMessage('observePapers', {
    papers: [makeRecord(1), makeRecord(2), makeRecord(3)],
    pageUrl: PAGE,
  });
  await sendMessage('setSaved', { id: A, saved: true });
  await sendMessage('setTags', { id: A, tags: ['keep'] });
  await sendMessage('setNote', { id: A, note: 'my note' });
  await sendMessage('setRead', { id: B, read: true });
});

type Write = { [K in MessageName]: [K, RequestOf<K>] }[MessageName];
const WRITES: [string, Write][] = [
  ['observePapers of a new paper', ['observePapers', { papers: [makeRecord(9)], pageUrl: PAGE }]],
  [
    'observePapers of known papers with new fields',
    ['observePapers', { papers: [makeRichRecord(1), makeRichRecord(3)], pageUrl: PAGE }],
  ],
  ['markSeen', ['markSeen', { ids: [C] }]],
  ['setSaved', ['setSaved', { id: C, saved: true }]],
  [
    'setSaved of a paper unknown to the store',
    ['setSaved', { id: idOf(8), saved: true, paper: makeRecord(8) }],
  ],
  ['setSaved false', ['setSaved', { id: A, saved: false }]],
  ['setRead', ['setRead', { id: C, read: true }]],
  ['setTags', ['setTags', { id: A, tags: ['keep', 'more'] }]],
  ['setNote', ['setNote', { id: A, note: 'a longer note' }]],
  ['setSavedMany', ['setSavedMany', { ids: [B, C], saved: true }]],
  ['setReadMany', ['setReadMany', { ids: [A, C], read: true }]],
  ['addTagsMany', ['addTagsMany', { ids: [A, B, C], tags: ['new'] }]],
  [
    'importBackup, merge',
    [
      'importBackup',
      {
        mode: 'merge',
        backup: {
          format: 'daily-papers-companion-backup',
          version: 1,
          exportedAt: '2025-02-01T00:00:00.000Z',
          papers: [makeStored(1), makeStored(50)],
          pages: [],
        },
      },
    ],
  ],
  [
    'importBackup, replace (which erases first)',
    [
      'importBackup',
      {
        mode: 'replace',
        backup: {
          format: 'daily-papers-companion-backup',
          version: 1,
          exportedAt: '2025-02-01T00:00:00.000Z',
          papers: [makeStored(50)],
          pages: [],
        },
      },
    ],
  ],
];

describe.each(['request', 'commit'] as const)('storage full (%s)', (shape) => {
  it.each(WRITES)('%s: a clear message, and the store exactly as it was', async (_what, [type, data]) => {
    const before = await snapshot();
    full = shape;
    await expect(sendMessage(type, data as never)).rejects.toThrow(new Error(FULL(shape)));
    full = undefined;
    expect(await snapshot()).toEqual(before);
  });

  it('the same write succeeds once there is room again', async () => {
    full = shape;
    await expect(sendMessage('setTags', { id: C, tags: ['later'] })).rejects.toThrow('Storage is full');
    full = undefined;
    await expect(sendMessage('setTags', { id: C, tags: ['later'] })).resolves.toMatchObject({
      state: { id: C, tags: ['later'] },
    });
  });

  it('reads still answer while nothing can be written', async () => {
    full = shape;
    expect(await sendMessage('getStats', {})).toEqual({ papers: 3, saved: 1, read: 1, seen: 0, tags: 1 });
    expect((await sendMessage('getStates', { ids: [A] })).states[0]).toMatchObject({
      saved: true,
      tags: ['keep'],
    });
    const { backup } = await sendMessage('exportBackup', {});
    expect((backup as { papers: unknown[] }).papers).toHaveLength(3);
  });
});

describe('on a papers page, when storage is full', () => {
  const DEMO = readFileSync(path.resolve(__dirname, '../../../assets/demo/papers.html'), 'utf8');
  let overlay: Overlay | undefined;
  afterEach(() => overlay?.stop());

  it('Save says on the card why it failed, and the card stays unsaved', async () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const parsed = new DOMParser().parseFromString(DEMO, 'text/html');
    document.body.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
    const handlers = createHandlers();
    const host: OverlayHost = {
      doc: document,
      t,
      send: async <K extends MessageName>(type: K, data: RequestOf<K>): Promise<ReplyOf<K>> => {
        const answer = await handleMessage(handlers, JSON.parse(JSON.stringify({ type, data })));
        if (!answer.ok) throw new Error(answer.error);
        return answer.result as ReplyOf<K>;
      },
      openTab: () => undefined,
      navigate: () => undefined,
      currentUrl: () => 'https://huggingface.co/papers/date/2026-11-26',
    };
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    const card = document.querySelector<HTMLElement>('article[data-paper-id]')!;
    const controls = () => card.querySelector('.dpc-host')?.shadowRoot;
    await vi.waitFor(() => expect(controls()?.querySelector('button')).toBeTruthy());
    full = 'commit';
    [...controls()!.querySelectorAll('button')].find((b) => /Save/.test(b.textContent ?? ''))!.click();
    await vi.waitFor(() =>
      expect(controls()?.querySelector('[role="status"]')?.textContent).toBe(FULL('commit')),
    );
    expect(card.dataset.saved).toBe('false');
    full = undefined;
    vi.unstubAllGlobals();
  });
});
