/**
 * Export formats as files: the text, a file name and a media type for each, ready for a download.
 */
import type { StoredPaper } from '../model/paper';
import { toBibtex } from './bibtex';
import { toCslJson } from './csl-json';
import { toCsv } from './csv';
import { toMarkdown } from './markdown';
import { toRis } from './ris';

/** BibTeX of papers, for the clipboard (re-exported so every export loads as one chunk). */
export { toBibtex };

import type { ExportFormat } from './formats';

export { EXPORT_FORMATS, type ExportFormat } from './formats';

/** A file to download. */
export interface ExportFile {
  filename: string;
  /** Media type with charset. */
  mimeType: string;
  text: string;
}

const FORMAT_FILES: Readonly<Record<ExportFormat, { extension: string; mimeType: string }>> = {
  bibtex: { extension: 'bib', mimeType: 'application/x-bibtex; charset=utf-8' },
  'csl-json': { extension: 'json', mimeType: 'application/vnd.citationstyles.csl+json; charset=utf-8' },
  ris: { extension: 'ris', mimeType: 'application/x-research-info-systems; charset=utf-8' },
  markdown: { extension: 'md', mimeType: 'text/markdown; charset=utf-8' },
  csv: { extension: 'csv', mimeType: 'text/csv; charset=utf-8' },
};

/** `Reading group: RL!` → `reading-group-rl`; at most 40 characters; `papers` when nothing is left. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug === '' ? 'papers' : slug;
}

function day(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/**
 * The file exporting `papers` in `format`. `scope` names what is exported ("Saved", a tag, "Selection")
 * and goes into the file name (`daily-papers-saved-2025-03-01.bib`) and the Markdown heading.
 */
export function exportPapers(
  format: ExportFormat,
  papers: readonly StoredPaper[],
  scope: string,
  now: number,
): ExportFile {
  const { extension, mimeType } = FORMAT_FILES[format];
  const filename = `daily-papers-${fileSlug(scope)}-${day(now)}.${extension}`;
  switch (format) {
    case 'bibtex':
      return { filename, mimeType, text: toBibtex(papers) };
    case 'csl-json':
      return { filename, mimeType, text: toCslJson(papers) };
    case 'ris':
      return { filename, mimeType, text: toRis(papers) };
    case 'markdown':
      return { filename, mimeType, text: toMarkdown(papers, scope) };
    case 'csv':
      return { filename, mimeType, text: toCsv(papers) };
  }
}

/** The JSON backup file of a backup made by `exportBackup` (lib/db/backup.ts). */
export function backupFile(backup: object, now: number): ExportFile {
  return {
    filename: `daily-papers-companion-backup-${day(now)}.json`,
    mimeType: 'application/json; charset=utf-8',
    text: JSON.stringify(backup),
  };
}

/**
 * Starts the download of `file` from a page: a Blob, an object URL and a click on an `<a download>`.
 * The URL is revoked once the browser has had time to start reading it.
 */
export function downloadFile(doc: Document, file: ExportFile): void {
  const view = doc.defaultView;
  if (view === null) throw new Error('The page has no window to download from.');
  const url = view.URL.createObjectURL(new view.Blob([file.text], { type: file.mimeType }));
  const anchor = doc.createElement('a');
  anchor.href = url;
  anchor.download = file.filename;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  doc.body.append(anchor);
  anchor.click();
  anchor.remove();
  view.setTimeout(() => view.URL.revokeObjectURL(url), 60_000);
}
