/**
 * Links to a paper's source code, found in free text (abstracts, comments) or read from one value
 * (the site's `githubRepo` field, a card's `<a href>`).
 *
 * Abstracts name their code with every kind of noise around the link, so the reader looks for the
 * host names it knows and reads each occurrence by hand, character by character, with name lengths
 * bounded: the work is linear in the text and no regular expression can backtrack.
 *
 * Rules shared by every host:
 * - The link may start with `https://`, `http://`, `//` or nothing, and `www.`; any other scheme
 *   (`ftp://`, `javascript:`, `data:`, `ssh://`, `git+https://`) is rejected, and so is a host that
 *   is only part of a longer name (`gist.github.com`, `evilgithub.com`, `github.com.example`).
 * - Before the link there must be a boundary: the start of the text, a space, an opening bracket,
 *   a quote, `=`, `>` or `|` (optionally after sentence or markdown punctuation such as `*`, `_`,
 *   `:`), or non-ASCII punctuation. So a label glued to the link with a colon,
 *   `Code:https://github.com/a/b`, reads as an unknown URL scheme and is skipped, like
 *   `javascript:` or `data:text/html,`: we prefer missing a link to reading one out of another URL.
 * - The scp-like SSH remote `git@HOST:OWNER/REPO(.git)` of the git hosts is accepted: it is git's
 *   own address syntax, not a URL with a scheme, and it names exactly one repository.
 * - The repository name ends at the first character a name cannot hold; then trailing dots
 *   (a sentence's period) and a `.git` suffix are removed, and trailing underscores that mirror
 *   markdown emphasis before the link (`_github.com/a/b_`). A trailing `-` is part of the name.
 * - `aka.ms/…` short links are not code links: they are opaque redirects, far more often to
 *   documentation or product pages than to a repository, and the extension does not follow them.
 *
 * Every result is rebuilt from the parsed host and names (never copied from the input), always
 * `https:`, so it is safe to put in an `href`.
 */

interface FoundLink {
  /** Canonical `https:` URL. */
  url: string;
  /** Where the link starts in the text (its scheme, `www.`, `git@` or host). */
  start: number;
  isGithub: boolean;
}

/** GitHub's longest user or organization name. */
const GITHUB_OWNER_MAX = 39;
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

/**
 * Characters allowed between a boundary and a link: sentence punctuation and markdown emphasis
 * (`**github.com/a/b**`, `…github.com/a/b`). What comes before them must still be a boundary.
 */
const LEAD_PUNCTUATION = new Set(['*', '_', '~', '.', ',', ';', ':', '!', '?', '-']);

/** ASCII characters (besides whitespace) after which a link may start: opening brackets, quotes, `=`, `>`, `|`. */
const ASCII_BOUNDARIES = new Set(['(', '[', '{', '<', '"', "'", '`', '=', '>', '|']);

/** HTML escapes that stand for a quote or bracket, seen when text was taken from markup. */
const BOUNDARY_ENTITIES = ['&lt;', '&gt;', '&quot;', '&apos;', '&#39;', '&#34;', '&nbsp;'];

const LETTER_OR_DIGIT_AT_END = /[\p{L}\p{N}\p{M}]$/u;
const WHITESPACE = /\s/;

/**
 * How the link begins, which decides what may stand right before it:
 * - `scheme`: `http(s)://`. Only ASCII glued before it would change the scheme (`xhttps://`,
 *   `git+https://`), so a letter of another script is a boundary (`代码见https://…`).
 * - `bare`: the host itself, `www.`, `git@` or `//`. Any letter glued before it would make a longer
 *   host name (`evilgithub.com`, an internationalized `例github.com`) or another scheme (`ftp://`).
 */
type LinkOpening = 'scheme' | 'bare';

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** A character GitHub, GitLab, Hugging Face, Bitbucket and Codeberg allow in names: `[A-Za-z0-9._-]`. */
function isNameChar(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === 46 /* . */ || code === 95 /* _ */ || code === 45 /* - */;
}

/** Whether `text` has `suffix` (ASCII, compared case-insensitively) ending right before `end`. */
function endsWithAt(text: string, end: number, suffix: string): boolean {
  const start = end - suffix.length;
  return start >= 0 && text.slice(start, end).toLowerCase() === suffix;
}

/** Whether a link starting at `start` is not glued to a preceding word, scheme, path or host. */
function hasBoundaryBefore(text: string, start: number, opening: LinkOpening): boolean {
  if (BOUNDARY_ENTITIES.some((entity) => endsWithAt(text, start, entity))) return true;
  let index = start - 1;
  while (index >= 0 && LEAD_PUNCTUATION.has(text[index] ?? '')) index--;
  if (index < 0) return true;
  const char = text[index] ?? '';
  if (WHITESPACE.test(char) || ASCII_BOUNDARIES.has(char)) return true;
  if (char.charCodeAt(0) < 128) return false;
  if (opening === 'scheme') return true;
  // Two code units so a letter outside the BMP (a surrogate pair) is recognized as a letter.
  return !LETTER_OR_DIGIT_AT_END.test(text.slice(Math.max(0, index - 1), index + 1));
}

/** How many `_` directly precede `start`: markdown emphasis whose closing half may end the name. */
function underscoresBefore(text: string, start: number): number {
  let count = 0;
  while (start - count - 1 >= 0 && text[start - count - 1] === '_') count++;
  return count;
}

/**
 * The end of the run of name characters starting at `start`, or -1 when the run is longer than
 * `max` (such a name is invalid, and stopping early keeps the work per link bounded). Past `max`
 * only dots may continue the run: a row of dots after a name is punctuation, trimmed later.
 */
function nameRunEnd(text: string, start: number, max: number): number {
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

interface OwnerNameRules {
  ownerMax: number;
  nameMax: number;
  isValidOwner: (owner: string) => boolean;
  reservedOwners: ReadonlySet<string>;
}

/**
 * Reads `OWNER/NAME` at `pathStart` and ignores whatever follows the name (`/blob/…`, `?…`, `#…`).
 * `closingUnderscores` is passed separately because only the finder knows what preceded the link.
 */
function readOwnerAndName(
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

const GITHUB_RULES: OwnerNameRules = {
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
interface KnownHost {
  /** The host written in canonical links. */
  canonicalHost: string;
  /** Whether `git@HOST:OWNER/REPO` addresses this host's repositories. */
  acceptsSshRemote: boolean;
  /** Whether results are GitHub repositories (what {@link findGithubRepos} keeps). */
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
const KNOWN_HOSTS: ReadonlyMap<string, KnownHost> = new Map([
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

/** Literal alternatives only: the engine cannot backtrack beyond one host name per position. */
const KNOWN_HOST_PATTERN = /github\.com|gitlab\.com|huggingface\.co|hf\.co|bitbucket\.org|codeberg\.org/gi;

/** Every code link in `text`, in order, duplicates included. */
function* scanCodeLinks(text: string): Generator<FoundLink> {
  for (const match of text.matchAll(KNOWN_HOST_PATTERN)) {
    const host = KNOWN_HOSTS.get(match[0].toLowerCase());
    if (host === undefined) continue;
    const hostStart = match.index;
    const hostEnd = hostStart + match[0].length;

    let start = hostStart;
    if (endsWithAt(text, start, 'www.')) start -= 4;
    let opening: LinkOpening = 'bare';
    let isSshRemote = false;
    if (endsWithAt(text, start, 'https://')) {
      start -= 8;
      opening = 'scheme';
    } else if (endsWithAt(text, start, 'http://')) {
      start -= 7;
      opening = 'scheme';
    } else if (endsWithAt(text, start, '//')) {
      start -= 2;
    } else if (host.acceptsSshRemote && start === hostStart && endsWithAt(text, start, 'git@')) {
      start -= 4;
      isSshRemote = true;
    }
    if (!hasBoundaryBefore(text, start, opening)) continue;
    // `github.com.example`, `github.community`, `github.com@evil.example`, `github.com:443` all stop here.
    if (text[hostEnd] !== (isSshRemote ? ':' : '/')) continue;

    const path = host.readPath(text, hostEnd + 1, underscoresBefore(text, start));
    if (path === undefined) continue;
    yield { url: `https://${host.canonicalHost}/${path}`, start, isGithub: host.isGithub };
  }
}

/** The canonical links of `found`, first appearance first, duplicates (ignoring case) dropped. */
function uniqueUrls(found: Iterable<FoundLink>): string[] {
  const urls: string[] = [];
  const seen = new Set<string>();
  for (const link of found) {
    const key = link.url.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    urls.push(link.url);
  }
  return urls;
}

function* onlyGithub(found: Iterable<FoundLink>): Generator<FoundLink> {
  for (const link of found) if (link.isGithub) yield link;
}

/** The link that the whole of `value` is, if it starts right at the beginning. */
function readSingleLink(value: string): FoundLink | undefined {
  const trimmed = value.trim();
  for (const link of scanCodeLinks(trimmed)) return link.start === 0 ? link : undefined;
  return undefined;
}

/**
 * Finds the GitHub repositories named in free text.
 *
 * Each occurrence is reduced to its repository (`/blob/…`, `/tree/…`, `/issues/…`, `.git`, `#…`,
 * `?…` and trailing punctuation are dropped). Owner pages (`github.com/huggingface`), GitHub's own
 * pages (`github.com/orgs/…`, `/features/…`, …), other hosts and non-http(s) schemes are not
 * repositories. See the module comment for the full rules.
 *
 * @param text - Any text; never throws.
 * @returns Canonical `https://github.com/OWNER/REPO` URLs in order of first appearance, without
 *   duplicates: owner and repository are compared ignoring case and the first spelling is kept.
 */
export function findGithubRepos(text: string): string[] {
  if (typeof text !== 'string') return [];
  return uniqueUrls(onlyGithub(scanCodeLinks(text)));
}

/**
 * Reads one value that should name a GitHub repository: a URL (`https://github.com/owner/repo`,
 * possibly with `/tree/…`, `.git` and the other noise {@link findGithubRepos} accepts), an SSH
 * remote (`git@github.com:owner/repo.git`) or, as the site's `githubRepo` field sometimes holds,
 * a bare `owner/repo`.
 *
 * The repository must start the value (surrounding whitespace aside): a URL elsewhere that merely
 * mentions GitHub in its query string is not a repository.
 *
 * @returns `https://github.com/OWNER/REPO`, or `undefined` when the value is not a repository.
 */
export function canonicalGithubRepo(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  // A bare `owner/repo`: the first segment has no dot or colon, so it cannot be a host or a scheme.
  const bareOwnerEnd = nameRunEnd(trimmed, 0, GITHUB_OWNER_MAX);
  if (bareOwnerEnd > 0 && trimmed[bareOwnerEnd] === '/' && !trimmed.slice(0, bareOwnerEnd).includes('.')) {
    const path = readOwnerAndName(trimmed, 0, GITHUB_RULES, 0);
    return path === undefined ? undefined : `https://github.com/${path}`;
  }
  const link = readSingleLink(trimmed);
  return link?.isGithub ? link.url : undefined;
}

/**
 * Finds every link to source code in free text: GitHub repositories (as {@link findGithubRepos}),
 * GitLab projects `https://gitlab.com/GROUP/…/PROJECT` (cut at `/-/`), Hugging Face Spaces
 * `https://huggingface.co/spaces/OWNER/NAME` (also written `hf.co`), Bitbucket and Codeberg
 * repositories `https://HOST/OWNER/REPO`. `aka.ms` short links are deliberately left out (see the
 * module comment).
 *
 * @param text - Any text; never throws.
 * @returns Canonical `https:` URLs in order of first appearance, duplicates (ignoring case) dropped.
 */
export function findCodeLinks(text: string): string[] {
  if (typeof text !== 'string') return [];
  return uniqueUrls(scanCodeLinks(text));
}

/**
 * Reads one URL that should point to source code on any host {@link findCodeLinks} knows.
 * Unlike {@link canonicalGithubRepo} a bare `owner/repo` is refused: here it could just as well be
 * a relative link of the page.
 *
 * @returns The canonical `https:` URL, or `undefined` when the value is not a code link.
 */
export function canonicalCodeLink(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  return readSingleLink(value)?.url;
}
