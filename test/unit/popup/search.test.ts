import { beforeAll, describe, expect, it } from 'vitest';
import type { StoredPaper } from '../../../lib/model/paper';
import { foldTerm, PaperSearch, repositoryNames, tokenize } from '../../../lib/popup/search';
import { generateLibrary, makePaper } from '../../support/papers';

const LLAMA = makePaper({
  id: '2407.21783',
  title: 'The Llama 3 Herd of Models',
  authors: ['Abhimanyu Dubey', 'Jürgen Müller'],
  summary: 'Modern artificial intelligence systems are powered by foundation models.',
  githubRepo: 'https://github.com/meta-llama/llama-recipes',
  codeLinks: ['https://github.com/meta-llama/llama-recipes', 'https://huggingface.co/spaces/meta/llama-demo'],
  tags: ['reading group'],
  note: 'Compare with Mixtral before Friday',
});
const DIFFUSION = makePaper({
  id: '2112.10752',
  title: 'High-Resolution Image Synthesis with Latent Diffusion Models',
  authors: ['Robin Rombach', 'Björn Ommer'],
  summary:
    'By decomposing the image formation process into a sequential application of denoising autoencoders.',
  githubRepo: 'https://github.com/CompVis/stable-diffusion',
  codeLinks: ['https://github.com/CompVis/stable-diffusion'],
});
const TRANSFORMER = makePaper({
  id: '1706.03762',
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer'],
  summary: 'The dominant sequence transduction models are based on complex recurrent networks.',
});

function ids(search: PaperSearch, query: string): string[] {
  return search.search(query).map((hit) => hit.id);
}

describe('PaperSearch', () => {
  let search: PaperSearch;
  beforeAll(() => {
    search = new PaperSearch();
    search.upsert([LLAMA, DIFFUSION, TRANSFORMER]);
  });

  it('finds a paper by a word of its title, and by a prefix while the word is being typed', () => {
    expect(ids(search, 'herd')).toEqual([LLAMA.id]);
    expect(ids(search, 'he')).toContain(LLAMA.id);
    expect(ids(search, 'atten')).toEqual([TRANSFORMER.id]);
  });

  it('tolerates typos from four letters on', () => {
    expect(ids(search, 'difusion')).toEqual([DIFFUSION.id]);
    expect(ids(search, 'attentoin')).toEqual([TRANSFORMER.id]);
    expect(ids(search, 'hrd')).toEqual([]);
  });

  it('finds by author, with or without accents', () => {
    expect(ids(search, 'vaswani')).toEqual([TRANSFORMER.id]);
    expect(ids(search, 'muller')).toEqual([LLAMA.id]);
    expect(ids(search, 'Müller')).toEqual([LLAMA.id]);
    expect(ids(search, 'bjorn')).toEqual([DIFFUSION.id]);
  });

  it('finds by repository name, owner or full path', () => {
    expect(ids(search, 'llama-recipes')).toEqual([LLAMA.id]);
    expect(ids(search, 'compvis')).toEqual([DIFFUSION.id]);
    expect(ids(search, 'CompVis/stable-diffusion')).toEqual([DIFFUSION.id]);
    expect(ids(search, 'llama-demo')).toEqual([LLAMA.id]);
    // The host is not a name: "github" matches no paper.
    expect(ids(search, 'github')).toEqual([]);
  });

  it('finds by abstract words, tags and notes', () => {
    expect(ids(search, 'autoencoders')).toEqual([DIFFUSION.id]);
    expect(ids(search, 'recurrent')).toEqual([TRANSFORMER.id]);
    expect(ids(search, 'reading group')).toEqual([LLAMA.id]);
    expect(ids(search, 'mixtral')).toEqual([LLAMA.id]);
  });

  it('requires every significant term (AND), skipping function words in the middle', () => {
    expect(ids(search, 'models llama')).toEqual([LLAMA.id]);
    expect(ids(search, 'herd of models')).toEqual([LLAMA.id]);
    expect(ids(search, 'diffusion vaswani')).toEqual([]);
  });

  it('ranks a title match above an abstract match', () => {
    // "models" is in two titles (Llama, Diffusion) and one abstract (Transformer).
    const hits = ids(search, 'models');
    expect(hits.slice(0, 2).sort()).toEqual([DIFFUSION.id, LLAMA.id].sort());
    expect(hits[2]).toBe(TRANSFORMER.id);
  });

  it('answers nothing for a query without terms', () => {
    expect(search.search('  -- !! ')).toEqual([]);
  });

  it('follows changes: a re-indexed paper matches its new tags, a removed one nothing', () => {
    const local = new PaperSearch();
    local.upsert([LLAMA, TRANSFORMER]);
    expect(ids(local, 'classic')).toEqual([]);
    // The answer above is not served again once the index changed.
    local.upsert([{ ...TRANSFORMER, tags: ['classic'] }]);
    expect(ids(local, 'classic')).toEqual([TRANSFORMER.id]);
    local.remove([LLAMA.id]);
    expect(ids(local, 'herd')).toEqual([]);
    expect(local.size).toBe(1);
  });

  it('searches short fields before abstracts are indexed, and abstracts once they are', () => {
    const local = new PaperSearch();
    local.upsertFields([DIFFUSION]);
    expect(ids(local, 'latent')).toEqual([DIFFUSION.id]);
    expect(ids(local, 'autoencoders')).toEqual([]);
    local.upsertAbstract(DIFFUSION);
    expect(local.abstractCount).toBe(1);
    expect(ids(local, 'autoencoders')).toEqual([DIFFUSION.id]);
  });
});

describe('text helpers', () => {
  it('folds case and accents, and splits on anything but letters and digits', () => {
    expect(foldTerm('Ångström')).toBe('angstrom');
    expect(tokenize('GPT-4o: a “Report” (v2)')).toEqual(['gpt', '4o', 'a', 'report', 'v2']);
    expect(tokenize('漢字 モデル')).toEqual(['漢字', 'モデル']);
  });

  it('takes repository names from the paths of the code links only', () => {
    const paper: Pick<StoredPaper, 'githubRepo' | 'codeLinks'> = {
      githubRepo: 'https://github.com/a/b',
      codeLinks: ['https://github.com/a/b', 'https://gitlab.com/group/sub/c.git', 'not a url'],
    };
    expect(repositoryNames(paper)).toEqual(['a/b', 'group/sub/c']);
  });
});

describe('search over 10,000 papers', () => {
  it('indexes and answers a keystroke quickly (generous bounds; the browser test measures the popup)', () => {
    const papers = generateLibrary(10_000);
    const search = new PaperSearch();
    search.upsert(papers);
    const target = papers[4321]!;
    const word = target.title.split(' ')[1]!;
    const started = performance.now();
    const hits = search.search(`${word.slice(0, 5)}`);
    const elapsed = performance.now() - started;
    expect(hits.length).toBeGreaterThan(0);
    expect(ids(search, target.title)).toContain(target.id);
    expect(elapsed).toBeLessThan(500);
  });
});
