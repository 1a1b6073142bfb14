// @vitest-environment jsdom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { FiltersSection } from '../../../components/options/FiltersSection';
import { type Filters, NO_FILTERS } from '../../../lib/model/filters';
import { settle, t } from '../../support/dom';

let root: HTMLElement | undefined;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = undefined;
});

async function mount(initial: Filters, ruleCounts?: number[]) {
  const changes: Filters[] = [];
  function App() {
    const [filters, setFilters] = useState(initial);
    return (
      <FiltersSection
        t={t}
        filters={filters}
        ruleCounts={ruleCounts}
        onChange={(next) => {
          changes.push(next);
          setFilters(next);
        }}
      />
    );
  }
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<App />, root!));
  return { root, changes };
}

const inputIn = (root: HTMLElement, label: string) =>
  [...root.querySelectorAll('label')]
    .find((l) => l.textContent?.includes(label))!
    .querySelector<HTMLInputElement>('input, select')!;

describe('the filters and mutes editor', () => {
  it('adds a rule from the form, trimmed, and removes it by its named button', async () => {
    const { root, changes } = await mount({ ...NO_FILTERS, rules: [] });
    const select = inputIn(root, 'Matching') as unknown as HTMLSelectElement;
    await act(() => {
      select.value = 'organization';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const value = inputIn(root, 'Word, name or organization');
    await act(() => {
      value.value = '  Acme AI ';
      value.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle(10);
    expect(changes.at(-1)?.rules).toEqual([{ action: 'mute', field: 'organization', value: 'Acme AI' }]);
    const remove = root.querySelector<HTMLButtonElement>(
      'button[aria-label="Remove Mute organization \'Acme AI\'"]',
    );
    expect(remove).not.toBeNull();
    await act(() => remove!.click());
    expect(changes.at(-1)?.rules).toEqual([]);
  });

  it('says how many papers each rule matches, and when a rule matches nothing', async () => {
    const { root } = await mount(
      {
        ...NO_FILTERS,
        rules: [
          { action: 'mute', field: 'keyword', value: 'diffusion' },
          { action: 'follow', field: 'author', value: 'Nobody' },
        ],
      },
      [3, 0],
    );
    const items = [...root.querySelectorAll('.rules li')].map((li) => li.textContent);
    expect(items[0]).toContain('matches 3 papers you have seen');
    expect(items[1]).toContain('matches nothing yet');
  });

  it('changes the minimum upvotes and the code requirement', async () => {
    const { root, changes } = await mount({ ...NO_FILTERS, rules: [] });
    const min = inputIn(root, 'Minimum upvotes');
    await act(() => {
      min.value = '5';
      min.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => inputIn(root, 'Only papers with code').click());
    expect(changes.at(-1)).toEqual({ minUpvotes: 5, requireCode: true, rules: [] });
  });
});
