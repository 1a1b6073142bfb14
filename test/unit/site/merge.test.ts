// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { emptyReading, mergeReadings, type PaperReading, ReadingsById } from '../../../lib/site/merge';
import { siteRepoUrl, toPaperRecord } from '../../../lib/site/record';

function reading(fields: Partial<PaperReading>): PaperReading {
  return { ...emptyReading('2501.00001'), ...fields };
}

describe('mergeReadings', () => {
  it('keeps every field of the richer reading', () => {
    const richer = reading({
      title: 'From JSON',
      upvotes: 10,
      numComments: 0,
      authors: ['A'],
      keywords: ['k'],
    });
    const other = reading({
      title: 'From card',
      upvotes: 11,
      numComments: 3,
      authors: ['B'],
      keywords: ['j'],
    });
    expect(mergeReadings(richer, other)).toMatchObject({
      title: 'From JSON',
      upvotes: 10,
      numComments: 0, // zero is a value, not an absence
      authors: ['A'],
      keywords: ['k'],
    });
  });

  it('never loses a field that only the other reading has', () => {
    const richer = reading({ title: 'From JSON', summary: 'Abstract.' });
    const other = reading({
      title: 'From card',
      upvotes: 5,
      numComments: 2,
      authorCount: 7,
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png',
      organization: 'Org',
      submittedBy: 'someone',
      githubStars: 12,
      projectPage: 'https://example.org/',
      authors: ['B'],
      keywords: ['j'],
    });
    expect(mergeReadings(richer, other)).toMatchObject({
      title: 'From JSON',
      summary: 'Abstract.',
      upvotes: 5,
      numComments: 2,
      authorCount: 7,
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png',
      organization: 'Org',
      submittedBy: 'someone',
      githubStars: 12,
      projectPage: 'https://example.org/',
      authors: ['B'],
      keywords: ['j'],
    });
  });

  it('treats an empty title or list as absent', () => {
    const merged = mergeReadings(reading({ title: '' }), reading({ title: 'Card title', authors: ['B'] }));
    expect(merged.title).toBe('Card title');
    expect(merged.authors).toEqual(['B']);
  });

  it('unites the code links, the richer reading first, without repeats', () => {
    const merged = mergeReadings(
      reading({ linkedCode: ['https://github.com/a/one', 'https://gitlab.com/g/p'] }),
      reading({ linkedCode: ['https://gitlab.com/g/p', 'https://github.com/b/two'] }),
    );
    expect(merged.linkedCode).toEqual([
      'https://github.com/a/one',
      'https://gitlab.com/g/p',
      'https://github.com/b/two',
    ]);
  });
});

describe('ReadingsById', () => {
  it('merges a later reading of an id into the first, keeping first-seen order', () => {
    const readings = new ReadingsById();
    readings.add({ ...emptyReading('2501.00002'), title: 'Second paper' });
    readings.add({ ...emptyReading('2501.00001'), title: 'First title', upvotes: 1 });
    readings.add({ ...emptyReading('2501.00001'), title: 'Later title', numComments: 4 });
    expect(readings.ids()).toEqual(['2501.00002', '2501.00001']);
    expect(readings.size).toBe(2);
    expect(readings.get('2501.00001')).toMatchObject({ title: 'First title', upvotes: 1, numComments: 4 });
  });
});

describe('toPaperRecord: the main repository and the code links', () => {
  const summary = 'Code: https://github.com/abstract/repo and https://gitlab.com/abstract/other';

  it('prefers the site field over the card link and the abstract', () => {
    const record = toPaperRecord(
      reading({
        siteRepo: 'https://github.com/site/repo',
        linkedCode: ['https://github.com/card/repo'],
        summary,
      }),
    );
    expect(record.githubRepo).toBe('https://github.com/site/repo');
    expect(record.codeLinks).toEqual([
      'https://github.com/site/repo',
      'https://github.com/card/repo',
      'https://github.com/abstract/repo',
      'https://gitlab.com/abstract/other',
    ]);
  });

  it('takes the first GitHub link of the card or header when the site has no field', () => {
    const record = toPaperRecord(
      reading({
        linkedCode: ['https://huggingface.co/spaces/card/demo', 'https://github.com/card/repo'],
        summary,
      }),
    );
    expect(record.githubRepo).toBe('https://github.com/card/repo');
    expect(record.codeLinks[0]).toBe('https://github.com/card/repo');
  });

  it('falls back to the first repository the abstract names, and puts it first', () => {
    const record = toPaperRecord(
      reading({ summary: 'Demo https://gitlab.com/x/y then https://github.com/abstract/repo' }),
    );
    expect(record.githubRepo).toBe('https://github.com/abstract/repo');
    expect(record.codeLinks).toEqual(['https://github.com/abstract/repo', 'https://gitlab.com/x/y']);
  });

  it('drops stars that belong to no repository', () => {
    expect(toPaperRecord(reading({ githubStars: 40 }))).not.toHaveProperty('githubStars');
    expect(toPaperRecord(reading({ githubStars: 40, siteRepo: 'https://github.com/a/b' })).githubStars).toBe(
      40,
    );
  });

  it('has no key for an absent field, and always the arXiv URLs', () => {
    expect(toPaperRecord(emptyReading('2501.00001'))).toStrictEqual({
      id: '2501.00001',
      title: '',
      authors: [],
      codeLinks: [],
      keywords: [],
      arxivUrl: 'https://arxiv.org/abs/2501.00001',
      pdfUrl: 'https://arxiv.org/pdf/2501.00001',
    });
  });
});

describe('siteRepoUrl', () => {
  it.each([
    ['https://github.com/owner/repo', 'https://github.com/owner/repo'],
    ['owner/repo', 'https://github.com/owner/repo'],
    ['https://github.com/owner/repo/tree/main', 'https://github.com/owner/repo'],
    ['https://github.com/huggingface', undefined],
    ['https://github.com.evil.example/owner/repo', undefined],
    ['javascript:alert(1)', undefined],
    ['', undefined],
    [42, undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(siteRepoUrl(value)).toBe(expected);
  });
});
