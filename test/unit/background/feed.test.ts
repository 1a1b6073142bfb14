import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { publishChange } from '../../../lib/background/feed';
import { CHANGE_FEED_KEY, type ChangeFeed } from '../../../lib/messages/protocol';
import type { PaperState } from '../../../lib/model/paper';
import { idOf, makeStored } from '../../fixtures/db/records';

describe('the change feed every tab reads', () => {
  it('carries ids and states, never whole records, even when given more than a state', async () => {
    const stored = {
      ...makeStored(1),
      note: 'mine',
      tags: ['ml'],
      savedAt: 5,
      githubRepo: 'https://github.com/o/r',
    };
    const isNew = true;
    await publishChange([{ ...stored, saved: true, isNew } as unknown as PaperState], 1_000);
    const feed = (await fakeBrowser.storage.local.get(CHANGE_FEED_KEY))[CHANGE_FEED_KEY] as ChangeFeed;
    expect(feed.ids).toEqual([idOf(1)]);
    expect(feed.states).toEqual([
      {
        id: idOf(1),
        state: stored.state,
        saved: true,
        tags: ['ml'],
        note: 'mine',
        githubRepo: 'https://github.com/o/r',
        githubStars: stored.githubStars,
        projectPage: stored.projectPage,
      },
    ]);
    expect(JSON.stringify(feed)).not.toContain(stored.title);
  });
});
