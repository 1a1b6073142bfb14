// @vitest-environment jsdom
/**
 * The first screen (components/first-screen.ts): the popup keeps what it drew with its first rows as data,
 * and the page's first script draws it again before the modules load. What is drawn is what was drawn,
 * text stays text, and nothing that runs or loads anything is kept or drawn.
 */
import { describe, expect, it } from 'vitest';
import { drawScreen, SCREEN_NODES_MAX, type ScreenNode, screenOf } from '../../../components/first-screen';

/** A page drawn from markup the test writes (the tests' own, as the app would have drawn it). */
function drawn(markup: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = markup;
  return root;
}

const redrawn = (nodes: unknown) => {
  const target = document.createElement('div');
  return { drawn: drawScreen(target, nodes), target };
};

describe('the first screen', () => {
  it('is drawn again as it was drawn: elements, attributes, text and SVG', () => {
    const page = drawn(
      '<main class="popup" data-phase="partial"><ul role="list" aria-label="Saved">' +
        '<li data-paper-row="2501.12948" aria-posinset="1"><a class="title" href="https://huggingface.co/papers/2501.12948">DeepSeek-R1</a>' +
        '<button type="button" aria-pressed="false"><svg viewBox="0 0 16 16" aria-hidden="true"><path d="M1 1h14"></path></svg>Save</button></li>' +
        '</ul></main>',
    );
    const { drawn: ok, target } = redrawn(screenOf(page));
    expect(ok).toBe(true);
    // Each drawn root is inert: a copy to look at until the page replaces it.
    expect(target.firstElementChild?.hasAttribute('inert')).toBe(true);
    target.firstElementChild?.removeAttribute('inert');
    expect(target.innerHTML).toBe(page.innerHTML);
    expect(target.querySelector('svg')?.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(target.querySelector('path')?.namespaceURI).toBe('http://www.w3.org/2000/svg');
  });

  it('keeps a title such as "<think> x < y" as text, never as markup', () => {
    const page = document.createElement('div');
    const title = document.createElement('a');
    title.textContent = '<think> x < y <img src=x onerror=alert(1)>';
    page.append(title);
    const { target } = redrawn(JSON.parse(JSON.stringify(screenOf(page))));
    expect(target.querySelector('img')).toBeNull();
    expect(target.querySelector('a')?.textContent).toBe('<think> x < y <img src=x onerror=alert(1)>');
  });

  it('leaves out scripts, frames, images, handlers and links other than https', () => {
    const page = drawn(
      '<div onclick="alert(1)" class="row"><script>alert(1)</script><iframe src="https://example.com"></iframe>' +
        '<img src="https://example.com/a.png"><a href="javascript:alert(1)">x</a><a href="https://arxiv.org/abs/2501.12948">arXiv</a></div>',
    );
    const { target } = redrawn(screenOf(page));
    expect(target.innerHTML).toBe(
      '<div class="row" inert=""><a>x</a><a href="https://arxiv.org/abs/2501.12948">arXiv</a></div>',
    );
  });

  it('draws nothing from what storage holds when it is not a screen, or was written by another hand', () => {
    const hostile: ScreenNode[] = [
      { t: 'script', c: ['alert(1)'] },
      {
        t: 'a',
        a: [
          ['href', 'javascript:alert(1)'],
          ['onmouseover', 'alert(1)'],
        ],
        c: ['x'],
      },
      { t: 'svg', s: 1, c: [{ t: 'use', s: 1, a: [['href', 'https://example.com/sprite.svg#a']] }] },
      { t: 'p', a: [['style', 'background: URL("https://example.com/track.png")']] },
      { t: 'p', a: [['style', 'top: 104px']] },
    ];
    const { drawn: ok, target } = redrawn(hostile);
    expect(ok).toBe(true);
    expect(target.innerHTML).toBe(
      '<a inert="">x</a><svg inert=""></svg><p inert=""></p><p style="top: 104px" inert=""></p>',
    );
    for (const broken of [
      undefined,
      null,
      'text',
      { t: 'div' },
      [{ t: 3 }],
      [{ t: 'div', a: 'class' }],
      [{ t: 'div', c: 'x' }],
      [{ t: 'x y' }],
    ]) {
      const result = redrawn(broken);
      // A tag that is not a name is skipped; every other broken shape draws nothing at all.
      if (Array.isArray(broken) && (broken[0] as { t?: unknown }).t === 'x y')
        expect(result.drawn).toBe(true);
      else expect(result.drawn).toBe(false);
      expect(result.target.childNodes).toHaveLength(0);
    }
  });

  it(`is kept and drawn only up to ${SCREEN_NODES_MAX} nodes`, () => {
    const page = document.createElement('div');
    for (let i = 0; i < SCREEN_NODES_MAX; i++) page.append(document.createElement('span'));
    expect(screenOf(page)).toHaveLength(SCREEN_NODES_MAX);
    page.append(document.createElement('span'));
    expect(screenOf(page)).toBeUndefined();
    const tooMany = Array.from({ length: SCREEN_NODES_MAX + 1 }, () => 'x');
    expect(redrawn(tooMany).drawn).toBe(false);
  });
});
