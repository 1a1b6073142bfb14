import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalCodeLink,
  canonicalGithubRepo,
  findCodeLinks,
  findGithubRepos,
} from '../../../lib/model/code-links';

const repo = (path: string) => `https://github.com/${path}`;

/** [what the case specifies, the free text, the repositories expected]. */
const githubCases: [string, string, string[]][] = [
  // Plain forms.
  ['reads an https link in a sentence', 'Code: https://github.com/a/b now', [repo('a/b')]],
  ['reads an http link', 'see http://github.com/a/b', [repo('a/b')]],
  ['reads a link without a scheme', 'see github.com/a/b', [repo('a/b')]],
  ['reads www. with a scheme', 'https://www.github.com/a/b', [repo('a/b')]],
  ['reads www. without a scheme', 'www.github.com/a/b', [repo('a/b')]],
  ['reads the host and scheme in any case', 'HTTPS://WWW.GitHub.COM/Owner/Repo', [repo('Owner/Repo')]],
  ['reads a protocol-relative link', 'href //github.com/a/b', [repo('a/b')]],
  ['reads a link at the very start of the text', 'github.com/a/b is the code', [repo('a/b')]],
  ['reads a link on its own line', 'Abstract.\nhttps://github.com/a/b\nMore.', [repo('a/b')]],
  ['reads a link after a no-break space', 'Code:\u00a0https://github.com/a/b', [repo('a/b')]],
  // Trailing punctuation.
  ['drops a sentence period', 'The code is at https://github.com/a/b.', [repo('a/b')]],
  ['drops an ellipsis', 'github.com/a/b...', [repo('a/b')]],
  ['drops a row of dots longer than any name', `github.com/a/b${'.'.repeat(300)} 12`, [repo('a/b')]],
  ['drops a comma', 'github.com/a/b, and more', [repo('a/b')]],
  ['drops a colon', 'github.com/a/b: the code', [repo('a/b')]],
  ['drops a semicolon', 'github.com/a/b; see also', [repo('a/b')]],
  ['drops a closing parenthesis', '(code: https://github.com/a/b)', [repo('a/b')]],
  ['drops a closing parenthesis and a period', '(see https://github.com/a/b).', [repo('a/b')]],
  ['drops a closing bracket', '[https://github.com/a/b]', [repo('a/b')]],
  ['drops double quotes', '"https://github.com/a/b"', [repo('a/b')]],
  ['drops single quotes', "'github.com/a/b'", [repo('a/b')]],
  ['drops typographic quotes', '\u201chttps://github.com/a/b\u201d', [repo('a/b')]],
  ['drops an exclamation mark', 'Try github.com/a/b!', [repo('a/b')]],
  ['drops a possessive', "github.com/a/b's readme", [repo('a/b')]],
  ['drops a full-width period', '代码见https://github.com/a/b。', [repo('a/b')]],
  // Paths, suffixes, queries and anchors.
  ['cuts /blob/… to the repository', 'https://github.com/a/b/blob/main/src/x.py', [repo('a/b')]],
  ['cuts /tree/… to the repository', 'https://github.com/a/b/tree/dev/docs', [repo('a/b')]],
  ['cuts /issues… to the repository', 'https://github.com/a/b/issues/12', [repo('a/b')]],
  ['cuts /releases… to the repository', 'https://github.com/a/b/releases/tag/v1.0', [repo('a/b')]],
  ['cuts /pulls and /wiki to the repository', 'github.com/a/b/pulls github.com/a/b/wiki', [repo('a/b')]],
  ['drops a trailing slash', 'https://github.com/a/b/', [repo('a/b')]],
  ['drops a .git suffix', 'git clone https://github.com/a/b.git', [repo('a/b')]],
  ['drops a .GIT suffix in capitals', 'https://github.com/a/b.GIT', [repo('a/b')]],
  ['drops a .git suffix and a period', 'Clone https://github.com/a/b.git.', [repo('a/b')]],
  ['drops a .git suffix before a path', 'https://github.com/a/b.git/tree/main', [repo('a/b')]],
  ['drops an anchor', 'https://github.com/a/b#readme', [repo('a/b')]],
  ['drops a query', 'https://github.com/a/b?tab=readme-ov-file#install', [repo('a/b')]],
  // Markup around the link.
  ['reads a markdown link target', 'See [our code](https://github.com/a/b).', [repo('a/b')]],
  [
    'reads a markdown link whose text is the same link',
    '[github.com/a/b](https://github.com/a/b)',
    [repo('a/b')],
  ],
  ['reads an angle-bracket link', 'Code: <https://github.com/a/b>.', [repo('a/b')]],
  ['reads a bold markdown link', '**https://github.com/a/b**', [repo('a/b')]],
  ['drops underscores that close markdown emphasis', '_github.com/a/b_', [repo('a/b')]],
  ['reads an href attribute', '<a href="https://github.com/a/b">code</a>', [repo('a/b')]],
  ['reads an unquoted href attribute', '<a href=https://github.com/a/b>code</a>', [repo('a/b')]],
  ['reads HTML-escaped angle brackets', '&lt;https://github.com/a/b&gt;', [repo('a/b')]],
  ['reads a LaTeX url command', '\\url{https://github.com/a/b}', [repo('a/b')]],
  // arXiv artifacts.
  ['stops at a closing brace', 'https://github.com/a/b}', [repo('a/b')]],
  ['stops at a glued {this https URL}', 'https://github.com/a/b{this https URL}', [repo('a/b')]],
  ['stops at a glued {this', 'https://github.com/a/b{this', [repo('a/b')]],
  ['cannot tell a glued word from the name itself', 'github.com/a/bthis https URL', [repo('a/bthis')]],
  // Names as GitHub writes them.
  ['keeps a trailing hyphen, which is part of the name', 'github.com/a/b- is the code', [repo('a/b-')]],
  ['keeps dots inside the name', 'github.com/a/my.repo', [repo('a/my.repo')]],
  ['keeps underscores inside and at the end of the name', 'github.com/a/my_repo_', [repo('a/my_repo_')]],
  ['keeps a GitHub Pages repository name', 'github.com/a/a.github.io', [repo('a/a.github.io')]],
  ['keeps a name that starts with a dot', 'github.com/a/.github', [repo('a/.github')]],
  ['keeps hyphens in the owner', 'github.com/my-org-1/b', [repo('my-org-1/b')]],
  ['accepts a 39-character owner', `github.com/${'o'.repeat(39)}/b`, [repo(`${'o'.repeat(39)}/b`)]],
  ['accepts a 100-character repository', `github.com/a/${'r'.repeat(100)}`, [repo(`a/${'r'.repeat(100)}`)]],
  // Order and duplicates.
  ['keeps the order of first appearance', 'github.com/c/d then github.com/a/b', [repo('c/d'), repo('a/b')]],
  [
    'drops duplicates ignoring case and keeps the first spelling',
    'https://github.com/Owner/Repo and github.com/owner/repo.git and github.com/OWNER/REPO/tree/x',
    [repo('Owner/Repo')],
  ],
  [
    'reads a link after another in its query',
    'github.com/a/b?from=https://github.com/c/d',
    [repo('a/b'), repo('c/d')],
  ],
  // SSH remotes (accepted: git's own syntax naming one repository).
  ['reads an SSH remote', 'git clone git@github.com:a/b.git', [repo('a/b')]],
  ['refuses an ssh:// URL, whose scheme is not http(s)', 'ssh://git@github.com/a/b.git', []],
  ['refuses an SSH remote glued to a word', 'xgit@github.com:a/b.git', []],
  ['refuses git@ with a slash instead of a colon', 'git@github.com/a/b', []],
  ['refuses credentials in an https URL', 'https://git@github.com/a/b https://u:p@github.com/c/d', []],
  // Not repositories.
  ['refuses an owner alone', 'Follow https://github.com/huggingface.', []],
  ['refuses an owner with a trailing slash', 'https://github.com/huggingface/', []],
  ['refuses the bare host', 'https://github.com and github.com.', []],
  ['refuses an empty repository name', 'github.com/a//b', []],
  ['refuses . and .. as names', 'github.com/a/. github.com/a/..', []],
  ['refuses a name that is only .git', 'github.com/a/.git', []],
  ['refuses an owner with an underscore or a dot', 'github.com/a_b/c github.com/a.b/c', []],
  ['refuses an owner starting with a hyphen', 'github.com/-a/b', []],
  ['refuses an owner with a double hyphen', 'github.com/a--b/c', []],
  ['refuses a 40-character owner', `github.com/${'o'.repeat(40)}/b`, []],
  ['refuses a 101-character repository', `github.com/a/${'r'.repeat(101)}`, []],
  ['refuses GitHub organization pages', 'https://github.com/orgs/huggingface/repositories', []],
  ['refuses GitHub feature pages', 'https://github.com/features/copilot', []],
  [
    'refuses every reserved first segment',
    [
      'orgs',
      'features',
      'settings',
      'login',
      'logout',
      'join',
      'marketplace',
      'topics',
      'sponsors',
      'explore',
      'about',
      'pricing',
      'enterprise',
      'collections',
      'trending',
      'notifications',
      'issues',
      'pulls',
      'search',
      'apps',
      'site',
      'security',
      'customer-stories',
      'readme',
      'team',
      'contact',
      'new',
      'organizations',
      'codespaces',
      'events',
      'account',
      'sessions',
      'dashboard',
      'users',
      'github-copilot',
      'education',
      'resources',
      'solutions',
      'copilot',
      'mobile',
      'nonprofit',
      'premium-support',
    ]
      .map((segment) => `https://github.com/${segment}/x`)
      .join(' '),
    [],
  ],
  ['refuses reserved segments in any case', 'https://github.com/Marketplace/actions', []],
  ['refuses gists', 'https://gist.github.com/a/0123abcd', []],
  ['refuses raw file links', 'https://raw.githubusercontent.com/a/b/main/x.py', []],
  ['refuses other GitHub subdomains', 'https://api.github.com/repos/a/b codeload.github.com/a/b', []],
  ['refuses GitHub Pages sites', 'Project page: https://ywyue.github.io/FiT3D.', []],
  ['refuses a host that continues after .com', 'https://github.com.example/a/b', []],
  ['refuses a longer top-level domain', 'https://github.community/a/b', []],
  ['refuses a host glued to a word', 'https://evilgithub.com/a/b notgithub.com/a/b', []],
  ['refuses a host glued with a hyphen', 'https://my-github.com/a/b', []],
  ['refuses a host glued to a letter of another script', 'égithub.com/a/b', []],
  ['refuses github.co', 'https://github.co/a/b', []],
  ['refuses a user-info trick that goes to another host', 'https://github.com@evil.example/a/b', []],
  ['refuses a port', 'https://github.com:443/a/b', []],
  ['refuses a link inside another URL path', 'https://example.com/github.com/a/b', []],
  ['refuses an ftp URL', 'ftp://github.com/a/b', []],
  ['refuses a javascript: URL', 'javascript:github.com/a/b', []],
  ['refuses a javascript:// URL', 'javascript://github.com/a/b', []],
  ['refuses a protocol-relative link glued to code', 'javascript:alert(1)//github.com/a/b', []],
  ['refuses a data: URL', 'data:text/html,github.com/a/b', []],
  ['refuses a data: URL holding an https link', 'data:text/html,https://github.com/a/b', []],
  ['refuses a scheme that only ends in https', 'git+https://github.com/a/b xhttps://github.com/c/d', []],
  ['refuses a label glued with a colon, read as a scheme', 'Code:https://github.com/a/b', []],
  ['refuses an e-mail address at GitHub', 'support@github.com/a/b', []],
  ['refuses text that only mentions GitHub', 'open to contributions via GitHub pool requests.', []],
  ['finds nothing in empty text', '', []],
];

describe('findGithubRepos', () => {
  it.each(githubCases)('%s', (_specification, text, expected) => {
    expect(findGithubRepos(text)).toEqual(expected);
  });

  it('never returns links to other code hosts', () => {
    expect(
      findGithubRepos('https://gitlab.com/a/b https://huggingface.co/spaces/a/b github.com/c/d'),
    ).toEqual([repo('c/d')]);
  });

  it('returns nothing, without throwing, for a value that is not a string', () => {
    expect(findGithubRepos(undefined as unknown as string)).toEqual([]);
  });
});

/** [what the case specifies, the value, the repository expected or undefined]. */
const canonicalGithubCases: [string, string, string | undefined][] = [
  ['keeps a canonical URL', 'https://github.com/a/b', repo('a/b')],
  [
    'reads the site field written as owner/repo',
    'huggingface/transformers',
    repo('huggingface/transformers'),
  ],
  ['reads owner/repo.git', 'a/b.git', repo('a/b')],
  ['reads owner/repo with a path', 'a/b/tree/main', repo('a/b')],
  ['trims surrounding whitespace', '  https://github.com/a/b/ \n', repo('a/b')],
  [
    'reads an href with a path, a query and an anchor',
    'https://github.com/a/b/blob/x.md?plain=1#L3',
    repo('a/b'),
  ],
  ['reads an http URL with www', 'http://www.github.com/a/b', repo('a/b')],
  ['reads a link without a scheme', 'github.com/a/b', repo('a/b')],
  ['reads an SSH remote', 'git@github.com:a/b.git', repo('a/b')],
  ['refuses an owner alone', 'https://github.com/huggingface', undefined],
  ['refuses a bare owner', 'huggingface', undefined],
  ['refuses a reserved first segment written bare', 'orgs/huggingface', undefined],
  ['refuses a reserved first segment in a URL', 'https://github.com/sponsors/a', undefined],
  ['refuses a bare owner with an invalid character', 'a_b/c', undefined],
  [
    'refuses a URL that only mentions a repository in its query',
    'https://example.com/?u=https://github.com/a/b',
    undefined,
  ],
  ['refuses a value with text before the link', 'see https://github.com/a/b', undefined],
  ['refuses a GitLab project', 'https://gitlab.com/a/b', undefined],
  ['refuses a gist', 'https://gist.github.com/a/b', undefined],
  ['refuses a javascript: URL', 'javascript:alert(1)//github.com/a/b', undefined],
  ['refuses an ftp URL', 'ftp://github.com/a/b', undefined],
  ['refuses a relative href', '/papers/2407.21783', undefined],
  ['refuses an empty value', '', undefined],
];

describe('canonicalGithubRepo', () => {
  it.each(canonicalGithubCases)('%s', (_specification, value, expected) => {
    expect(canonicalGithubRepo(value)).toBe(expected);
  });

  it('returns undefined, without throwing, for a value that is not a string', () => {
    expect(canonicalGithubRepo(null as unknown as string)).toBeUndefined();
  });
});

/** [what the case specifies, the free text, the links expected]. */
const codeLinkCases: [string, string, string[]][] = [
  ['reads a GitLab project', 'Code: https://gitlab.com/group/project.', ['https://gitlab.com/group/project']],
  [
    'reads a GitLab project in subgroups, cut at /-/',
    'https://gitlab.com/g/sub/project/-/tree/main',
    ['https://gitlab.com/g/sub/project'],
  ],
  [
    'cuts an old-style GitLab path without /-/',
    'gitlab.com/group/project/blob/main/x.py',
    ['https://gitlab.com/group/project'],
  ],
  ['drops .git from a GitLab project', 'gitlab.com/group/project.git', ['https://gitlab.com/group/project']],
  ['refuses a GitLab group alone', 'https://gitlab.com/group and gitlab.com/group/-/issues', []],
  [
    'refuses GitLab pages that are not projects',
    'https://gitlab.com/users/sign_in gitlab.com/explore/projects',
    [],
  ],
  [
    'reads a Hugging Face Space',
    'Demo: https://huggingface.co/spaces/owner/demo-app.',
    ['https://huggingface.co/spaces/owner/demo-app'],
  ],
  [
    'reads a Space on the short domain as the canonical host',
    'hf.co/spaces/owner/app/blob/main/app.py',
    ['https://huggingface.co/spaces/owner/app'],
  ],
  [
    'refuses Hugging Face models, datasets, papers and CDN hosts',
    'https://huggingface.co/owner/model huggingface.co/datasets/a/b https://huggingface.co/papers/2407.21783 https://cdn-thumbnails.huggingface.co/x/y',
    [],
  ],
  ['refuses a Space owner alone', 'https://huggingface.co/spaces/owner', []],
  [
    'reads a Bitbucket repository',
    'https://bitbucket.org/team/repo/src/master/',
    ['https://bitbucket.org/team/repo'],
  ],
  ['refuses Bitbucket pages that are not repositories', 'https://bitbucket.org/account/signin', []],
  ['reads a Codeberg repository', 'https://codeberg.org/owner/repo.git', ['https://codeberg.org/owner/repo']],
  ['refuses Codeberg pages that are not repositories', 'https://codeberg.org/explore/repos', []],
  ['reads SSH remotes of the other git hosts', 'git@gitlab.com:g/p.git', ['https://gitlab.com/g/p']],
  ['leaves aka.ms short links out', 'Code: https://aka.ms/some-project', []],
  [
    'keeps every host in order of first appearance',
    'https://huggingface.co/spaces/a/demo then github.com/a/b and gitlab.com/a/c',
    ['https://huggingface.co/spaces/a/demo', repo('a/b'), 'https://gitlab.com/a/c'],
  ],
  [
    'drops duplicates across spellings, ignoring case',
    'hf.co/spaces/A/Demo https://huggingface.co/spaces/a/demo gitlab.com/G/P gitlab.com/g/p.git',
    ['https://huggingface.co/spaces/A/Demo', 'https://gitlab.com/G/P'],
  ],
  ['refuses look-alike hosts of every code host', 'mygitlab.com/a/b huggingface.co.evil/spaces/a/b', []],
  ['refuses non-http schemes on every host', 'ftp://gitlab.com/a/b javascript:huggingface.co/spaces/a/b', []],
];

describe('findCodeLinks', () => {
  it.each(codeLinkCases)('%s', (_specification, text, expected) => {
    expect(findCodeLinks(text)).toEqual(expected);
  });

  it('includes exactly the GitHub repositories findGithubRepos finds', () => {
    const text = 'github.com/a/b gitlab.com/c/d GitHub.com/A/B.git https://github.com/e/f.';
    expect(findCodeLinks(text).filter((link) => link.startsWith('https://github.com/'))).toEqual(
      findGithubRepos(text),
    );
  });
});

/** [what the case specifies, the value, the link expected or undefined]. */
const canonicalCodeLinkCases: [string, string, string | undefined][] = [
  ['reads a GitHub URL', 'https://github.com/a/b/tree/main', repo('a/b')],
  ['reads a GitLab URL', 'https://gitlab.com/g/s/p/-/blob/main/x', 'https://gitlab.com/g/s/p'],
  ['reads a Space URL', 'https://hf.co/spaces/a/b', 'https://huggingface.co/spaces/a/b'],
  ['reads a Bitbucket URL', 'https://bitbucket.org/a/b', 'https://bitbucket.org/a/b'],
  ['reads a Codeberg URL', 'codeberg.org/a/b', 'https://codeberg.org/a/b'],
  ['refuses a bare owner/repo, which could be a relative link', 'a/b', undefined],
  ['refuses an aka.ms short link', 'https://aka.ms/code', undefined],
  ['refuses a project page', 'https://ywyue.github.io/FiT3D', undefined],
  [
    'refuses a URL that only mentions a code host',
    'https://example.com/r?to=https://gitlab.com/a/b',
    undefined,
  ],
  ['refuses a non-http scheme', 'ftp://codeberg.org/a/b', undefined],
  ['refuses a Hugging Face model', 'https://huggingface.co/a/b', undefined],
];

describe('canonicalCodeLink', () => {
  it.each(canonicalCodeLinkCases)('%s', (_specification, value, expected) => {
    expect(canonicalCodeLink(value)).toBe(expected);
  });
});

describe('outputs are safe to put in an href', () => {
  it('rebuilds the link from its parts instead of copying the input', () => {
    const [link] = findCodeLinks('HTTP://WWW.GITHUB.COM/a/b.git?x="><script>');
    expect(link).toBe(repo('a/b'));
  });
});

describe('performance on adversarial input of 1 MB', () => {
  const megabyte = 1_000_000;
  const inputs: [string, string][] = [
    ['the host repeated without separators', 'github.com/'.repeat(megabyte / 11)],
    ['the host repeated with spaces', 'https://github.com/a '.repeat(megabyte / 21)],
    ['one endless repository name', `https://github.com/a/${'b'.repeat(megabyte)}`],
    ['one endless owner name', `https://github.com/${'a'.repeat(megabyte)}`],
    ['repositories separated only by dots', `github.com/a/b${'.github.com/a/b'.repeat(megabyte / 15)}`],
    ['punctuation before each host', '*'.repeat(megabyte / 2) + 'github.com/a/b'.repeat(megabyte / 28)],
    ['GitLab paths that never end', `gitlab.com/${'g/'.repeat(megabyte / 2)}`],
    ['SSH prefixes repeated', 'git@github.com:'.repeat(megabyte / 15)],
    ['nothing but dots and hyphens', `github.com/a/${'.-'.repeat(megabyte / 2)}`],
    ['one endless row of dots after a name', `github.com/a/b${'.'.repeat(megabyte)}`],
    ['long names of dots with one letter', `github.com/a/${'.'.repeat(110)}x `.repeat(megabyte / 125)],
    [
      'long GitLab segments of dots with one letter',
      `gitlab.com/g/${'.'.repeat(250)}x `.repeat(megabyte / 265),
    ],
  ];

  it.each(inputs)('finishes well under a second: %s', (_shape, text) => {
    const started = performance.now();
    findCodeLinks(text);
    findGithubRepos(text);
    canonicalGithubRepo(text);
    canonicalCodeLink(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

const capturedPage = resolve(process.cwd(), '../shared/hf-pages/daily-2024-08-01.props.json');
const hasCapturedPage = existsSync(capturedPage);
if (!hasCapturedPage) console.warn(`code-links: skipping the captured-page test, ${capturedPage} is absent`);

describe('a captured Daily Papers page (2024-08-01)', () => {
  it.skipIf(!hasCapturedPage)(
    `finds the one repository its abstracts name and no project page${hasCapturedPage ? '' : ' (skipped: ../shared/hf-pages is absent)'}`,
    () => {
      const props = JSON.parse(readFileSync(capturedPage, 'utf8')) as {
        dailyPapers: { paper: { id: string; summary: string } }[];
      };
      const linksById = Object.fromEntries(
        props.dailyPapers
          .map(({ paper }) => [paper.id, findCodeLinks(paper.summary)] as const)
          .filter(([, links]) => links.length > 0),
      );
      expect(linksById).toEqual({ '2407.21721': ['https://github.com/ruohaoguo/ovavss'] });
    },
  );
});
