/**
 * arXiv ids and the links built from them. A paper is named by its arXiv id (`YYMM.NNNN` before 2015,
 * `YYMM.NNNNN` since), kept without its version; every link to a paper is built here from that id, never
 * copied from a page.
 */

/** An arXiv id without version: `YYMM.NNNNN` (4 or 5 digits after the dot). */
export const ARXIV_ID_RE = /^\d{4}\.\d{4,5}$/;

const ARXIV_ID = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;

/**
 * Whether `id` is an arXiv id without version, the form the store keeps (links are built only from those,
 * and only those are asked of arXiv's API).
 */
export function isArxivId(id: string): boolean {
  return ARXIV_ID_RE.test(id);
}

/**
 * An arXiv id without its version (`2407.21783v2` → `2407.21783`), or undefined when `value`
 * is not an arXiv id.
 */
export function normalizeArxivId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return ARXIV_ID.exec(value.trim())?.[1];
}

/** `https://arxiv.org/abs/ID`. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/** `https://arxiv.org/pdf/ID`. */
export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

/** The paper's page on Hugging Face: `https://huggingface.co/papers/ID`. */
export function paperPageUrl(id: string): string {
  return `https://huggingface.co/papers/${id}`;
}
