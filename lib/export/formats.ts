/**
 * The export formats' names, apart from the code that writes them: the popup draws its export menu from
 * these when it opens, and loads the writers (files.ts) only when the reader exports.
 */

/** The formats a list of papers can be exported to. */
export const EXPORT_FORMATS = ['bibtex', 'csl-json', 'ris', 'markdown', 'csv'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
