import { describe, expect, it } from 'vitest';
import { applyInfo, needsEnrichment } from '../../../lib/db/enrichment';
import type { StoredPaper } from '../../../lib/model/paper';
import { parseRetryAfter, readPaperInfo } from '../../../lib/site/hf-api';

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

  it('takes the title, the authors by name, the abstract and a valid publication date', () => {
    const info = readPaperInfo({
      title: '  Attention\n Is  All ',
      authors: [{ name: 'Ada Lovelace', _id: 'x' }, { name: '' }, { hidden: true }, 'Alan Turing', 7],
      summary: 'We show.',
      publishedAt: '2024-01-15T00:00:00.000Z',
    });
    expect(info).toEqual({
      title: 'Attention Is All',
      authors: ['Ada Lovelace', 'Alan Turing'],
      summary: 'We show.',
      publishedAt: '2024-01-15T00:00:00.000Z',
    });
    expect(readPaperInfo({ title: 'x'.repeat(2_001), publishedAt: 'yesterday' })).toEqual({});
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

describe('papers known only through sync', () => {
  const synced: StoredPaper = {
    id: '2502.01234',
    title: '',
    authors: [],
    codeLinks: [],
    keywords: [],
    arxivUrl: 'https://arxiv.org/abs/2502.01234',
    pdfUrl: 'https://arxiv.org/pdf/2502.01234',
    state: 'seen',
    firstSeenAt: 1,
    lastSeenAt: 1,
    tags: ['LLM'],
    updatedAt: 1,
  };

  it('are fetched when lists show them (tagged, saved or with a note), not for a read mark alone', () => {
    expect(needsEnrichment(synced)).toBe(true);
    expect(needsEnrichment({ ...synced, tags: [], state: 'read', readAt: 1 })).toBe(false);
    expect(needsEnrichment({ ...synced, title: 'Known', githubRepo: 'https://github.com/a/b' })).toBe(false);
  });

  it('get their title, authors and abstract from the API, which never overwrites what a page showed', () => {
    const info = { title: 'From the API', authors: ['A'], summary: 'S', publishedAt: '2025-02-01' };
    expect(applyInfo(synced, info, 2)).toMatchObject({
      title: 'From the API',
      authors: ['A'],
      summary: 'S',
      updatedAt: 2,
    });
    const shown = { ...synced, title: 'From the page', authors: ['B'], summary: 'P' };
    expect(applyInfo(shown, info, 2)).toMatchObject({ title: 'From the page', authors: ['B'], summary: 'P' });
  });
});
