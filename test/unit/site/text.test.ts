// @vitest-environment node
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { safeHttpsUrl } from '../../../lib/model/links';
import { collapseWhitespace, lastCountIn, parseCount, textOf } from '../../../lib/site/text';
import { safeThumbnailUrl } from '../../../lib/site/urls';

describe('text', () => {
  it('collapses every kind of whitespace', () => {
    expect(collapseWhitespace('  Lumen:\n  Sparse\u00a0Attention\t ')).toBe('Lumen: Sparse Attention');
  });

  // Text is data: what looks like markup in a title or a name is kept exactly as written (it is
  // rendered as text); only whitespace is collapsed. These inputs once came out stripped.
  it.each([
    ['Robust <b>Bold</b> Claims', 'Robust <b>Bold</b> Claims'],
    ['A <script>alert(1)</script>title', 'A <script>alert(1)</script>title'],
    ['<style>h1{}</style>Styled', '<style>h1{}</style>Styled'],
    ['<img src=x onerror=alert(1)>Evil Org', '<img src=x onerror=alert(1)>Evil Org'],
    ['x < y and y > z', 'x < y and y > z'],
    ['Scaling to <10B parameters', 'Scaling to <10B parameters'],
    ['<SCRIPT type="x">a</SCRIPT >B<style>c</style>D', '<SCRIPT type="x">a</SCRIPT >B<style>c</style>D'],
    [
      'Two <script>1</script>blocks<script>2</script> here',
      'Two <script>1</script>blocks<script>2</script> here',
    ],
    ['Unclosed <script>alert(1) stays as text', 'Unclosed <script>alert(1) stays as text'],
    ['Not a block: <scripts>kept</scripts>', 'Not a block: <scripts>kept</scripts>'],
    [' <think>\n  So </think>  Lessons ', '<think> So </think> Lessons'],
  ])('collapseWhitespace(%j) → %j', (input, expected) => {
    expect(collapseWhitespace(input)).toBe(expected);
  });

  it('collapses whitespace in linear time, even in a text of unclosed script tags', () => {
    const hostile = `${'<script>x'.repeat(50_000)}${'<style>'.repeat(50_000)}`;
    const start = performance.now();
    expect(collapseWhitespace(hostile)).toBe(hostile);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('reads the visible text of a subtree, without scripts, styles, templates or icons', () => {
    const doc = new JSDOM(
      '<h3 id="t">Sky<b>line</b>: <script>x()</script><style>b{}</style><template>t</template><svg><title>icon</title></svg> Planning</h3>',
    ).window.document;
    const heading = doc.getElementById('t');
    expect(heading === null ? undefined : textOf(heading)).toBe('Skyline: Planning');
  });

  it.each([
    ['94', 94],
    [' 1,024 ', 1024],
    ['1.3k', 1300],
    ['12.4K', 12400],
    ['2M', 2_000_000],
    ['0', 0],
    ['1.5', undefined],
    ['1e9', undefined],
    ['-3', undefined],
    ['', undefined],
    ['five', undefined],
  ])('parseCount(%j) → %j', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });

  it.each([
    ['GitHub 1.3k', 1300],
    ['★ 1,204', 1204],
    ['GitHub', undefined],
    ['v2 GitHub 57', 57],
  ])('lastCountIn(%j) → %j', (text, expected) => {
    expect(lastCountIn(text)).toBe(expected);
  });
});

describe('URLs that may leave the reader', () => {
  it.each([
    ['https://example-lab.github.io/skyline/', 'https://example-lab.github.io/skyline/'],
    ['https://tessellate-3d.github.io', 'https://tessellate-3d.github.io/'],
    [' https://example.org/a b ', 'https://example.org/a%20b'],
    ['http://example.org/', undefined],
    ['javascript:alert(1)', undefined],
    ['JAVASCRIPT:alert(1)', undefined],
    ['data:text/html,hi', undefined],
    ['//example.org/', undefined],
    ['https://user:secret@example.org/', undefined],
    ['https://localhost/', undefined],
    ['', undefined],
    [null, undefined],
  ])('safeHttpsUrl(%j) → %j', (value, expected) => {
    expect(safeHttpsUrl(value)).toBe(expected);
  });

  it.each([
    [
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.21783.png',
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.21783.png',
    ],
    [
      'https://huggingface.co/front/thumbnails/papers.png',
      'https://huggingface.co/front/thumbnails/papers.png',
    ],
    ['https://cdn-thumbnails.huggingface.co.evil/social-thumbnails/papers/1.png', undefined],
    ['https://evilhuggingface.co/social-thumbnails/papers/1.png', undefined],
    ['http://cdn-thumbnails.huggingface.co/social-thumbnails/papers/1.png', undefined],
    ['data:image/png;base64,iVBORw0KGgo=', undefined],
    ['/social-thumbnails/papers/1.png', undefined],
  ])('safeThumbnailUrl(%j) → %j', (value, expected) => {
    expect(safeThumbnailUrl(value)).toBe(expected);
  });
});
