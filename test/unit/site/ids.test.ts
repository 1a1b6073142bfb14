// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { arxivAbsUrl, arxivPdfUrl, normalizeArxivId } from '../../../lib/model/arxiv';
import { paperIdFromHref, paperIdFromPagePath } from '../../../lib/site/ids';

describe('paperIdFromHref', () => {
  it.each([
    // Paper links as the site writes them.
    ['/papers/2407.21783', '2407.21783'],
    ['/papers/2407.21783v2', '2407.21783'],
    ['/papers/2407.21783v12#community', '2407.21783'],
    ['/papers/2407.21783#community', '2407.21783'],
    ['/papers/2407.21783?utm_source=feed', '2407.21783'],
    ['/papers/2407.21783/', '2407.21783'],
    ['/papers/1501.0001', '1501.0001'], // four-digit numbers before 2015
    ['  /papers/2407.21783  ', '2407.21783'],
    ['https://huggingface.co/papers/2407.21783', '2407.21783'],
    ['https://huggingface.co/papers/2407.21783v3#community', '2407.21783'],
    ['HTTPS://HUGGINGFACE.CO/papers/2407.21783', '2407.21783'],
    // Navigation and other site pages.
    ['/papers', undefined],
    ['/papers/', undefined],
    ['/papers?date=2024-08-01', undefined],
    ['/papers?q=2407.21783', undefined],
    ['/papers/date/2025-03-11', undefined],
    ['/papers/week/2025-W11', undefined],
    ['/papers/month/2025-03', undefined],
    ['/papers/trending', undefined],
    ['/papers/trending?q=agents', undefined],
    ['/login?next=%2Fpapers%2F2407.21783', undefined],
    ['/akhaliq', undefined],
    ['/spaces/owner/name', undefined],
    ['#community', undefined],
    ['', undefined],
    // Not an arXiv id, or not only one.
    ['/papers/2407.217834', undefined],
    ['/papers/24070.21783', undefined],
    ['/papers/2407.217', undefined],
    ['/papers/2407.21783x', undefined],
    ['/papers/2407.21783v', undefined],
    ['/papers/hep-th/9901001', undefined],
    ['/api/papers/2407.21783', undefined],
    ['papers/2407.21783', undefined],
    // Other schemes and hosts.
    ['http://huggingface.co/papers/2407.21783', undefined],
    ['//huggingface.co/papers/2407.21783', undefined],
    ['//evil.example/papers/2407.21783', undefined],
    ['https://huggingface.co.evil/papers/2407.21783', undefined],
    ['https://evil.example/papers/2407.21783', undefined],
    ['https://huggingface.co@evil.example/papers/2407.21783', undefined],
    ['https://user:pass@huggingface.co/papers/2407.21783', undefined],
    ['https://huggingface.co:8443/papers/2407.21783', undefined],
    ['https://arxiv.org/abs/2407.21783', undefined],
    ['javascript:alert("/papers/2407.21783")', undefined],
    ['data:text/html,/papers/2407.21783', undefined],
  ])('%j → %j', (href, expected) => {
    expect(paperIdFromHref(href)).toBe(expected);
  });

  it('reads nothing from a missing href', () => {
    expect(paperIdFromHref(null)).toBeUndefined();
    expect(paperIdFromHref(undefined)).toBeUndefined();
  });
});

describe('normalizeArxivId', () => {
  it.each([
    ['2407.21783', '2407.21783'],
    ['2407.21783v2', '2407.21783'],
    [' 2407.21783 ', '2407.21783'],
    ['2407.2178', '2407.2178'],
    ['2407.217831', undefined],
    ['arXiv:2407.21783', undefined],
    ['../../etc/passwd', undefined],
    [2407.21783, undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(normalizeArxivId(value)).toBe(expected);
  });
});

describe('paperIdFromPagePath', () => {
  it.each([
    ['/papers/2407.21783', '2407.21783'],
    ['/papers/2407.21783v2', '2407.21783'],
    ['/papers/2407.21783/', '2407.21783'],
    ['/papers/2407.21783/discussion', undefined],
    ['/papers/date/2025-03-11', undefined],
    ['/papers', undefined],
  ])('%j → %j', (pathname, expected) => {
    expect(paperIdFromPagePath(pathname)).toBe(expected);
  });
});

describe('arXiv URLs', () => {
  it('builds the abstract and PDF URLs from the id', () => {
    expect(arxivAbsUrl('2407.21783')).toBe('https://arxiv.org/abs/2407.21783');
    expect(arxivPdfUrl('2407.21783')).toBe('https://arxiv.org/pdf/2407.21783');
  });
});
