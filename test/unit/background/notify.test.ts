import { describe, expect, it } from 'vitest';
import { notifiedTitles, notifyUpdates } from '../../../lib/background/notify';
import type { PaperUpdate } from '../../../lib/model/watch';

const update = (id: string, title: string, kind: PaperUpdate['kind'] = 'code'): PaperUpdate => ({
  id,
  title,
  kind,
  at: 1,
});

describe('notifications of updates', () => {
  it('name each paper once, at most three, the untitled by their arXiv id', () => {
    expect(
      notifiedTitles([
        update('2608.00001', 'One'),
        update('2608.00001', 'One', 'models'),
        update('2608.00002', ''),
        update('2608.00003', 'Three'),
        update('2608.00004', 'Four'),
      ]),
    ).toEqual(['One', 'arXiv 2608.00002', 'Three']);
  });

  it('are not shown unless the reader turned them on (off by default)', async () => {
    await expect(notifyUpdates([update('2608.00001', 'One')])).resolves.toBe(false);
  });
});
