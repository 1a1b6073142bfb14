/**
 * The downloads the popup and the options page both offer: papers in an export format, and the full JSON
 * backup. The export code is loaded when first used, so that it costs nothing when a page opens. The
 * backup itself comes from the store (lib/db/backup.ts), which this folder may not reach: the page passes
 * the function that makes it.
 */
import type { ExportFormat } from '../export/formats';
import type { StoredPaper } from '../model/paper';

/**
 * Downloads `papers` in `format` from the page of `doc`; `scope` names what is exported ("Saved", a tag,
 * "Everything") in the file name and the Markdown heading.
 */
export async function downloadPapers(
  doc: Document,
  format: ExportFormat,
  papers: readonly StoredPaper[],
  scope: string,
  now: number = Date.now(),
): Promise<void> {
  const { downloadFile, exportPapers } = await import('../export/files');
  downloadFile(doc, exportPapers(format, papers, scope, now));
}

/**
 * Downloads the full JSON backup from the page of `doc`. `exportBackup` makes it (the store's
 * `exportBackup`, which the page may load lazily too) and is given the same `now` as the file name.
 */
export async function downloadBackup(
  doc: Document,
  exportBackup: (now: number) => Promise<object>,
  now: number = Date.now(),
): Promise<void> {
  const [{ backupFile, downloadFile }, backup] = await Promise.all([
    import('../export/files'),
    exportBackup(now),
  ]);
  downloadFile(doc, backupFile(backup, now));
}
