import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyInfo, needsEnrichment } from '../../../lib/db/enrichment';
import type { StoredPaper } from '../../../lib/model/paper';
import { hubListUrl, parseRetryAfter, readPaperInfo, watchSnapshotOf } from '../../../lib/site/hf-api';

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

  it('does not take the authors the site hides', () => {
    const info = readPaperInfo({
      authors: [{ name: 'Shown', hidden: false }, { name: 'Hidden', hidden: true }, { name: 'Unmarked' }],
    });
    expect(info.authors).toEqual(['Shown', 'Unmarked']);
    expect(readPaperInfo({ authors: [{ name: 'Hidden', hidden: true }] }).authors).toBeUndefined();
  });
});

describe('readPaperInfo on answers shaped as in 2026', () => {
  // Hand-written after the real answers of ../shared/hf-api (papers-2608.09888.json and others).
  const answer: Record<string, unknown> = JSON.parse(
    readFileSync(path.resolve(__dirname, '../../fixtures/site-2026/api-paper.json'), 'utf8'),
  );

  it('reads a full answer: text verbatim with whitespace collapsed, hidden authors left out', () => {
    expect(readPaperInfo(answer)).toEqual({
      title: 'Recurrent Latent <think> Reasoning: In-Context Learning at 150M',
      authors: ['Björn Ek', 'Przemysław Nowak'],
      summary: 'We introduce a reasoning model. Code: https://github.com/example-lab/latent.',
      publishedAt: '2026-09-25T00:00:00.000Z',
      githubRepo: 'https://github.com/example-lab/latent',
      githubStars: 11184,
      projectPage: 'https://example-lab.github.io/latent/',
      aiSummary: 'A 150M-parameter model reasons in a recurrent latent space.',
      keywords: ['in-context learning', 'recurrent latent reasoning', 'ARC-AGI-1'],
      linked: { models: 0, datasets: 1, spaces: 0 },
    });
  });

  it('keeps for the watch what the site knows: repository, page, stars and linked counts', () => {
    expect(watchSnapshotOf(readPaperInfo(answer))).toEqual({
      githubRepo: 'https://github.com/example-lab/latent',
      projectPage: 'https://example-lab.github.io/latent/',
      githubStars: 11184,
      models: 0,
      datasets: 1,
      spaces: 0,
    });
    // An answer without them says there are none (null), and leaves the counts unknown.
    expect(watchSnapshotOf(readPaperInfo({ title: 'x', numTotalModels: -1, numTotalSpaces: 1.5 }))).toEqual({
      githubRepo: null,
      projectPage: null,
    });
  });

  it('links to the Hub lists of what cites a paper', () => {
    expect(hubListUrl('models', '2608.09888')).toBe('https://huggingface.co/models?other=arxiv:2608.09888');
    expect(hubListUrl('spaces', '2608.09888')).toBe('https://huggingface.co/spaces?other=arxiv:2608.09888');
  });

  it('leaves out what an answer does not have: no repository, null stars, no AI fields', () => {
    const {
      githubRepo: _repo,
      projectPage: _page,
      ai_summary: _summary,
      ai_keywords: _keywords,
      organization: _organization,
      numTotalModels: _models,
      numTotalDatasets: _datasets,
      numTotalSpaces: _spaces,
      ...rest
    } = answer;
    const info = readPaperInfo({ ...rest, githubStars: null });
    expect(Object.keys(info)).toEqual(['title', 'authors', 'summary', 'publishedAt']);
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
