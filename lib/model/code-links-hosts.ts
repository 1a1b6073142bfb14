/**
 * The code hosts that links to a paper's source code are read on, and their rules: the host names,
 * how long an owner or a repository name may be, which first path segments are the host's own pages
 * and never an owner (`github.com/orgs`, `gitlab.com/explore`, …), and how a path is read
 * (`OWNER/REPO` on GitHub, Bitbucket, Codeberg and Hugging Face Spaces; `GROUP/…/PROJECT` on GitLab).
 *
 * Names are read character by character with their lengths bounded, so the work per link is bounded
 * and no regular expression can backtrack. The scanner that finds links in text, and the public
 * functions, are in code-links.ts.
 */

/** GitHub's longest user or organization name. */
export const GITHUB_OWNER_MAX = 39;
/** GitHub's longest repository name. */
const GITHUB_REPO_MAX = 100;
/** Upper bound for names on the other hosts (each host's own limit is at most this). */
const OTHER_NAME_MAX = 255;
/** GitLab nests at most 20 subgroups above a project. */
const GITLAB_MAX_SEGMENTS = 21;

/**
 * First path segments that are GitHub's own pages, never an owner. Owners cannot take these names,
 * so `github.com/orgs/x` or `github.com/features/copilot` is not a repository.
 */
const GITHUB_RESERVED_OWNERS = new Set([
  'about',
  'account',
  'advisories',
  'apps',
  'blog',
  'codespaces',
  'collections',
  'contact',
  'copilot',
  'customer-stories',
  'dashboard',
  'discussions',
  'downloads',
  'education',
  'enterprise',
  'enterprises',
  'events',
  'explore',
  'features',
  'git-guides',
  'github-copilot',
  'home',
  'issues',
  'join',
  'login',
  'logout',
  'marketplace',
  'mobile',
  'new',
  'nonprofit',
  'notifications',
  'open-source',
  'organizations',
  'orgs',
  'partners',
  'premium-support',
  'pricing',
  'pulls',
  'readme',
  'repositories',
  'resources',
  'search',
  'security',
  'sessions',
  'settings',
  'showcases',
  'signup',
  'site',
  'sitemap',
  'solutions',
  'sponsors',
  'stars',
  'team',
  'teams',
  'topics',
  'trending',
  'users',
  'watching',
  'why-github',
]);

/** First path segments that are GitLab's own pages, never a group. */
const GITLAB_RESERVED_GROUPS = new Set([
  '-',
  'admin',
  'api',
  'assets',
  'dashboard',
  'explore',
  'groups',
  'help',
  'import',
  'oauth',
  'profile',
  'projects',
  'public',
  'search',
  'snippets',
  'uploads',
  'users',
]);

/**
 * Segments that end a GitLab project path in old-style URLs written without the `/-/` marker
 * (`gitlab.com/group/project/tree/main`). Only honoured once a group and a project were read.
 */
const GITLAB_PROJECT_ROUTES = new Set([
  'archive',
  'blame',
  'blob',
  'boards',
  'branches',
  'commit',
  'commits',
  'compare',
  'issues',
  'jobs',
  'labels',
  'merge_requests',
  'milestones',
  'pipelines',
  'raw',
  'releases',
  'snippets',
  'tags',
  'tree',
  'wikis',
]);

/** First path segments that are Bitbucket's own pages, never a workspace. */
const BITBUCKET_RESERVED_OWNERS = new Set([
  'account',
  'blog',
  'dashboard',
  'product',
  'repo',
  'site',
  'snippets',
  'socialauth',
  'support',
]);

/** First path segments that are Codeberg's (Forgejo's) own pages, never an owner. */
const CODEBERG_RESERVED_OWNERS = new Set([
  'admin',
  'api',
  'assets',
  'avatars',
  'explore',
  'issues',
  'login',
  'milestones',
  'notifications',
  'org',
  'pulls',
  'repo',
  'user',
]);

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** A character GitHub, GitLab, Hugging Face, Bitbucket and Codeberg allow in names: `[A-Za-z0-9._-]`. */
function isNameChar(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === 46 /* . */ || code === 95 /* _ */ || code === 45 /* - */;
}

/**
 * The end of the run of name characters starting at `start`, or -1 when the run is longer than
 * `max` (such a name is invalid, and stopping early keeps the work per link bounded). Past `max`
 * only dots may continue the run: a row of dots after a name is punctuation, trimmed later.
 */
export function nameRunEnd(text: string, start: number, max: number): number {
  let index = start;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (!isNameChar(code)) break;
    if (index - start >= max && code !== 46 /* . */) return -1;
    index++;
  }
  return index;
}

/** Removes what follows a name without being part of it: sentence dots, then a `.git` suffix, repeatedly. */
function trimNameEnd(name: string): string {
  let trimmed = name;
  for (;;) {
    let end = trimmed.length;
    while (end > 0 && trimmed[end - 1] === '.') end--;
    const withoutDots = trimmed.slice(0, end);
    const withoutGit = withoutDots.toLowerCase().endsWith('.git') ? withoutDots.slice(0, -4) : withoutDots;
    if (withoutGit === trimmed) return trimmed;
    trimmed = withoutGit;
  }
}

/** Trims a project name; `closingUnderscores` mirror the emphasis that opened before the link. */
function trimProjectName(name: string, closingUnderscores: number): string {
  let trimmed = trimNameEnd(name);
  if (closingUnderscores > 0) {
    const closing = '_'.repeat(closingUnderscores);
    if (trimmed.length > closing.length && trimmed.endsWith(closing)) {
      trimmed = trimNameEnd(trimmed.slice(0, -closing.length));
    }
  }
  return trimmed;
}

function isValidName(name: string, max: number): boolean {
  return name.length > 0 && name.length <= max && name !== '.' && name !== '..';
}

/** GitHub owners: letters, digits and single hyphens, not starting with a hyphen. */
function isValidGithubOwner(owner: string): boolean {
  return (
    owner.length > 0 &&
    owner.length <= GITHUB_OWNER_MAX &&
    /^[A-Za-z0-9-]+$/.test(owner) &&
    !owner.startsWith('-') &&
    !owner.includes('--')
  );
}

/** How `OWNER/NAME` paths are read on one host. */
export interface OwnerNameRules {
  /** The longest owner name the host allows. */
  ownerMax: number;
  /** The longest repository (or Space) name the host allows. */
  nameMax: number;
  isValidOwner: (owner: string) => boolean;
  /** First path segments that are the host's own pages (lower case), never an owner. */
  reservedOwners: ReadonlySet<string>;
}

/**
 * Reads `OWNER/NAME` at `pathStart` and ignores whatever follows the name (`/blob/…`, `?…`, `#…`).
 * `closingUnderscores` is passed separately because only the finder knows what preceded the link.
 */
export function readOwnerAndName(
  text: string,
  pathStart: number,
  rules: OwnerNameRules,
  closingUnderscores: number,
): string | undefined {
  const ownerEnd = nameRunEnd(text, pathStart, rules.ownerMax);
  if (ownerEnd < 0 || text[ownerEnd] !== '/') return undefined;
  const owner = text.slice(pathStart, ownerEnd);
  if (!rules.isValidOwner(owner) || rules.reservedOwners.has(owner.toLowerCase())) return undefined;
  // Room for a `.git` suffix and a few sentence dots beyond the longest name.
  const nameEnd = nameRunEnd(text, ownerEnd + 1, rules.nameMax + 16);
  if (nameEnd < 0) return undefined;
  const name = trimProjectName(text.slice(ownerEnd + 1, nameEnd), closingUnderscores);
  if (!isValidName(name, rules.nameMax)) return undefined;
  return `${owner}/${name}`;
}

/** GitHub's owners and repositories. */
export const GITHUB_RULES: OwnerNameRules = {
  ownerMax: GITHUB_OWNER_MAX,
  nameMax: GITHUB_REPO_MAX,
  isValidOwner: isValidGithubOwner,
  reservedOwners: GITHUB_RESERVED_OWNERS,
};

const HF_SPACE_RULES: OwnerNameRules = {
  ownerMax: 96,
  nameMax: 96,
  isValidOwner: (owner) => isValidName(owner, 96) && /^[A-Za-z0-9]/.test(owner),
  reservedOwners: new Set(),
};

const BITBUCKET_RULES: OwnerNameRules = {
  ownerMax: 62,
  nameMax: 128,
  isValidOwner: (owner) => /^[A-Za-z0-9_-]+$/.test(owner),
  reservedOwners: BITBUCKET_RESERVED_OWNERS,
};

const CODEBERG_RULES: OwnerNameRules = {
  ownerMax: 40,
  nameMax: 100,
  isValidOwner: (owner) => isValidName(owner, 40) && /^[A-Za-z0-9]/.test(owner),
  reservedOwners: CODEBERG_RESERVED_OWNERS,
};

/**
 * Reads `GROUP/…/PROJECT` on GitLab: segments up to the `/-/` marker, an old-style route such as
 * `/tree/`, or the first character that cannot continue the path.
 */
function readGitlabProject(text: string, pathStart: number, closingUnderscores: number): string | undefined {
  const segments: string[] = [];
  let index = pathStart;
  while (segments.length < GITLAB_MAX_SEGMENTS) {
    const end = nameRunEnd(text, index, OTHER_NAME_MAX);
    if (end < 0) return undefined;
    const segment = text.slice(index, end);
    if (segment === '' || segment === '.' || segment === '..' || segment === '-') break;
    if (segments.length === 0 && GITLAB_RESERVED_GROUPS.has(segment.toLowerCase())) return undefined;
    if (segments.length >= 2 && GITLAB_PROJECT_ROUTES.has(segment.toLowerCase())) break;
    segments.push(segment);
    if (text[end] !== '/') break;
    index = end + 1;
  }
  // The last segment is the project; a trailing dot or `.git` belongs to the sentence or the clone URL.
  while (segments.length > 0) {
    const project = trimProjectName(segments[segments.length - 1] ?? '', closingUnderscores);
    if (isValidName(project, OTHER_NAME_MAX) && !/^[-.]/.test(project)) {
      segments[segments.length - 1] = project;
      break;
    }
    segments.pop();
  }
  if (segments.length < 2 || segments.some((segment) => segment.startsWith('-'))) return undefined;
  return segments.join('/');
}

/** Reads `spaces/OWNER/NAME` on Hugging Face; models and datasets are not code. */
function readHfSpace(text: string, pathStart: number, closingUnderscores: number): string | undefined {
  if (text.slice(pathStart, pathStart + 7).toLowerCase() !== 'spaces/') return undefined;
  const space = readOwnerAndName(text, pathStart + 7, HF_SPACE_RULES, closingUnderscores);
  return space === undefined ? undefined : `spaces/${space}`;
}

/** How links on one host are read. */
export interface KnownHost {
  /** The host written in canonical links. */
  canonicalHost: string;
  /** Whether `git@HOST:OWNER/REPO` addresses this host's repositories. */
  acceptsSshRemote: boolean;
  /** Whether results are GitHub repositories (what `findGithubRepos` in code-links.ts keeps). */
  isGithub: boolean;
  /** Reads the canonical path (no leading slash) starting at `pathStart`, or refuses it. */
  readPath: (text: string, pathStart: number, closingUnderscores: number) => string | undefined;
}

const GITHUB: KnownHost = {
  canonicalHost: 'github.com',
  acceptsSshRemote: true,
  isGithub: true,
  readPath: (text, start, underscores) => readOwnerAndName(text, start, GITHUB_RULES, underscores),
};

const HUGGING_FACE: KnownHost = {
  canonicalHost: 'huggingface.co',
  acceptsSshRemote: false,
  isGithub: false,
  readPath: readHfSpace,
};

/** Host names as matched (lower case) to how links on them are read. */
export const KNOWN_HOSTS: ReadonlyMap<string, KnownHost> = new Map([
  ['github.com', GITHUB],
  [
    'gitlab.com',
    { canonicalHost: 'gitlab.com', acceptsSshRemote: true, isGithub: false, readPath: readGitlabProject },
  ],
  ['huggingface.co', HUGGING_FACE],
  // Hugging Face's short domain redirects to the same pages.
  ['hf.co', HUGGING_FACE],
  [
    'bitbucket.org',
    {
      canonicalHost: 'bitbucket.org',
      acceptsSshRemote: true,
      isGithub: false,
      readPath: (text, start, underscores) => readOwnerAndName(text, start, BITBUCKET_RULES, underscores),
    },
  ],
  [
    'codeberg.org',
    {
      canonicalHost: 'codeberg.org',
      acceptsSshRemote: true,
      isGithub: false,
      readPath: (text, start, underscores) => readOwnerAndName(text, start, CODEBERG_RULES, underscores),
    },
  ],
]);

/**
 * Every host name of {@link KNOWN_HOSTS}, case-insensitive. Literal alternatives only: the engine
 * cannot backtrack beyond one host name per position.
 */
export const KNOWN_HOST_PATTERN =
  /github\.com|gitlab\.com|huggingface\.co|hf\.co|bitbucket\.org|codeberg\.org/gi;
