import { beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createHandlers } from '../../../lib/background/handlers';
import { handleMessage } from '../../../lib/background/server';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { CHANGE_FEED_KEY, type ChangeFeed } from '../../../lib/messages/protocol';
import { idOf, makeRecord } from '../../fixtures/db/records';

const NOW = Date.UTC(2025, 2, 1);
const PAGE = 'https://huggingface.co/papers';

async function feed(): Promise<ChangeFeed | undefined> {
  return (await fakeBrowser.storage.local.get(CHANGE_FEED_KEY))[CHANGE_FEED_KEY] as ChangeFeed | undefined;
}

describe('bulk messages (setSavedMany, setReadMany, addTagsMany)', () => {
  let onSaved: Mock<() => void>;
  let handlers: ReturnType<typeof createHandlers>;
  beforeEach(async () => {
    await deleteDb();
    onSaved = vi.fn<() => void>();
    handlers = createHandlers({ now: () => NOW, onSaved });
    await handlers.observePapers({ papers: [1, 2, 3].map((n) => makeRecord(n)), pageUrl: PAGE });
  });

  it('setSavedMany saves several papers in one go, queues them for code links and publishes them', async () => {
    const { states } = await handlers.setSavedMany({ ids: [idOf(1), idOf(2), idOf(1)], saved: true });
    expect(states.map((s) => [s.id, s.saved])).toEqual([
      [idOf(1), true],
      [idOf(2), true],
    ]);
    const rows = await getDb().papers.bulkGet([idOf(1), idOf(2), idOf(3)]);
    expect(rows.map((r) => r?.savedAt)).toEqual([NOW, NOW, undefined]);
    expect(await getDb().enrichment.count()).toBe(2);
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect((await feed())?.ids.sort()).toEqual([idOf(1), idOf(2)]);

    await handlers.setSavedMany({ ids: [idOf(1)], saved: false });
    expect((await getDb().papers.get(idOf(1)))?.savedAt).toBeUndefined();
    expect(await getDb().enrichment.get(idOf(1))).toBeUndefined();
  });

  it('is all or nothing: an unknown id leaves every paper as it was', async () => {
    const answer = await handleMessage(handlers, {
      type: 'setReadMany',
      data: { ids: [idOf(1), idOf(99), idOf(2)], read: true },
    });
    expect(answer).toEqual({
      ok: false,
      error: `Paper ${idOf(99)} is not in your reading list yet; open a page that shows it and try again.`,
    });
    const rows = await getDb().papers.bulkGet([idOf(1), idOf(2)]);
    expect(rows.map((r) => r?.state)).toEqual(['new', 'new']);
  });

  it('setReadMany marks read and unread', async () => {
    await handlers.setReadMany({ ids: [idOf(1), idOf(3)], read: true });
    expect((await getDb().papers.bulkGet([idOf(1), idOf(2), idOf(3)])).map((r) => r?.state)).toEqual([
      'read',
      'new',
      'read',
    ]);
    const { states } = await handlers.setReadMany({ ids: [idOf(3)], read: false });
    expect(states).toEqual([expect.objectContaining({ id: idOf(3), state: 'seen' })]);
    expect((await getDb().papers.get(idOf(3)))?.readAt).toBeUndefined();
  });

  it('addTagsMany adds tags and keeps the ones each paper has, case-insensitively', async () => {
    await handlers.setTags({ id: idOf(1), tags: ['RL', 'survey'] });
    const { states } = await handlers.addTagsMany({
      ids: [idOf(1), idOf(2)],
      tags: ['rl', ' reading  group '],
    });
    expect(states.map((s) => s.tags)).toEqual([
      ['RL', 'survey', 'reading group'],
      ['rl', 'reading group'],
    ]);
  });

  it('addTagsMany refuses to go past the tag limit for any paper, and changes nothing', async () => {
    await handlers.setTags({ id: idOf(2), tags: Array.from({ length: 50 }, (_, i) => `t${i}`) });
    const answer = await handleMessage(handlers, {
      type: 'addTagsMany',
      data: { ids: [idOf(1), idOf(2)], tags: ['one more'] },
    });
    expect(answer).toEqual({ ok: false, error: 'A paper can have at most 50 tags (this list has 51).' });
    expect((await getDb().papers.get(idOf(1)))?.tags).toEqual([]);
  });

  it('validates the payload: ids must be arXiv ids, at most 5,000 of them', async () => {
    expect(
      await handleMessage(handlers, {
        type: 'setSavedMany',
        data: { ids: ['javascript:alert(1)'], saved: true },
      }),
    ).toEqual({
      ok: false,
      error: 'Invalid setSavedMany request: ids[0]: must be an arXiv id like 2407.21783.',
    });
    const tooMany = Array.from({ length: 5_001 }, (_, i) => idOf(i));
    expect(
      await handleMessage(handlers, { type: 'setReadMany', data: { ids: tooMany, read: true } }),
    ).toEqual({
      ok: false,
      error: 'Invalid setReadMany request: ids: must hold at most 5,000 ids.',
    });
    expect(
      await handleMessage(handlers, { type: 'addTagsMany', data: { ids: [idOf(1)], tags: 'rl' } }),
    ).toMatchObject({
      ok: false,
      error: 'Invalid addTagsMany request: tags: must be a list.',
    });
  });

  it('an empty list changes nothing and publishes nothing', async () => {
    const before = await feed();
    expect(await handlers.setSavedMany({ ids: [], saved: true })).toEqual({ states: [] });
    expect(await feed()).toEqual(before);
    expect(onSaved).not.toHaveBeenCalled();
  });
});
