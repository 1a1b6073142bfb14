// @vitest-environment jsdom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { UpdatesView } from '../../../components/popup/UpdatesView';
import type { PaperUpdate } from '../../../lib/model/watch';
import { t } from '../../support/dom';

const at = Date.UTC(2026, 8, 20);
const UPDATES: PaperUpdate[] = [
  { seq: 4, id: '2608.10003', kind: 'stars', at, title: 'Stars', count: 1204, previous: 1000 },
  { seq: 3, id: '2608.10001', kind: 'models', at, title: 'One', count: 2, previous: 0 },
  { seq: 2, id: '2608.10001', kind: 'code', at, title: 'One', url: 'https://github.com/lab/one' },
  // Written by a hostile store: neither link is canonical, so neither is a link.
  { seq: 1, id: '2608.10002', kind: 'project', at, title: '<b>x</b>', url: 'javascript:alert(1)' },
];

afterEach(() => render(null, document.body));

function mount(readThrough: number, updates = UPDATES) {
  const checks: string[] = [];
  render(
    <UpdatesView
      t={t}
      updates={updates}
      readThrough={readThrough}
      formatDate={(time) => new Date(time).toISOString().slice(0, 10)}
      onCheckNow={() => checks.push('check')}
    />,
    document.body,
  );
  return checks;
}

describe('the Updates view', () => {
  it('lists each update newest first with its paper and kind, new ones marked', () => {
    mount(2);
    const items = [...document.querySelectorAll<HTMLElement>('li.update')];
    expect(
      items.map((li) => [li.dataset.paperId, li.dataset.updateKind, li.classList.contains('unread')]),
    ).toEqual([
      ['2608.10003', 'stars', true],
      ['2608.10001', 'models', true],
      ['2608.10001', 'code', false],
      ['2608.10002', 'project', false],
    ]);
    expect(items[0]!.querySelector('.update-what')!.textContent).toBe('1,204 stars on GitHub (passed 1,000)');
    expect(items[1]!.querySelector('.update-what')!.textContent).toBe('Models on the Hub: 2 (was 0)');
    const paper = items[1]!.querySelector<HTMLAnchorElement>('a.update-paper')!;
    expect([paper.textContent, paper.href]).toEqual(['One', 'https://huggingface.co/papers/2608.10001']);
  });

  it('links only canonical https addresses, and shows page text as text', () => {
    mount(0);
    const code = document.querySelector('[data-update-kind="code"] .update-what a') as HTMLAnchorElement;
    expect(code.href).toBe('https://github.com/lab/one');
    const project = document.querySelector('[data-update-kind="project"]')!;
    expect(project.querySelector('.update-what a')).toBeNull();
    expect(project.querySelector('a.update-paper')!.textContent).toBe('<b>x</b>');
    expect(project.querySelector('b')).toBeNull();
  });

  it('tells a new arXiv version, linking to its abstract page built from the id', () => {
    mount(0, [{ seq: 5, id: '2608.10004', kind: 'version', at, title: 'Four', count: 3, previous: 2 }]);
    const link = document.querySelector<HTMLAnchorElement>('[data-update-kind="version"] .update-what a')!;
    expect([link.textContent, link.href]).toEqual([
      'Version 3 on arXiv (was v2)',
      'https://arxiv.org/abs/2608.10004',
    ]);
    render(null, document.body);
    mount(0, [{ seq: 6, id: 'javascript:x', kind: 'version', at, title: 'Bad', count: 2, previous: 1 }]);
    expect(document.querySelector('[data-update-kind="version"] .update-what a')).toBeNull();
  });

  it('has a Check now button, and says when there is nothing yet', () => {
    const checks = mount(0, []);
    expect(document.querySelector('.updates-empty')!.textContent).toContain('once a day');
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Check now')!;
    button.click();
    expect(checks).toEqual(['check']);
  });
});
