import { formatNumber, type Translate } from '../../lib/i18n';
import type { ListView } from '../../lib/model/views';
import { DAILY_PAPERS_URL } from '../../lib/site/urls';

/** Why the list shows no rows. */
export type EmptyReason =
  | { kind: 'loading' }
  | { kind: 'failed'; error: string }
  | { kind: 'first-run' }
  /** Nothing matches here; `elsewhere` names the other lists that hold matches (maybe none). */
  | { kind: 'no-match'; query: string; listLabel: string; elsewhere: readonly MatchesElsewhere[] }
  | { kind: 'empty-view'; view: ListView };

/** Another list with papers that match the search. */
export interface MatchesElsewhere {
  view: ListView;
  label: string;
  count: number;
}

/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  t: Translate;
  reason: EmptyReason;
  onClearSearch: () => void;
  /** Opens another list, keeping the search. */
  onShowView: (view: ListView) => void;
  onOpenOptions: () => void;
}

const EMPTY_VIEW_TEXT = {
  saved: 'popupEmptySaved',
  read: 'popupEmptyRead',
  seen: 'popupEmptySeen',
  tag: 'popupEmptyTag',
} as const;

/** What the popup says instead of rows, and what to do about it. */
export function EmptyState({ t, reason, onClearSearch, onShowView, onOpenOptions }: EmptyStateProps) {
  switch (reason.kind) {
    case 'loading':
      return (
        <div class="empty" aria-busy="true">
          <p>{t('popupLoading')}</p>
        </div>
      );
    case 'failed':
      return (
        <div class="empty" role="alert">
          <h2>{t('popupFailedTitle')}</h2>
          <p class="error-detail">{reason.error}</p>
          <p>{t('popupFailedHelp')}</p>
        </div>
      );
    case 'first-run':
      return (
        <div class="empty first-run">
          <h2>{t('popupFirstRunTitle')}</h2>
          <ol>
            <li>
              <a href={DAILY_PAPERS_URL} target="_blank" rel="noopener noreferrer">
                {t('popupFirstRunOpen')}
              </a>
            </li>
            <li>{t('popupFirstRunSave')}</li>
            <li>{t('popupFirstRunMenu')}</li>
            <li>{t('popupFirstRunHere')}</li>
          </ol>
          <p>
            <button type="button" class="link-button" onClick={onOpenOptions}>
              {t('popupFirstRunRestore')}
            </button>
          </p>
        </div>
      );
    case 'no-match':
      // "No match in Saved", then where the matches are, each a button that opens that list.
      return (
        <div class="empty no-match">
          <p>
            {reason.elsewhere.length === 0
              ? t('popupNoMatchAnywhere', reason.query)
              : t('popupNoMatchInList', [reason.query, reason.listLabel])}
          </p>
          {reason.elsewhere.length === 0 ? null : (
            <ul class="elsewhere" aria-label={t('popupMatchesElsewhere')}>
              {reason.elsewhere.map((other) => (
                <li key={other.label}>
                  <button type="button" onClick={() => onShowView(other.view)}>
                    {t('popupShowMatchesIn', [formatNumber(t, other.count), other.label])}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" class="link-button" onClick={onClearSearch}>
            {t('popupClearSearch')}
          </button>
        </div>
      );
    case 'empty-view':
      return (
        <div class="empty">
          <p>
            {t(EMPTY_VIEW_TEXT[reason.view.kind], reason.view.kind === 'tag' ? reason.view.tag : undefined)}
          </p>
          {reason.view.kind === 'saved' ? (
            <p>
              <a href={DAILY_PAPERS_URL} target="_blank" rel="noopener noreferrer">
                {t('popupFirstRunOpen')}
              </a>
            </p>
          ) : null}
        </div>
      );
  }
}
