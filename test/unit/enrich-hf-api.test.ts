import { describe, expect, it } from 'vitest';
import { parseRetryAfter, readPaperInfo } from '../../lib/enrich/hf-api';

describe('readPaperInfo: what we take from the API answer', () => {
  it('canonicalizes githubRepo from owner/repo or a full URL', () => {
    expect(readPaperInfo({ githubRepo: 'owner/repo' }).githubRepo).toBe('https://github.com/owner/repo');
    expect(readPaperInfo({ githubRepo: 'https://github.com/owner/repo/tree/main' }).githubRepo).toBe(
      'https://github.com/owner/repo',
    );
    expect(readPaperInfo({ githubRepo: 'https://gitlab.com/owner/repo' }).githubRepo).toBeUndefined();
    expect(readPaperInfo({ githubRepo: 42 }).githubRepo).toBeUndefined();
  });

  it('takes only whole, non-negative star counts', () => {
    expect(readPaperInfo({ githubStars: 10 }).githubStars).toBe(10);
    expect(readPaperInfo({ githubStars: -1 }).githubStars).toBeUndefined();
    expect(readPaperInfo({ githubStars: 1.5 }).githubStars).toBeUndefined();
    expect(readPaperInfo({ githubStars: '10' }).githubStars).toBeUndefined();
  });

  it('takes https project pages only', () => {
    expect(readPaperInfo({ projectPage: ' https://a.test/p ' }).projectPage).toBe('https://a.test/p');
    for (const bad of [
      'http://a.test/',
      'javascript:alert(1)',
      '//a.test',
      'data:text/html,x',
      `https://a.test/${'x'.repeat(3000)}`,
    ]) {
      expect(readPaperInfo({ projectPage: bad }).projectPage, bad).toBeUndefined();
    }
  });

  it('takes a bounded AI summary and keywords', () => {
    expect(readPaperInfo({ ai_summary: '  One   line. ' }).aiSummary).toBe('One line.');
    expect(readPaperInfo({ ai_summary: 'x'.repeat(2_001) }).aiSummary).toBeUndefined();
    expect(readPaperInfo({ ai_keywords: ['a', 3, ' b ', '', 'x'.repeat(101)] }).keywords).toEqual(['a', 'b']);
    expect(
      readPaperInfo({ ai_keywords: Array.from({ length: 150 }, (_, i) => `k${i}`) }).keywords,
    ).toHaveLength(100);
  });

  it('gives nothing for an empty answer', () => {
    expect(readPaperInfo({})).toEqual({});
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});
