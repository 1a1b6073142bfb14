import { formatNumber, type Translate } from '../../lib/i18n';
import { type ListView, sameView, type ViewCounts } from '../../lib/model/views';

/** Props of {@link ViewNav}. */
export interface ViewNavProps {
  t: Translate;
  view: ListView;
  /** Absent while the counts are being read: the lists show without numbers. */
  counts: ViewCounts | undefined;
  onChange: (view: ListView) => void;
}

/** The lists of the reading list — Saved, Read, Seen, then one per tag — each with its count. */
export function ViewNav({ t, view, counts, onChange }: ViewNavProps) {
  const entries: { view: ListView; label: string; count: number | undefined }[] = [
    { view: { kind: 'saved' }, label: t('popupViewSaved'), count: counts?.saved },
    { view: { kind: 'read' }, label: t('popupViewRead'), count: counts?.read },
    { view: { kind: 'seen' }, label: t('popupViewSeen'), count: counts?.seen },
    ...(counts?.tags ?? []).map(({ tag, count }) => ({
      view: { kind: 'tag', tag } as ListView,
      label: `#${tag}`,
      count,
    })),
  ];
  return (
    <nav class="views" aria-label={t('popupViewsLabel')}>
      <ul>
        {entries.map((entry) => {
          const current = sameView(entry.view, view);
          return (
            <li key={entry.label}>
              <button
                type="button"
                class={entry.view.kind === 'tag' ? 'view tag' : 'view'}
                aria-current={current ? 'page' : undefined}
                data-view={entry.view.kind === 'tag' ? `tag:${entry.view.tag}` : entry.view.kind}
                onClick={() => onChange(entry.view)}
              >
                <span class="label">{entry.label}</span>
                {entry.count === undefined ? null : (
                  <>
                    {' '}
                    <span class="count">{formatNumber(t, entry.count)}</span>
                  </>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
