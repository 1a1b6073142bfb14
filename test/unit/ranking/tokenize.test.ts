import { describe, expect, it } from 'vitest';
import { terms, tokens, words } from '../../../lib/ranking/tokenize';

describe('the tokenizer reads text as data, the way the reference does', () => {
  it('reads markup as words: `<think>` is the word think', () => {
    expect(words('<think>step</think>')).toEqual(['think', 'step', 'think']);
  });

  it('finds no word in `x < y`: a word has two characters or more', () => {
    expect(words('x < y')).toEqual([]);
  });

  it('lowercases and strips accents', () => {
    expect(words('Café NAÏVE Ångström')).toEqual(['cafe', 'naive', 'angstrom']);
  });

  it('keeps words that start with a letter or _, drops those that start with a digit', () => {
    expect(words('Qwen3 3D gpt-4o __init__')).toEqual(['qwen3', 'gpt', '__init__']);
  });

  it('drops a word glued to a letter beyond ASCII, as Python’s \\b does', () => {
    expect(words('αbeta gamma')).toEqual(['gamma']);
  });

  it('removes stop words before pairs are formed', () => {
    const list = tokens('The draft and the verifier of speculative decoding');
    expect(list).toEqual(['draft', 'verifier', 'speculative', 'decoding']);
    expect(terms(list)).toEqual([
      'draft',
      'verifier',
      'speculative',
      'decoding',
      'draft verifier',
      'verifier speculative',
      'speculative decoding',
    ]);
  });
});
