import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { publishChange } from '../../../lib/background/feed';
import { changeSeq } from '../../../lib/messages/change-feed';
import { validKeptScreen } from '../../../lib/messages/kept-rows';
import {
  CHANGE_FEED_KEY,
  POPUP_FIRST_ROWS_KEY,
  POPUP_FIRST_SCREEN_KEY,
} from '../../../lib/messages/protocol';
import { keepRows, readKeptRows } from '../../../lib/popup/first-rows';
import { makeStored } from '../../fixtures/db/records';

const SAVED = { kind: 'saved' } as const;
const rows = [1, 2, 3].map((n) => makeStored(n, { savedAt: n }));

describe("the popup's kept first rows", () => {
  it('are shown by the next popup when nothing changed since they were read', async () => {
    await keepRows(rows, 40, await changeSeq(fakeBrowser.storage.local));
    expect((await readKeptRows(SAVED, 40))?.papers).toEqual(rows);
    expect((await readKeptRows(SAVED, 2))?.papers).toEqual(rows.slice(0, 2));
  });

  it('are not used for another view, or for more rows than were kept', async () => {
    await keepRows(rows, 40, await changeSeq(fakeBrowser.storage.local));
    expect(await readKeptRows({ kind: 'read' }, 40)).toBeUndefined();
    expect(await readKeptRows(SAVED, 41)).toBeUndefined();
  });

  it('are dropped by the next change, even one published between their read and their keeping', async () => {
    const seq = await changeSeq(fakeBrowser.storage.local);
    await publishChange([{ id: rows[0]!.id, state: 'read', saved: false, tags: [] }]);
    await keepRows(rows, 40, seq);
    expect(await readKeptRows(SAVED, 40)).toBeUndefined();

    await keepRows(rows, 40, await changeSeq(fakeBrowser.storage.local));
    await publishChange('all');
    expect((await fakeBrowser.storage.local.get(POPUP_FIRST_ROWS_KEY))[POPUP_FIRST_ROWS_KEY]).toBeUndefined();
    expect(await readKeptRows(SAVED, 40)).toBeUndefined();
  });

  it('outlive a change to papers they do not show, which saves nothing: a visit of a papers page', async () => {
    await keepRows(rows, 40, await changeSeq(fakeBrowser.storage.local));
    await publishChange([{ id: '2401.99999', state: 'seen', saved: false, tags: [] }]);
    expect((await readKeptRows(SAVED, 40))?.papers).toEqual(rows);
  });

  it('are dropped by a change to a paper they show, or one that saves a paper (it may come first)', async () => {
    await keepRows(rows, 40, await changeSeq(fakeBrowser.storage.local));
    await publishChange([{ id: rows[2]!.id, state: 'seen', saved: true, tags: ['new'] }]);
    expect(await readKeptRows(SAVED, 40)).toBeUndefined();

    await keepRows(rows, 40, await changeSeq(fakeBrowser.storage.local));
    await publishChange([{ id: '2401.99999', state: 'new', saved: true, tags: [] }]);
    expect(await readKeptRows(SAVED, 40)).toBeUndefined();
  });

  it('are dropped by a change that moved past them unseen (kept at an older position)', async () => {
    const seq = await changeSeq(fakeBrowser.storage.local);
    await publishChange([{ id: '2401.99998', state: 'seen', saved: false, tags: [] }]);
    await keepRows(rows, 40, seq);
    await publishChange([{ id: '2401.99999', state: 'seen', saved: false, tags: [] }]);
    expect(await readKeptRows(SAVED, 40)).toBeUndefined();
  });
});

describe("the popup's kept first screen", () => {
  const screen = [{ t: 'div', a: [['data-paper-row', '2401.00001']], c: ['A paper'] }];
  const keptScreen = async () =>
    validKeptScreen(await fakeBrowser.storage.local.get([POPUP_FIRST_SCREEN_KEY, CHANGE_FEED_KEY]))?.screen;

  it('is kept apart from the rows, so that the first read is the screen alone', async () => {
    await keepRows(rows, 40, await changeSeq(fakeBrowser.storage.local), screen);
    expect(await keptScreen()).toEqual(screen);
    const stored = await fakeBrowser.storage.local.get([POPUP_FIRST_ROWS_KEY, POPUP_FIRST_SCREEN_KEY]);
    expect(stored[POPUP_FIRST_ROWS_KEY]).not.toHaveProperty('screen');
    expect(JSON.stringify(stored[POPUP_FIRST_SCREEN_KEY])).not.toContain(rows[0]!.title);
  });

  it('moves with the rows past a change that cannot have touched them, and goes with them otherwise', async () => {
    await keepRows(rows, 40, await changeSeq(fakeBrowser.storage.local), screen);
    await publishChange([{ id: '2401.99999', state: 'seen', saved: false, tags: [] }]);
    expect(await keptScreen()).toEqual(screen);

    await publishChange([{ id: rows[1]!.id, state: 'read', saved: true, tags: [] }]);
    expect(await keptScreen()).toBeUndefined();
    expect(
      (await fakeBrowser.storage.local.get(POPUP_FIRST_SCREEN_KEY))[POPUP_FIRST_SCREEN_KEY],
    ).toBeUndefined();
  });

  it('is removed when rows are kept without one, and is not valid at another position', async () => {
    const seq = await changeSeq(fakeBrowser.storage.local);
    await keepRows(rows, 40, seq, screen);
    await keepRows(rows, 40, seq);
    expect(
      (await fakeBrowser.storage.local.get(POPUP_FIRST_SCREEN_KEY))[POPUP_FIRST_SCREEN_KEY],
    ).toBeUndefined();

    await keepRows(rows, 40, seq - 1, screen);
    expect(await keptScreen()).toBeUndefined();
  });
});
