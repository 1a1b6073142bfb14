import { formatNumber, type Translate } from '../../lib/i18n';
import { type ListView, sameView, type ViewCounts } from '../../lib/model/views';

/** Props of {@link ViewNav}. */
export interface ViewNavProps {
  t: Translate;
  view: ListView;
  /** Absent while the counts are being read: the lists show without numbers. */
  counts: ViewCounts | undefined;
  /**
   * While searching: how many papers match in each list. Each list then shows that number instead of
   * its size, so a paper that is in another list is one click away, with the search kept.
   */
  matches?: ViewCounts;
  onChange: (view: ListView) => void;
}

/** The lists of the reading list — Saved, Read, Seen, then one per tag — each with its count. */
export function ViewNav({ t, view, counts, matches, onChange }: ViewNavProps) {
  const tagMatches = new Map(matches?.tags.map(({ tag, count }) => [tag.toLowerCase(), count]));
  const number = (total: number | undefined, matched: number | undefined) =>
    matches === undefined ? total : (matched ?? 0);
  const entries: { view: ListView; label: string; count: number | undefined }[] = [
    { view: { kind: 'saved' }, label: t('popupViewSaved'), count: number(counts?.saved, matches?.saved) },
    { view: { kind: 'read' }, label: t('popupViewRead'), count: number(counts?.read, matches?.read) },
    { view: { kind: 'seen' }, label: t('popupViewSeen'), count: number(counts?.seen, matches?.seen) },
    ...(counts?.tags ?? []).map(({ tag, count }) => ({
      view: { kind: 'tag', tag } as ListView,
      label: `#${tag}`,
      count: number(count, tagMatches.get(tag.toLowerCase())),
    })),
  ];
  return (
    <nav
      class={matches === undefined ? 'views' : 'views searching'}
      aria-label={t(matches === undefined ? 'popupViewsLabel' : 'popupViewsMatchLabel')}
    >
      <ul>
        {entries.map((entry) => {
          const current = sameView(entry.view, view);
          return (
            <li key={entry.label}>
              <button
                type="button"
                class={[
                  'view',
                  entry.view.kind === 'tag' ? 'tag' : '',
                  matches !== undefined && entry.count === 0 ? 'no-match' : '',
                ]
                  .filter((c) => c !== '')
                  .join(' ')}
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
