/**
 * A page's first screen, kept between openings as data and drawn again before the page's modules have
 * loaded (by entrypoints/early-read.ts), then replaced by the page's own first render, which draws the
 * same thing. Kept as elements, attributes and text, never as markup: drawing it creates each element and
 * text node, so a title such as `<think>` stays text. Only what the page itself drew is kept, and whatever
 * could run or load anything (scripts, frames, images, event handlers, links other than `https:`, styles
 * with an address) is left out.
 */

/** One kept node: a text, or an element with its namespace (`s` for SVG), attributes and children. */
export type ScreenNode = string | { t: string; s?: 1; a?: [string, string][]; c?: ScreenNode[] };

/** At most this many nodes are kept: a first screen has a few hundred. */
export const SCREEN_NODES_MAX = 4000;

const SVG = 'http://www.w3.org/2000/svg';
const HTML = 'http://www.w3.org/1999/xhtml';

/** Elements never kept nor drawn: they run, load or embed something, or are not the page's content. */
const LEFT_OUT = new Set([
  'script',
  'style',
  'link',
  'meta',
  'base',
  'iframe',
  'frame',
  'object',
  'embed',
  'template',
  'foreignobject',
  'use',
  'image',
  'img',
  'video',
  'audio',
  'source',
]);

/** Whether an attribute may be kept and drawn: no handler, no address but an `https:` link's. */
function keptAttribute(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('on') || lower === 'src' || lower === 'srcset' || lower === 'srcdoc') return false;
  if (lower === 'action' || lower === 'formaction' || lower === 'xlink:href') return false;
  if (lower === 'href') return /^https:\/\//i.test(value);
  // Inline styles place things (the list's rows); one that would fetch something is not the page's.
  if (lower === 'style') return !/url\s*\(|@import|image-set/i.test(value);
  return true;
}

/**
 * The children of `root` as kept nodes, or undefined when there are more than {@link SCREEN_NODES_MAX}.
 * Comments and what {@link LEFT_OUT} names are left out.
 */
export function screenOf(root: Element): ScreenNode[] | undefined {
  let count = 0;
  const walk = (parent: Node): ScreenNode[] | undefined => {
    const nodes: ScreenNode[] = [];
    for (const child of Array.from(parent.childNodes)) {
      if (++count > SCREEN_NODES_MAX) return undefined;
      if (child.nodeType === 3) {
        nodes.push(child.nodeValue ?? '');
        continue;
      }
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const tag = element.localName;
      if (LEFT_OUT.has(tag.toLowerCase())) continue;
      const node: Exclude<ScreenNode, string> = { t: tag };
      if (element.namespaceURI === SVG) node.s = 1;
      const attributes: [string, string][] = [];
      for (const { name, value } of Array.from(element.attributes))
        if (keptAttribute(name, value)) attributes.push([name, value]);
      if (attributes.length > 0) node.a = attributes;
      const children = walk(element);
      if (children === undefined) return undefined;
      if (children.length > 0) node.c = children;
      nodes.push(node);
    }
    return nodes;
  };
  return walk(root);
}

/** Whether `value` has the shape of kept nodes (it comes from storage, which anything may have written). */
function isScreenNode(value: unknown): value is ScreenNode {
  if (typeof value === 'string') return true;
  const node = value as { t?: unknown; a?: unknown; c?: unknown };
  if (typeof node !== 'object' || node === null || typeof node.t !== 'string') return false;
  if (node.a !== undefined) {
    if (!Array.isArray(node.a)) return false;
    for (const pair of node.a)
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') return false;
  }
  return node.c === undefined || Array.isArray(node.c);
}

/**
 * Draws kept nodes into `parent` (after what it holds), creating each element and text node. Returns false,
 * having drawn nothing, when `nodes` is not kept nodes or holds more than {@link SCREEN_NODES_MAX}.
 */
export function drawScreen(parent: Element, nodes: unknown): boolean {
  const doc = parent.ownerDocument;
  let count = 0;
  const build = (list: unknown): Node[] | undefined => {
    if (!Array.isArray(list)) return undefined;
    const built: Node[] = [];
    for (const node of list) {
      if (++count > SCREEN_NODES_MAX || !isScreenNode(node)) return undefined;
      if (typeof node === 'string') {
        built.push(doc.createTextNode(node));
        continue;
      }
      if (LEFT_OUT.has(node.t.toLowerCase()) || !/^[a-zA-Z][\w-]*$/.test(node.t)) continue;
      const element = doc.createElementNS(node.s === 1 ? SVG : HTML, node.t);
      for (const [name, value] of node.a ?? []) {
        if (!keptAttribute(name, value)) continue;
        try {
          element.setAttribute(name, value);
        } catch {
          // A name the browser refuses is left out, as the page would never have drawn it.
        }
      }
      const children = build(node.c ?? []);
      if (children === undefined) return undefined;
      element.append(...children);
      built.push(element);
    }
    return built;
  };
  const built = build(nodes);
  if (built === undefined) return false;
  // A copy to look at, not to use: nothing in it takes focus or clicks before the page replaces it.
  for (const node of built) if (node.nodeType === 1) (node as Element).setAttribute('inert', '');
  parent.append(...built);
  return true;
}
