import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '../../../entrypoints/background';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { ENRICH_ALARM } from '../../../lib/enrich/worker';
import { changeSeq } from '../../../lib/messages/change-feed';
import { sendMessage } from '../../../lib/messages/client';
import { INBOX_FIRST_ROWS_KEY } from '../../../lib/messages/protocol';
import { NO_FILTERS } from '../../../lib/model/filters';
import { saveSettings } from '../../../lib/settings';
import { idOf, makeRecord } from '../../fixtures/db/records';

/** The fake browser's events can say whether anything listens; its types do not show it. */
const hasListeners = (event: unknown) => (event as { hasListeners(): boolean }).hasListeners();

/** The background entrypoint, wired as the browser would run it, with a fake network. */
const fetchMock = vi.fn<typeof fetch>();

beforeEach(async () => {
  await deleteDb();
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('entrypoints/background', () => {
  it('registers its listeners synchronously and answers messages', async () => {
    background.main();
    // Registered before main() returns, with no await in between.
    expect(hasListeners(fakeBrowser.runtime.onMessage)).toBe(true);
    expect(hasListeners(fakeBrowser.alarms.onAlarm)).toBe(true);
    const { states } = await sendMessage('observePapers', {
      papers: [makeRecord(1)],
      pageUrl: 'https://huggingface.co/papers',
    });
    expect(states[0]).toMatchObject({ id: idOf(1), state: 'new' });
  });

  it('saving a paper without links starts the enrichment worker; a failure leaves the alarm for the retry', async () => {
    fetchMock.mockResolvedValue(new Response('', { status: 503 }));
    background.main();
    await sendMessage('observePapers', { papers: [makeRecord(1)], pageUrl: 'https://huggingface.co/papers' });
    await sendMessage('setSaved', { id: idOf(1), saved: true });
    await vi.waitFor(async () => expect((await getDb().enrichment.get(idOf(1)))?.attempts).toBe(1));
    expect(fetchMock).toHaveBeenCalledWith('https://huggingface.co/api/papers/2401.00001', expect.anything());
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(ENRICH_ALARM)).toBeDefined());
    expect((await sendMessage('getStates', { ids: [idOf(1)] })).states[0]?.saved).toBe(true);
  });

  it('the alarm runs the worker', async () => {
    fetchMock.mockImplementation(async () => Response.json({ githubRepo: 'a/b' }));
    await saveSettings({ fetchCodeLinks: false }); // keep the save from starting it
    background.main();
    await sendMessage('observePapers', { papers: [makeRecord(1)], pageUrl: 'https://huggingface.co/papers' });
    await sendMessage('setSaved', { id: idOf(1), saved: true });
    expect(fetchMock).not.toHaveBeenCalled();
    await fakeBrowser.storage.local.set({ settings: { fetchCodeLinks: true } }); // turning it on kicks it
    await vi.waitFor(async () =>
      expect((await getDb().papers.get(idOf(1)))?.githubRepo).toBe('https://github.com/a/b'),
    );

    await sendMessage('observePapers', { papers: [makeRecord(2)], pageUrl: 'https://huggingface.co/papers' });
    await getDb().papers.update(idOf(2), { savedAt: 1 });
    await getDb().enrichment.put({
      id: idOf(2),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
      updatedAt: 0,
    });
    await fakeBrowser.alarms.onAlarm.trigger({ name: ENRICH_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => expect((await getDb().enrichment.get(idOf(2)))?.status).toBe('done'));
  });

  it("a visit of a daily list drops the inbox's kept rows (their default range started at the last one)", async () => {
    background.main();
    const kept = { range: { from: '2026-07-25', to: '2026-07-31' }, rows: [], left: 0 };
    await fakeBrowser.storage.local.set({ [INBOX_FIRST_ROWS_KEY]: kept });
    const stillKept = async () =>
      (await fakeBrowser.storage.local.get(INBOX_FIRST_ROWS_KEY))[INBOX_FIRST_ROWS_KEY] !== undefined;
    // Other lists leave the range where it was; a re-visit that changes no paper publishes nothing.
    await sendMessage('observePapers', {
      papers: [makeRecord(1)],
      pageUrl: 'https://huggingface.co/papers/week/2026-W31',
    });
    await fakeBrowser.storage.local.set({ [INBOX_FIRST_ROWS_KEY]: kept });
    await sendMessage('observePapers', {
      papers: [makeRecord(1)],
      pageUrl: 'https://huggingface.co/papers/trending',
    });
    expect(await stillKept()).toBe(true);
    await sendMessage('observePapers', {
      papers: [makeRecord(1)],
      pageUrl: 'https://huggingface.co/papers/date/2026-07-31',
    });
    expect(await stillKept()).toBe(false);
  });

  it("a visit of a daily list the same day as the one the inbox's kept rows start at leaves them", async () => {
    background.main();
    const visit = (list: string) =>
      sendMessage('observePapers', {
        papers: [makeRecord(1)],
        pageUrl: `https://huggingface.co/papers${list}`,
      });
    await visit('/date/2026-07-31');
    const kept = {
      range: { from: '2026-07-25', to: '2026-07-31' },
      rows: [],
      left: 0,
      filters: NO_FILTERS,
      seq: await changeSeq(fakeBrowser.storage.local),
      freshUntil: Date.now() + 60_000,
      missedSince: Date.now(),
    };
    const keptNow = async () =>
      (await fakeBrowser.storage.local.get(INBOX_FIRST_ROWS_KEY))[INBOX_FIRST_ROWS_KEY];
    await fakeBrowser.storage.local.set({ [INBOX_FIRST_ROWS_KEY]: kept });
    await visit('');
    expect(await keptNow()).toEqual(kept);
    // The day before: this visit moves the range.
    await fakeBrowser.storage.local.set({
      [INBOX_FIRST_ROWS_KEY]: { ...kept, missedSince: kept.missedSince - 86_400_000 },
    });
    await visit('');
    expect(await keptNow()).toBeUndefined();
  });
});
