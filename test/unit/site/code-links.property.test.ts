import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalCodeLink,
  canonicalGithubRepo,
  findCodeLinks,
  findGithubRepos,
} from '../../../lib/model/code-links';

const CANONICAL_GITHUB_REPO = /^https:\/\/github\.com\/[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
const CANONICAL_CODE_LINK =
  /^https:\/\/(?:github\.com\/[A-Za-z0-9-]+\/[A-Za-z0-9._-]+|gitlab\.com(?:\/[A-Za-z0-9._-]+){2,}|huggingface\.co\/spaces\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+|(?:bitbucket|codeberg)\.org\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+)$/;

/** A first segment GitHub keeps for its own pages; generated owners must avoid them. */
const RESERVED_SAMPLE = new Set(['orgs', 'new', 'about', 'apps', 'join', 'site', 'team', 'users', 'login']);

/** Valid GitHub owners: letters, digits and single hyphens, not starting with a hyphen, 1–39 characters. */
const githubOwner = fc
  .stringMatching(/^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,18}-?$/)
  .filter((owner) => !RESERVED_SAMPLE.has(owner.toLowerCase()));

/**
 * Valid repository names already in canonical form: no trailing dot (a sentence's period) and no
 * `.git` suffix (a clone URL's), since those are exactly what the reader removes.
 */
const githubRepoName = fc
  .stringMatching(/^[A-Za-z0-9._-]{1,40}$/)
  .filter((name) => name !== '.' && name !== '..' && !name.endsWith('.') && !/\.git$/i.test(name));

const scheme = fc.constantFrom('', 'http://', 'https://', 'HTTPS://', '//');
const www = fc.constantFrom('', 'www.', 'WWW.');
const host = fc.constantFrom('github.com', 'GitHub.com', 'GITHUB.COM');
const pathAfterRepo = fc.constantFrom(
  '',
  '/',
  '.git',
  '.git/',
  '/blob/main/README.md',
  '/tree/dev/src',
  '/issues/12',
  '/releases/tag/v1.0',
  '#readme',
  '?tab=readme-ov-file',
  '.git#x',
);
const trailingNoise = fc.constantFrom(
  '',
  '.',
  ',',
  ':',
  ';',
  ')',
  ').',
  ']',
  '"',
  "'",
  '}',
  '{this',
  '!',
  '...',
);
const sentence = fc.constantFrom(
  (link: string) => link,
  (link: string) => `Code is available at ${link}`,
  (link: string) => `The code (${link}) is public.`,
  (link: string) => `See [our code](${link}) for details.`,
  (link: string) => `See <${link}> for details.`,
  (link: string) => `"${link}"`,
  (link: string) => `**${link}**`,
  (link: string) => `Code:\n${link}\nData: none`,
  (link: string) => `\\url{${link}}`,
);

/** Text made of the pieces the reader cares about, so random strings often form near-links. */
const linkSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'github.com',
        'GitHub.com',
        'gitlab.com',
        'huggingface.co',
        'hf.co',
        'bitbucket.org',
        'codeberg.org',
        'spaces/',
        'https://',
        'http://',
        'www.',
        'git@',
        '/',
        '//',
        ':',
        '.',
        '..',
        '.git',
        '-',
        '--',
        '_',
        '/-/',
        '/tree/',
        'orgs',
        ' ',
        '\n',
        '(',
        ')',
        '[',
        ']',
        '<',
        '>',
        '{',
        '}',
        '"',
        '*',
        '=',
        '&lt;',
        'é',
        '代',
      ),
      fc.stringMatching(/^[A-Za-z0-9]{1,4}$/),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(''));

/** Strings of any UTF-16 code units, lone surrogates included. */
const anyCodeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 })
  .map((codes) => String.fromCharCode(...codes));

const anyText = fc.oneof(linkSoup, anyCodeUnits, fc.string({ unit: 'binary', maxLength: 200 }));

describe('findGithubRepos on noisy wrappings of a valid repository', () => {
  it('yields exactly the canonical URL, whatever the scheme, www, path, suffix and punctuation', () => {
    fc.assert(
      fc.property(
        githubOwner,
        githubRepoName,
        scheme,
        www,
        host,
        pathAfterRepo,
        trailingNoise,
        sentence,
        (owner, name, schemePart, wwwPart, hostPart, path, trailing, wrap) => {
          const text = wrap(`${schemePart}${wwwPart}${hostPart}/${owner}/${name}${path}${trailing}`);
          expect(findGithubRepos(text)).toEqual([`https://github.com/${owner}/${name}`]);
        },
      ),
    );
  });

  it('yields the canonical URL for an SSH remote', () => {
    fc.assert(
      fc.property(githubOwner, githubRepoName, fc.constantFrom('', '.git'), (owner, name, suffix) => {
        expect(findGithubRepos(`git clone git@github.com:${owner}/${name}${suffix}`)).toEqual([
          `https://github.com/${owner}/${name}`,
        ]);
      }),
    );
  });

  it('yields nothing for an owner alone', () => {
    fc.assert(
      fc.property(githubOwner, scheme, trailingNoise, (owner, schemePart, trailing) => {
        expect(findGithubRepos(`see ${schemePart}github.com/${owner}${trailing} now`)).toEqual([]);
      }),
    );
  });

  it('yields nothing when the host is part of a longer host name', () => {
    fc.assert(
      fc.property(
        githubOwner,
        githubRepoName,
        fc.constantFrom('gist.', 'api.', 'evil', 'not', 'my-', 'x.'),
        fc.constantFrom('', '.example', 'munity', '.co'),
        (owner, name, before, after) => {
          expect(findGithubRepos(`https://${before}github.com${after}/${owner}/${name}`)).toEqual([]);
        },
      ),
    );
  });

  it('yields nothing for a scheme other than http(s)', () => {
    fc.assert(
      fc.property(
        githubOwner,
        githubRepoName,
        fc.constantFrom(
          'ftp://',
          'ssh://',
          'git://',
          'javascript:',
          'javascript://',
          'data:text/html,',
          'file://',
        ),
        (owner, name, otherScheme) => {
          expect(findGithubRepos(`${otherScheme}github.com/${owner}/${name}`)).toEqual([]);
        },
      ),
    );
  });

  it('keeps the first spelling of repositories that differ only in case', () => {
    fc.assert(
      fc.property(githubOwner, githubRepoName, (owner, name) => {
        const first = `https://github.com/${owner}/${name}`;
        const text = `${first} and github.com/${owner.toUpperCase()}/${name.toLowerCase()}`;
        expect(findGithubRepos(text)).toEqual([first]);
      }),
    );
  });

  it('keeps the order of first appearance of distinct repositories', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(githubOwner, githubRepoName), {
          maxLength: 8,
          selector: ([owner, name]) => `${owner}/${name}`.toLowerCase(),
        }),
        (repos) => {
          const text = repos.map(([owner, name]) => `see github.com/${owner}/${name}.`).join(' ');
          expect(findGithubRepos(text)).toEqual(
            repos.map(([owner, name]) => `https://github.com/${owner}/${name}`),
          );
        },
      ),
    );
  });
});

describe('outputs on arbitrary text', () => {
  it('are always canonical GitHub repository URLs', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const link of findGithubRepos(text)) expect(link).toMatch(CANONICAL_GITHUB_REPO);
      }),
      { numRuns: 500 },
    );
  });

  it('are always canonical code links', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const link of findCodeLinks(text)) expect(link).toMatch(CANONICAL_CODE_LINK);
      }),
      { numRuns: 500 },
    );
  });

  it('are idempotent: reading the results again gives the results', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const repos = findGithubRepos(text);
        expect(findGithubRepos(repos.join(' '))).toEqual(repos);
        const links = findCodeLinks(text);
        expect(findCodeLinks(links.join(' '))).toEqual(links);
      }),
      { numRuns: 500 },
    );
  });

  it('are their own canonical form, one value at a time', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const link of findGithubRepos(text)) expect(canonicalGithubRepo(link)).toBe(link);
        for (const link of findCodeLinks(text)) expect(canonicalCodeLink(link)).toBe(link);
      }),
      { numRuns: 500 },
    );
  });

  it('have no duplicates, ignoring case', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const lowered = findCodeLinks(text).map((link) => link.toLowerCase());
        expect(new Set(lowered).size).toBe(lowered.length);
      }),
      { numRuns: 500 },
    );
  });

  it('contain every GitHub repository findGithubRepos finds, in the same order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const githubLinks = findCodeLinks(text).filter((link) => link.startsWith('https://github.com/'));
        expect(githubLinks).toEqual(findGithubRepos(text));
      }),
      { numRuns: 500 },
    );
  });

  it('never throw', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(() => {
          findGithubRepos(text);
          findCodeLinks(text);
          canonicalGithubRepo(text);
          canonicalCodeLink(text);
        }).not.toThrow();
      }),
      { numRuns: 1_000 },
    );
  });
});
