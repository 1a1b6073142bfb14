import { formatNumber, type Translate } from '../lib/i18n';
import { isArxivId } from '../lib/model/arxiv';
import type { LinkedCounts } from '../lib/model/paper';
import { hubListUrl } from '../lib/site/hf-api';

const KINDS = [
  ['models', 'linkedModels'],
  ['datasets', 'linkedDatasets'],
  ['spaces', 'linkedSpaces'],
] as const;

/** Props of {@link LinkedLinks}. */
export interface LinkedLinksProps {
  t: Translate;
  /** arXiv id of the paper. */
  id: string;
  linked: LinkedCounts | undefined;
  /** The class of each link (the popup's rows and the cards style them their own way). */
  linkClass: string;
}

/**
 * What on the Hub cites a paper (issue 16): one link per kind that has any, "Models: 2", to the Hub's
 * list of them for this paper. Nothing for counts of zero or unknown.
 */
export function LinkedLinks({ t, id, linked, linkClass }: LinkedLinksProps) {
  if (linked === undefined || !isArxivId(id)) return null;
  return (
    <>
      {KINDS.map(([kind, key]) => {
        const count = linked[kind];
        if (count === undefined || count <= 0) return null;
        return (
          <a
            key={kind}
            class={linkClass}
            data-linked-kind={kind}
            href={hubListUrl(kind, id)}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t(key, formatNumber(t, count))}
          </a>
        );
      })}
    </>
  );
}
