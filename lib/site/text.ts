/**
 * Text helpers shared by the page readers. Everything here turns page content into plain,
 * single-line text: titles and abstracts are shown as text, never as markup.
 */

// Numeric node types, so the reader needs no global `Node` (it runs on any DOM it is given).
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Elements whose content is code, inert markup or an icon: never a title's or a name's text. */
const NON_TEXT_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'svg']);

// A tag needs a letter right after `<`, so "x < y" and "<10B" stay as they are.
const TAG_LIKE = /<\/?[A-Za-z][^<>]*>/g;

/**
 * Collapses every run of whitespace (line breaks and non-breaking spaces included) into one
 * space and trims the ends.
 */
export function collapseWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * Turns a string that may carry markup (a JSON title, an abstract) into plain text: script and
 * style blocks are dropped with their content, other tags are removed, whitespace collapsed.
 */
export function plainText(value: string): string {
  return collapseWhitespace(withoutScriptBlocks(value).replace(TAG_LIKE, ''));
}

/** The next `<script` or `<style` tag (a whole name: not `<scripts`) at or after `from`, or -1. */
function nextTagNamed(lower: string, name: string, from: number): number {
  for (let at = lower.indexOf(`<${name}`, from); at >= 0; at = lower.indexOf(`<${name}`, at + 1)) {
    const next = lower.charAt(at + name.length + 1);
    if (next === '>' || next === '/' || next === '' || /\s/.test(next)) return at;
  }
  return -1;
}

/**
 * `value` without its `<script>…</script>` and `<style>…</style>` blocks, content included. Done
 * with index searches rather than one regular expression, so that a text full of unclosed
 * `<script>` tags costs linear time, not quadratic.
 */
function withoutScriptBlocks(value: string): string {
  const lower = value.toLowerCase();
  let nextScript = nextTagNamed(lower, 'script', 0);
  let nextStyle = nextTagNamed(lower, 'style', 0);
  if (nextScript < 0 && nextStyle < 0) return value;
  let kept = '';
  let at = 0;
  while (nextScript >= 0 || nextStyle >= 0) {
    const isScript = nextStyle < 0 || (nextScript >= 0 && nextScript < nextStyle);
    const start = isScript ? nextScript : nextStyle;
    const close = lower.indexOf(isScript ? '</script' : '</style', start);
    // Unclosed: no later block of this kind can close either; the tag itself goes with the others.
    if (close < 0) break;
    const end = lower.indexOf('>', close);
    kept += `${value.slice(at, start)} `;
    at = end < 0 ? value.length : end + 1;
    if (nextScript >= 0 && nextScript < at) nextScript = nextTagNamed(lower, 'script', at);
    if (nextStyle >= 0 && nextStyle < at) nextStyle = nextTagNamed(lower, 'style', at);
  }
  return kept + value.slice(at);
}

/**
 * The visible text of a DOM subtree as plain text: like `textContent`, but without the content
 * of `<script>`, `<style>`, `<template>`, `<noscript>` and `<svg>` icons. Walks without recursion, so a
 * deeply nested document cannot overflow the stack.
 */
export function textOf(root: Node): string {
  const parts: string[] = [];
  let node: Node | null = root.firstChild;
  while (node !== null && node !== root) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      parts.push((node as CharacterData).data);
    }
    const descend =
      node.nodeType === ELEMENT_NODE && !NON_TEXT_ELEMENTS.has((node as Element).localName)
        ? node.firstChild
        : null;
    if (descend !== null) {
      node = descend;
      continue;
    }
    while (node !== null && node !== root && node.nextSibling === null) node = node.parentNode;
    if (node === null || node === root) break;
    node = node.nextSibling;
  }
  return plainText(parts.join(''));
}

/** Whether `name` is an element that carries no visible text (script, style, …). */
export function isNonTextElement(name: string): boolean {
  return NON_TEXT_ELEMENTS.has(name);
}

const COUNT = /^(\d+(?:\.\d+)?)\s*([kKmM])?$/;
const GROUPED_THOUSANDS = /^\d{1,3}(?:,\d{3})+(?=$|\.|\s|[kKmM])/;

/**
 * Reads a count as the site prints it: `94`, `1,234`, `1.2k`, `3M`. A decimal is accepted only
 * with a `k`/`M` suffix (the site rounds large star counts). Anything else is undefined.
 */
export function parseCount(text: string): number | undefined {
  let trimmed = text.trim();
  const grouped = GROUPED_THOUSANDS.exec(trimmed);
  if (grouped !== null) trimmed = grouped[0].replaceAll(',', '') + trimmed.slice(grouped[0].length);
  const match = COUNT.exec(trimmed);
  if (match === null) return undefined;
  const digits = match[1] ?? '';
  const suffix = match[2]?.toLowerCase();
  if (suffix === undefined && digits.includes('.')) return undefined;
  const scale = suffix === 'k' ? 1_000 : suffix === 'm' ? 1_000_000 : 1;
  const value = Math.round(Number(digits) * scale);
  return Number.isSafeInteger(value) ? value : undefined;
}

const COUNT_IN_TEXT = /\d[\d,]*(?:\.\d+)?\s*[kKmM]?(?![A-Za-z\d])/g;

/** The last count in a label such as `GitHub 1.3k` or `★ 1,204`, or undefined. */
export function lastCountIn(text: string): number | undefined {
  // The count ends the label; a bounded tail keeps the search cheap on a hostile label.
  const matches = text.slice(-64).match(COUNT_IN_TEXT);
  const last = matches?.[matches.length - 1];
  return last === undefined ? undefined : parseCount(last);
}
