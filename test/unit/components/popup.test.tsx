// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { $, button, click, settle, typeInto } from '../../support/dom';
import { makePaper } from '../../support/papers';
import { library, mount, row, rowIds, unmount } from '../../support/popup';

const DAY = 86_400_000;

afterEach(unmount);

describe('the popup', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('lists saved papers, latest first, with counts on every list', async () => {
    const { root } = await mount();
    expect(rowIds(root)).toEqual(['2407.21783', '2112.10752', '1706.03762']);
    const views = [...root.querySelectorAll('.views button')].map((b) =>
      b.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(views).toEqual(['Saved 3', 'Read 1', 'Seen 3', '#llm 1']);
    expect($(root, '.views [aria-current="page"]').textContent).toContain('Saved');
  });

  it('shows each paper with canonical https links and its actions', async () => {
    const { root } = await mount();
    const llama = row(root, '2407.21783');
    const title = $(llama, 'a.title') as HTMLAnchorElement;
    expect(title.textContent).toBe('The Llama 3 Herd of Models');
    expect(title.href).toBe('https://huggingface.co/papers/2407.21783');
    const links = [...llama.querySelectorAll<HTMLAnchorElement>('.links a')].map((a) => [
      a.textContent?.replace(/\s+/g, ' ').trim(),
      a.href,
    ]);
    expect(links).toEqual([
      ['Open code', 'https://github.com/meta-llama/llama3'],
      ['Project page', 'https://llama.meta.com/'],
      ['arXiv', 'https://arxiv.org/abs/2407.21783'],
      ['PDF', 'https://arxiv.org/pdf/2407.21783'],
    ]);
    // The link's name is what it shows; the stars stand beside it, spelled out for screen readers (#17).
    expect($(llama, 'a.code').hasAttribute('aria-label')).toBe(false);
    expect($(llama, '.code-link .stars').textContent).toBe('★ 27K27,012 stars');
    expect(llama.querySelectorAll('a[target="_blank"]:not([rel~="noopener"])')).toHaveLength(0);
    expect(llama.textContent).toContain('Saved 1970-01-31');
    expect(llama.textContent).toContain('Abhimanyu Dubey et al.');
    expect([...llama.querySelectorAll('.actions button')].map((b) => b.textContent)).toEqual([
      'Unsave',
      'Mark read',
      'Watch for updates',
      'Copy BibTeX',
    ]);
    expect($(llama, 'input[type="checkbox"]').getAttribute('aria-label')).toBe(
      'Select “The Llama 3 Herd of Models”',
    );
  });

  it('renders hostile text as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    const { root } = await mount([
      makePaper({ id: '2401.00001', title: hostile, tags: ['<script>alert(1)</script>'] }),
    ]);
    expect(root.querySelector('img, b, script')).toBeNull();
    expect($(root, 'a.title').textContent).toBe(hostile);
    expect($(root, '.chips li span').textContent).toBe('<script>alert(1)</script>');
  });

  it('searches as you type: by title word, author and repository, with a count', async () => {
    const { root } = await mount();
    const search = $(root, '#search') as HTMLInputElement;
    expect(search.labels?.[0]?.textContent).toBe('Search your reading list');

    await typeInto(search, 'diff');
    expect(rowIds(root)).toEqual(['2112.10752']);
    expect($(root, '.summary').textContent).toContain('1 paper matches');
    expect($(root, '.list-area').getAttribute('data-query')).toBe('diff');

    await typeInto(search, 'vaswani');
    expect(rowIds(root)).toEqual(['1706.03762']);
    await typeInto(search, 'llama3');
    expect(rowIds(root)).toEqual(['2407.21783']);

    await typeInto(search, 'nothing like this');
    expect(rowIds(root)).toEqual([]);
    expect(root.textContent).toContain('No paper in your reading list matches “nothing like this”.');
    await click(button(root, 'Clear search'));
    expect(search.value).toBe('');
    expect(rowIds(root)).toHaveLength(3);
  });

  it('finds papers in every list: each list shows its matches, and one click opens it with the search kept', async () => {
    const { root } = await mount([
      ...library(),
      makePaper({
        id: '2312.00752',
        title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
        savedAt: undefined,
        state: 'read',
        readAt: 45 * DAY,
      }),
    ]);
    const lists = () =>
      [...root.querySelectorAll('.views button')].map((b) => b.textContent?.replace(/\s+/g, ' ').trim());
    const search = $(root, '#search') as HTMLInputElement;

    // In Saved, a paper that is only in Read: the empty list says where it is.
    await typeInto(search, 'mamba');
    expect(rowIds(root)).toEqual([]);
    expect($(root, '.empty').textContent).toContain('No match for “mamba” in Saved.');
    expect(lists()).toEqual(['Saved 0', 'Read 1', 'Seen 0', '#llm 0']);
    expect($(root, '.views').getAttribute('aria-label')).toBe(
      'Lists, each with how many papers match the search',
    );
    await click(button(root, 'Show 1 in Read'));
    await settle(20);
    expect($(root, '.views [aria-current="page"]').getAttribute('data-view')).toBe('read');
    expect(search.value).toBe('mamba');
    expect(rowIds(root)).toEqual(['2312.00752']);
    expect(document.activeElement).toBe($(row(root, '2312.00752'), 'a.title'));

    // Matches in several lists: each list counts its own; the list switcher opens them.
    await typeInto(search, 'models');
    expect(lists()).toEqual(['Saved 2', 'Read 0', 'Seen 2', '#llm 1']);
    await click($(root, '[data-view="saved"]'));
    expect(search.value).toBe('models');
    expect(rowIds(root).sort()).toEqual(['2112.10752', '2407.21783']);

    // Without a search, the lists show their sizes again.
    await typeInto(search, '');
    expect(lists()).toEqual(['Saved 3', 'Read 2', 'Seen 3', '#llm 1']);
  });

  it('switches lists: Read, Seen and a tag', async () => {
    const { root } = await mount();
    await click($(root, '[data-view="read"]'));
    expect(rowIds(root)).toEqual(['1706.03762']);
    expect($(row(root, '1706.03762'), '.actions').textContent).toContain('Mark unread');
    await click($(root, '[data-view="seen"]'));
    expect(rowIds(root)).toEqual(['2407.21783', '2112.10752', '2401.00004']);
    expect($(row(root, '2401.00004'), '.actions').textContent).toContain('Save');
    await click($(root, '[data-view="tag:llm"]'));
    expect(rowIds(root)).toEqual(['2407.21783']);
  });

  it('sorts by best match while searching, or by the order chosen', async () => {
    const { root } = await mount();
    const sort = $(root, '.sort select') as HTMLSelectElement;
    const choose = async (value: string) => {
      await act(() => {
        sort.value = value;
        sort.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await settle();
    };
    expect([...sort.options].map((o) => o.value)).toEqual(['date', 'upvotes', 'published']);
    await typeInto($(root, '#search') as HTMLInputElement, 'models');
    expect(sort.value).toBe('relevance');
    expect([...sort.options].map((o) => o.textContent)).toEqual([
      'Best match',
      'Date saved',
      'Upvotes',
      'Publication date',
    ]);
    await choose('upvotes');
    expect(rowIds(root)).toEqual(['2112.10752', '2407.21783']);
    await typeInto($(root, '#search') as HTMLInputElement, '');
    expect(rowIds(root)).toEqual(['2112.10752', '2407.21783', '1706.03762']);
    await choose('published');
    expect(sort.value).toBe('published');
  });

  it('unsaves, marks read and copies BibTeX from a row', async () => {
    const { root, calls } = await mount();
    await click(button(row(root, '2112.10752'), 'Mark read'));
    expect(calls).toContain('setRead 2112.10752 true');
    expect($(row(root, '2112.10752'), '.actions').textContent).toContain('Mark unread');
    await click(button(row(root, '2112.10752'), 'Copy BibTeX'));
    expect(calls).toContain('copyBibtex 2112.10752');
    expect($(root, '.status').textContent).toContain('BibTeX copied to the clipboard.');
    await click(button(row(root, '2112.10752'), 'Unsave'));
    expect(calls).toContain('setSaved 2112.10752 false');
    expect(rowIds(root)).toEqual(['2407.21783', '1706.03762']);
  });

  it('watches a paper that is not saved for updates from its row, and stops', async () => {
    const { root, calls } = await mount();
    await click($(root, '[data-view="seen"]'));
    const watch = () => button(row(root, '2401.00004'), 'Watch for updates');
    expect(watch().getAttribute('aria-pressed')).toBe('false');
    await click(watch());
    expect(calls).toContain('setWatched 2401.00004 true');
    expect(watch().getAttribute('aria-pressed')).toBe('true');
    expect(watch().title).toBe('Stop watching');
    expect($(root, '.status').textContent).toContain('Watching for updates.');
    await click(watch());
    expect(calls).toContain('setWatched 2401.00004 false');
    expect(watch().getAttribute('aria-pressed')).toBe('false');
    expect($(root, '.status').textContent).toContain('No longer watched.');
  });

  it('shows a saved paper as always watched: its watch button says why and does nothing', async () => {
    const { root, calls } = await mount();
    const watch = button(row(root, '2112.10752'), 'Watch for updates');
    expect(watch.getAttribute('aria-pressed')).toBe('true');
    expect(watch.getAttribute('aria-disabled')).toBe('true');
    expect(watch.title).toBe('Saved papers are always watched for updates');
    await click(watch);
    expect(calls.filter((c) => c.startsWith('setWatched'))).toEqual([]);
  });

  it('edits tags inline: adds with Enter, removes with ×', async () => {
    const { root, calls } = await mount();
    const diffusion = row(root, '2112.10752');
    await click(button(diffusion, '+ Tag'));
    const field = $(diffusion, '.add-tag input') as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    expect(field.getAttribute('aria-label')).toBe('New tag for “Latent Diffusion Models”');
    await typeInto(field, '  image  gen ');
    await act(() => {
      $(diffusion, '.add-tag').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls).toContain('setTags 2112.10752 ["image gen"]');
    expect([...root.querySelectorAll('.views button')].map((b) => b.getAttribute('data-view'))).toContain(
      'tag:image gen',
    );
    await click($(row(root, '2112.10752'), 'button[aria-label="Remove tag image gen"]'));
    expect(calls).toContain('setTags 2112.10752 []');
  });

  it('selects several rows (shift-click for a range) and acts on them at once', async () => {
    const { root, calls } = await mount();
    const box = (id: string) => $(row(root, id), 'input[type="checkbox"]');
    await click(box('2407.21783'));
    await click(box('1706.03762'), { shiftKey: true });
    expect($(root, '.selection-count').textContent).toBe('3 papers selected');
    await click(button($(root, '.selection'), 'Mark read'));
    expect(calls).toContain('setRead 2407.21783,2112.10752,1706.03762 true');
    expect(root.querySelector('.selection')).toBeNull();
    expect($(root, '.status').textContent).toContain('Papers marked read: 3.');

    await click(box('2407.21783'));
    await click(box('2112.10752'));
    const tagField = $(root, '.selection input') as HTMLInputElement;
    await typeInto(tagField, 'survey');
    await act(() => {
      $(root, '.selection form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls).toContain('addTags 2407.21783,2112.10752 ["survey"]');
    await click(button($(root, '.selection'), 'Unsave'));
    expect(calls).toContain('setSaved 2407.21783,2112.10752 false');
    expect(rowIds(root)).toEqual(['1706.03762']);
  });

  it('exports the selection, the list or everything in the chosen format', async () => {
    const { root, calls } = await mount();
    await click($(row(root, '2112.10752'), 'input[type="checkbox"]'));
    const [scope, format] = [...root.querySelectorAll<HTMLSelectElement>('.export select')];
    expect([...scope!.options].map((o) => o.textContent)).toEqual([
      'Selection (1)',
      'Saved (3)',
      'Everything (4)',
    ]);
    await act(() => {
      format!.value = 'ris';
      format!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => {
      $(root, 'form.export').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls).toContain('export ris 2112.10752 Selection');
    // Said in the export panel, politely, beside the button; not in the status line above the list.
    const said = $(root, 'form.export [role="status"]');
    expect(said.getAttribute('aria-live')).toBe('polite');
    expect(said.textContent).toBe('Download started.');
    expect(root.querySelector('.popup > .status')).toBeNull();
    await act(() => {
      scope!.value = 'view';
      scope!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => {
      $(root, 'form.export').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls).toContain('export ris 2407.21783,2112.10752,1706.03762 Saved');
    await click(button(root, 'Full backup (JSON)'));
    expect(calls).toContain('backup');
  });

  it('follows changes made elsewhere (the change feed) while open', async () => {
    const { root, store, model } = await mount();
    store[3] = { ...store[3]!, savedAt: 50 * DAY };
    await act(() => model.applyChange({ ids: ['2401.00004'] }));
    await settle();
    expect(rowIds(root)[0]).toBe('2401.00004');
    expect($(root, '[data-view="saved"]').textContent).toContain('4');
  });

  it('moves between rows with the arrow keys, starting from the search field', async () => {
    const { root } = await mount();
    await act(() => {
      $(root, '#search').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    await settle(20);
    expect(document.activeElement).toBe($(row(root, '2407.21783'), 'a.title'));
    await act(() => {
      document.activeElement?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }),
      );
    });
    await settle(20);
    expect(document.activeElement).toBe($(row(root, '2112.10752'), 'a.title'));
  });

  it('opens the inbox from its button, which says how many papers are left there once that is known', async () => {
    const opened: string[] = [];
    const openInbox = () => void opened.push('inbox');
    const { root } = await mount(library(), { openInbox });
    expect($(root, '.inbox-link').textContent).toBe('Inbox');
    unmount();
    const counted = await mount(library(), { openInbox }, undefined, { inboxCount: 1234 });
    const inbox = $(counted.root, '.inbox-link') as HTMLButtonElement;
    expect(inbox.textContent).toBe('Inbox (1,234)');
    expect(inbox.getAttribute('data-inbox-count')).toBe('1234');
    await act(() => inbox.click());
    expect(opened).toEqual(['inbox']);
    unmount();
    // A page that cannot open it shows no button.
    expect((await mount()).root.querySelector('.inbox-link')).toBeNull();
  });

  it('says what to do on first run, and in an empty list', async () => {
    const { root, calls } = await mount([]);
    expect(root.textContent).toContain('Your reading list is empty');
    const open = [...root.querySelectorAll<HTMLAnchorElement>('.first-run a')].map((a) => a.href);
    expect(open).toEqual(['https://huggingface.co/papers']);
    await click(button(root, 'Restore a backup in Options'));
    expect(calls).toEqual(['options']);
    render(null, root);

    const { root: second } = await mount([
      makePaper({ id: '2401.00001', savedAt: undefined, state: 'seen' }),
    ]);
    expect(second.textContent).toContain('No saved papers yet.');
    await click($(second, '[data-view="read"]'));
    expect(second.textContent).toContain('No papers marked read yet.');
  });
});
