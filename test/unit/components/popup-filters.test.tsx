// @vitest-environment jsdom
/** The popup honours the filters (issue 15): mute rules fold saved papers to one line, follow rules highlight them. */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type Filters, NO_FILTERS } from '../../../lib/model/filters';
import { $, button, click, settle } from '../../support/dom';
import { library, mount, row, rowIds, unmount } from '../../support/popup';

afterEach(unmount);

const withRules = (rules: Filters['rules'], patch: Partial<Filters> = {}): Filters => ({
  ...NO_FILTERS,
  rules,
  ...patch,
});

describe('the popup and the filters', () => {
  it('folds a saved paper a mute rule matches to one line that says why, with Show and Hide again', async () => {
    const { root } = await mount(
      library(),
      {},
      withRules([{ action: 'mute', field: 'author', value: 'robin rombach' }]),
    );
    // Still in the list, in its place: the reader saved it.
    expect(rowIds(root)).toEqual(['2407.21783', '2112.10752', '1706.03762']);
    const folded = row(root, '2112.10752');
    expect(folded.hasAttribute('data-muted')).toBe(true);
    expect(folded.textContent).toBe("Latent Diffusion Models — muted: author 'robin rombach' · Show");
    expect(folded.querySelector('a.title')).toBeNull();
    expect(row(root, '2407.21783').hasAttribute('data-muted')).toBe(false);
    await click(button(folded, 'Show'));
    const shown = row(root, '2112.10752');
    expect($(shown, 'a.title').textContent).toBe('Latent Diffusion Models');
    expect(shown.textContent).toContain("muted: author 'robin rombach'");
    expect(button(shown, 'Hide again').getAttribute('aria-expanded')).toBe('true');
    await click(button(shown, 'Hide again'));
    expect(row(root, '2112.10752').querySelector('a.title')).toBeNull();
  });

  it('highlights a saved paper a follow rule matches and says which rule', async () => {
    const { root } = await mount(
      library(),
      {},
      withRules([{ action: 'follow', field: 'author', value: 'Ashish Vaswani' }]),
    );
    const followed = row(root, '1706.03762');
    expect(followed.classList.contains('followed')).toBe(true);
    expect(followed.getAttribute('data-followed')).toBe('Ashish Vaswani');
    expect($(followed, '.follow-note').textContent).toBe("followed: author 'Ashish Vaswani'");
    expect(row(root, '2407.21783').classList.contains('followed')).toBe(false);
  });

  it('never folds a saved paper for its upvotes or its missing code: those filters are about the site', async () => {
    const { root } = await mount(library(), {}, withRules([], { minUpvotes: 200, requireCode: true }));
    expect(rowIds(root)).toEqual(['2407.21783', '2112.10752', '1706.03762']);
    expect(root.querySelectorAll('[data-muted]')).toHaveLength(0);
    expect(root.querySelectorAll('a.title')).toHaveLength(3);
  });

  it('moves the focus with the arrow keys onto a folded row, to its Show button', async () => {
    const { root } = await mount(
      library(),
      {},
      withRules([{ action: 'mute', field: 'author', value: 'Robin Rombach' }]),
    );
    const first = $(row(root, '2407.21783'), 'a.title');
    first.focus();
    await act(() => {
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    await settle(40);
    expect(document.activeElement).toBe(button(row(root, '2112.10752'), 'Show'));
  });
});
