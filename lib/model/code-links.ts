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
 *
 * This file is the scanner and the public functions; the hosts, their name rules and their reserved
 * names are in code-links-hosts.ts.
 */
import {
  GITHUB_OWNER_MAX,
  GITHUB_RULES,
  KNOWN_HOST_PATTERN,
  KNOWN_HOSTS,
  nameRunEnd,
  readOwnerAndName,
} from './code-links-hosts';

interface FoundLink {
  /** Canonical `https:` URL. */
  url: string;
  /** Where the link starts in the text (its scheme, `www.`, `git@` or host). */
  start: number;
  isGithub: boolean;
}

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
