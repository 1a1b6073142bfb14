/**
 * A Markdown reading list, one paper per list item, for notes, issues and chats:
 *
 * ```markdown
 * - [The Llama 3 Herd of Models](https://huggingface.co/papers/2407.21783) — Abhimanyu Dubey, Abhinav
 *   Jauhri et al. (2024) · [arXiv](…) · [PDF](…) · [Code](…) ★ 27,012 · tags: to-read
 *   AI summary (huggingface.co): the site's one-line summary, when it has one.
 *   > The user's note, when the paper has one, quoted inside the item, its line breaks kept.
 * ```
 *
 * Text is escaped so that a title or a note cannot become markup (links, images, emphasis, HTML,
 * headings, lists); links are the canonical ones, and wrapped in `<…>` so that no character of theirs
 * ends the link early.
 */
import type { StoredPaper } from '../model/paper';
import { displayTitle, paperDate, paperLinks } from './paper-facts';

/**
 * Escapes the characters CommonMark (and GitHub's tables and strikethrough) could read as markup in
 * the middle of a line — emphasis, code, links and images, HTML and entities — and collapses
 * whitespace, so that text stays on its list item's line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>&|~]/g, (c) => `\\${c}`);
}

function link(label: string, url: string): string {
  return `[${label}](<${url}>)`;
}

/** Authors as "A, B and C", or "A, B et al." beyond three. */
function authorLine(paper: StoredPaper): string {
  const names = paper.authors.filter((a) => a.trim() !== '');
  const total = Math.max(paper.authorCount ?? 0, names.length);
  if (names.length === 0) return '';
  if (total > 3) return `${names.slice(0, 2).join(', ')} et al.`;
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The first line of one list item: everything but the note (see {@link markdownNote}). */
export function markdownItem(paper: StoredPaper): string {
  const links = paperLinks(paper);
  const title = escapeMarkdown(displayTitle(paper));
  const parts = [links.page === undefined ? `**${title}**` : link(title, links.page)];
  const authors = authorLine(paper);
  const year = paperDate(paper)?.year;
  const byline = [authors === '' ? '' : escapeMarkdown(authors), year === undefined ? '' : `(${year})`]
    .filter((s) => s !== '')
    .join(' ');
  let item = `- ${parts[0]}${byline === '' ? '' : ` — ${byline}`}`;
  const extra: string[] = [];
  if (links.arxiv !== undefined) extra.push(link('arXiv', links.arxiv));
  if (links.pdf !== undefined) extra.push(link('PDF', links.pdf));
  if (links.github !== undefined) {
    const stars = paper.githubStars === undefined ? '' : ` ★ ${paper.githubStars.toLocaleString('en-US')}`;
    extra.push(`${link('Code', links.github)}${stars}`);
  }
  if (links.project !== undefined) extra.push(link('Project page', links.project));
  if (paper.tags.length > 0) extra.push(`tags: ${paper.tags.map(escapeMarkdown).join(', ')}`);
  if (extra.length > 0) item += ` · ${extra.join(' · ')}`;
  return item;
}

/**
 * Escapes what would begin a block at the start of a line: a heading (`#`), a list item (`-`, `+`,
 * `1.`, `1)`), a thematic break or a setext underline (`---`, `===`). The other markers are escaped
 * anywhere by {@link escapeMarkdown}.
 */
function escapeLineStart(line: string): string {
  return line.replace(/^[#+=-]/, (c) => `\\${c}`).replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * The note of a paper as lines that continue its list item (empty when it has none): a block quote
 * indented under the item, each line of the note escaped by {@link escapeMarkdown} and at its start.
 * Blank lines between paragraphs are kept (one each); blank lines around the note are dropped.
 */
export function markdownNote(paper: Pick<StoredPaper, 'note'>): string {
  if (paper.note === undefined) return '';
  const lines: string[] = [];
  for (const raw of paper.note.split(/\r\n|\r|\n/)) {
    const line = escapeLineStart(escapeMarkdown(raw));
    if (line === '' && (lines.length === 0 || lines[lines.length - 1] === '')) continue;
    lines.push(line);
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line === '' ? '\n  >' : `\n  > ${line}`)).join('');
}

/** The site's one-line summary as a line continuing the list item (empty when there is none). */
export function markdownAiSummary(paper: Pick<StoredPaper, 'aiSummary'>): string {
  const text = paper.aiSummary === undefined ? '' : escapeMarkdown(paper.aiSummary);
  return text === '' ? '' : `\n  AI summary (huggingface.co): ${text}`;
}

/** A Markdown file: a heading, then one list item per paper (with its AI summary and note, if any). */
export function toMarkdown(papers: readonly StoredPaper[], heading: string): string {
  const items = papers.map((paper) => markdownItem(paper) + markdownAiSummary(paper) + markdownNote(paper));
  return `# ${escapeMarkdown(heading)}\n\n${items.join('\n')}\n`;
}
