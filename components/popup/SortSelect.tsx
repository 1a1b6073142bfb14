import type { Translate } from '../../lib/i18n';
import type { ListView, SortKey } from '../../lib/model/views';

/** Props of {@link SortSelect}. */
export interface SortSelectProps {
  t: Translate;
  view: ListView;
  sort: SortKey;
  /** Best match is offered only while searching. */
  searching: boolean;
  onChange: (sort: SortKey) => void;
}

const SORT_LABELS = {
  relevance: 'popupSortRelevance',
  date: 'popupSortDate',
  upvotes: 'popupSortUpvotes',
  published: 'popupSortPublished',
} as const;

/** The list's order: best match (while searching), date (saved, read or seen, as the view says), upvotes, publication. */
export function SortSelect({ t, view, sort, searching, onChange }: SortSelectProps) {
  const dateLabel =
    view.kind === 'read' ? 'popupSortDateRead' : view.kind === 'seen' ? 'popupSortDateSeen' : 'popupSortDate';
  return (
    <label class="sort">
      <span>{t('popupSortLabel')}</span>
      <select
        value={sort}
        onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value as SortKey)}
      >
        {(['relevance', 'date', 'upvotes', 'published'] as const)
          .filter((key) => key !== 'relevance' || searching)
          .map((key) => (
            <option key={key} value={key}>
              {key === 'date' ? t(dateLabel) : t(SORT_LABELS[key])}
            </option>
          ))}
      </select>
    </label>
  );
}
