import { describe, expect, it } from 'vitest';
import type { MessageName } from '../../../lib/messages/protocol';
import { requestSchemas, validateRequest } from '../../../lib/messages/validate';
import { makeRecord, makeRichRecord } from '../../fixtures/db/records';

const PAGE = 'https://huggingface.co/papers';

describe('request validation', () => {
  it('has a schema for every message of the protocol', () => {
    const names: MessageName[] = [
      'observePapers',
      'getStates',
      'markSeen',
      'setSaved',
      'setRead',
      'setDismissed',
      'setWatched',
      'setTags',
      'setNote',
      'listPapers',
      'listTags',
      'getStats',
      'exportBackup',
      'importBackup',
      'eraseAll',
      'setSavedMany',
      'setReadMany',
      'addTagsMany',
      'syncNow',
      'getInboxDay',
      'openInbox',
      'rankPapers',
      'resetForYou',
      'checkNow',
      'markUpdatesRead',
    ];
    expect(Object.keys(requestSchemas).sort()).toEqual([...names].sort());
  });

  it('accepts well-formed requests of every kind', () => {
    const good: { [K in MessageName]: unknown } = {
      observePapers: { papers: [makeRecord(1), makeRichRecord(2)], pageUrl: PAGE },
      getStates: { ids: ['2401.00001', '2401.0001'] },
      markSeen: { ids: [] },
      setSaved: { id: '2401.00001', saved: true, paper: makeRichRecord(1) },
      setRead: { id: '2401.00001', read: false },
      setDismissed: { id: '2401.00001', dismissed: true },
      setWatched: { id: '2401.00001', watched: true },
      setTags: { id: '2401.00001', tags: [' a ', 'b'] },
      setNote: { id: '2401.00001', note: '' },
      listPapers: { view: { kind: 'tag', tag: 'ml' }, limit: 20, offset: 40 },
      listTags: {},
      getStats: undefined,
      exportBackup: {},
      importBackup: { backup: 'anything', mode: 'replace' },
      eraseAll: {},
      setSavedMany: { ids: ['2401.00001', '2401.00002'], saved: true },
      setReadMany: { ids: [], read: false },
      addTagsMany: { ids: ['2401.00001'], tags: ['rl'] },
      syncNow: {},
      getInboxDay: { date: '2026-07-31' },
      openInbox: {},
      rankPapers: { ids: ['2401.00001'], tag: 'rl' },
      resetForYou: {},
      checkNow: {},
      markUpdatesRead: undefined,
    };
    for (const [type, data] of Object.entries(good)) {
      expect(validateRequest(type as MessageName, data), type).toMatchObject({ ok: true });
    }
  });

  it('refuses an inbox day that is not a calendar day', () => {
    for (const date of ['2026-02-30', '2026-7-31', '2026-07-31T00:00:00Z', '', 20260731]) {
      expect(validateRequest('getInboxDay', { date }), String(date)).toMatchObject({ ok: false });
    }
  });

  it('ranks the papers of at most 31 inbox days, each a calendar day', () => {
    const ids = ['2401.00001'];
    expect(validateRequest('rankPapers', { ids, days: ['2026-07-31', '2026-07-30'] })).toMatchObject({
      ok: true,
    });
    for (const days of [['2026-02-30'], '2026-07-31', [20260731]]) {
      expect(validateRequest('rankPapers', { ids, days }), JSON.stringify(days)).toMatchObject({ ok: false });
    }
    const month = Array.from({ length: 32 }, (_, i) => `2026-07-${String((i % 31) + 1).padStart(2, '0')}`);
    expect(validateRequest('rankPapers', { ids, days: month })).toMatchObject({ ok: false });
    expect(validateRequest('rankPapers', { ids, days: month.slice(0, 31) })).toMatchObject({ ok: true });
  });

  it('drops unknown keys instead of storing them', () => {
    const result = validateRequest('setSaved', {
      id: '2401.00001',
      saved: true,
      paper: { ...makeRecord(1), evil: '<script>' },
      extra: 1,
    });
    expect(result.ok && result.value).toEqual({ id: '2401.00001', saved: true, paper: makeRecord(1) });
  });

  it.each(
    (
      [
        [
          'observePapers',
          { papers: 'x', pageUrl: PAGE },
          'Invalid observePapers request: papers: must be a list.',
        ],
        [
          'observePapers',
          { papers: [makeRecord(1)], pageUrl: 'http://huggingface.co/papers' },
          'Invalid observePapers request: pageUrl: must be an https:// link.',
        ],
        [
          'observePapers',
          { papers: Array.from({ length: 5_001 }, () => makeRecord(1)), pageUrl: PAGE },
          'Invalid observePapers request: papers: must hold at most 5,000 papers.',
        ],
        [
          'observePapers',
          { papers: [makeRecord(1, { title: 'x'.repeat(2_001) })], pageUrl: PAGE },
          'Invalid observePapers request: papers[0].title: must be at most 2,000 characters.',
        ],
        [
          'observePapers',
          { papers: [makeRecord(1, { authors: Array.from({ length: 5_001 }, () => 'A') })], pageUrl: PAGE },
          'Invalid observePapers request: papers[0].authors: must hold at most 5,000 authors.',
        ],
        [
          'observePapers',
          { papers: [makeRecord(1, { githubRepo: 'javascript:alert(1)' })], pageUrl: PAGE },
          'Invalid observePapers request: papers[0].githubRepo: must be a canonical https://github.com/OWNER/REPO link.',
        ],
        [
          'observePapers',
          { papers: [makeRecord(1, { thumbnail: 'http://x.test/a.png' })], pageUrl: PAGE },
          'Invalid observePapers request: papers[0].thumbnail: must be an https:// link.',
        ],
        [
          'observePapers',
          { papers: [makeRecord(1, { upvotes: -1 })], pageUrl: PAGE },
          'Invalid observePapers request: papers[0].upvotes: must not be negative.',
        ],
        [
          'observePapers',
          { papers: [makeRecord(1, { upvotes: 1.5 })], pageUrl: PAGE },
          'Invalid observePapers request: papers[0].upvotes: must be a whole number.',
        ],
        [
          'observePapers',
          { papers: [{ ...makeRecord(1), id: '1234' }], pageUrl: PAGE },
          'Invalid observePapers request: papers[0].id: must be an arXiv id like 2407.21783.',
        ],
        [
          'getStates',
          { ids: ['2401.00001', 'abc'] },
          'Invalid getStates request: ids[1]: must be an arXiv id like 2407.21783.',
        ],
        ['markSeen', {}, 'Invalid markSeen request: ids: is missing.'],
        [
          'setSaved',
          { id: '2401.00001', saved: 'yes' },
          'Invalid setSaved request: saved: must be true or false.',
        ],
        [
          'setNote',
          { id: '2401.00001', note: 'x'.repeat(10_001) },
          'Invalid setNote request: note: must be at most 10,000 characters.',
        ],
        [
          'listPapers',
          { view: { kind: 'starred' } },
          'Invalid listPapers request: view.kind: must be one of saved, read, seen, all, tag.',
        ],
        [
          'listPapers',
          { view: { kind: 'all' }, limit: 0 },
          'Invalid listPapers request: limit: must be at least 1.',
        ],
        [
          'importBackup',
          { backup: {}, mode: 'append' },
          'Invalid importBackup request: mode: must be merge or replace.',
        ],
        ['setRead', null, 'Invalid setRead request: must be an object.'],
        [
          'rankPapers',
          { ids: ['2401.00001'], tag: '' },
          'Invalid rankPapers request: tag: must not be empty.',
        ],
        [
          'setDismissed',
          { id: '2401.00001', dismissed: 'yes' },
          'Invalid setDismissed request: dismissed: must be true or false.',
        ],
        [
          'setWatched',
          { id: '2401.00001', watched: 1 },
          'Invalid setWatched request: watched: must be true or false.',
        ],
        [
          'setWatched',
          { id: 'not-an-id', watched: true },
          'Invalid setWatched request: id: must be an arXiv id like 2407.21783.',
        ],
      ] as [string, unknown, string][]
    ).map(([type, data, message]) => ({ type, data, message })),
  )('refuses a bad $type request: $message', ({ type, data, message }) => {
    expect(validateRequest(type as MessageName, data)).toEqual({ ok: false, error: message });
  });
});
