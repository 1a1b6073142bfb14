/**
 * Why a card scored as it did: the terms of the card's own text that pushed its score up most, so the
 * chip can say "matches: speculative, draft, verifier". A word already shown inside a shown pair is not
 * repeated.
 */
import type { SparseVector } from './tfidf';

/** The up to `count` terms of `vector` with the largest positive share of the score, largest first. */
export function topTerms(
  vector: SparseVector,
  weights: ArrayLike<number>,
  terms: readonly string[],
  count: number,
): string[] {
  const shares: { term: string; share: number }[] = [];
  for (let k = 0; k < vector.indices.length; k++) {
    const f = vector.indices[k] as number;
    const share = (weights[f] as number) * (vector.values[k] as number);
    if (share > 0) shares.push({ term: terms[f] as string, share });
  }
  shares.sort((a, b) => b.share - a.share || (a.term < b.term ? -1 : 1));
  const out: string[] = [];
  for (const { term } of shares) {
    if (out.length >= count) break;
    const parts = term.split(' ');
    const overlaps = out.some((shown) => {
      const shownParts = shown.split(' ');
      return parts.every((p) => shownParts.includes(p)) || shownParts.every((p) => parts.includes(p));
    });
    if (!overlaps) out.push(term);
  }
  return out;
}
