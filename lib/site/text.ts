/**
 * Text helpers shared by the page readers. Text is data: titles, abstracts, names and keywords are
 * kept exactly as the page shows them, only whitespace collapsed. A title may hold angle brackets
 * (arXiv 2509.08358 begins with `<think>`); it is safe because every view renders it as a text node,
 * never as markup, so nothing here removes anything that looks like a tag.
 */

// Numeric node types, so the reader needs no global `Node` (it runs on any DOM it is given).
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/**
 * Elements whose content is code, inert markup or an icon: not text of the page, so never a title's
 * or a name's text (skipping them is reading the page as shown, not rewriting its text).
 */
const NON_TEXT_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'svg']);

/**
 * Collapses every run of whitespace (line breaks and non-breaking spaces included) into one
 * space and trims the ends. Nothing else of the text changes.
 */
export function collapseWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * The visible text of a DOM subtree, whitespace collapsed: like `textContent`, but without the
 * content of `<script>`, `<style>`, `<template>`, `<noscript>` and `<svg>` icons. Text that looks
 * like markup (`&lt;think&gt;` on the page) is kept as written. Walks without recursion, so a deeply
 * nested document cannot overflow the stack.
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
  return collapseWhitespace(parts.join(''));
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
