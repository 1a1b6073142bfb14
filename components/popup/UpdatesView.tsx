import { paperLinks } from '../../lib/export/paper-facts';
import { formatNumber, type Translate } from '../../lib/i18n';
import type { PaperUpdate } from '../../lib/model/watch';

/** Props of {@link UpdatesView}. */
export interface UpdatesViewProps {
  t: Translate;
  /** Newest first. */
  updates: readonly PaperUpdate[];
  /** Updates with a `seq` above this one are new to the reader (shown as such). */
  readThrough: number;
  /** Asks the background to check every watched paper now. */
  onCheckNow: () => void;
  /** A line about the last "Check now" (checking, or an error), if any. */
  checkStatus?: string;
  /** Formats a time as a short date in the user's locale. */
  formatDate: (time: number) => string;
}

/** What one update says, in the reader's language. */
export function updateText(t: Translate, update: PaperUpdate): string {
  const count = formatNumber(t, update.count ?? 0);
  const previous = formatNumber(t, update.previous ?? 0);
  switch (update.kind) {
    case 'code':
      return t('updateCode');
    case 'project':
      return t('updateProject');
    case 'models':
      return t('updateModels', [count, previous]);
    case 'datasets':
      return t('updateDatasets', [count, previous]);
    case 'spaces':
      return t('updateSpaces', [count, previous]);
    case 'stars':
      return t('updateStars', [count, previous]);
    case 'version':
      return t('updateVersion', [count, previous]);
    default:
      return '';
  }
}

/**
 * The link an update carries, checked again here as every link is (`paperLinks`): the released repository,
 * the new project page, or the new version's abstract page built from the id.
 */
function updateLink(update: PaperUpdate): string | undefined {
  if (update.kind === 'code') return paperLinks({ id: update.id, githubRepo: update.url }).github;
  if (update.kind === 'project') return paperLinks({ id: update.id, projectPage: update.url }).project;
  if (update.kind === 'version') return paperLinks({ id: update.id }).arxiv;
  return undefined;
}

/**
 * The Updates view of the popup: what changed on huggingface.co (and arXiv, if allowed) for the watched papers, newest
 * first, each with its paper (a link to its page), what happened and when, and a "Check now" button.
 * Every item carries `data-paper-id` and `data-update-kind`; all text is rendered as text.
 */
export function UpdatesView({
  t,
  updates,
  readThrough,
  onCheckNow,
  checkStatus,
  formatDate,
}: UpdatesViewProps) {
  return (
    <section class="updates" aria-label={t('popupUpdatesLabel')}>
      <div class="updates-head">
        <button type="button" class="check-now" onClick={onCheckNow}>
          {t('updatesCheckNow')}
        </button>
        <span class="updates-status" role="status" aria-live="polite">
          {checkStatus ?? ''}
        </span>
      </div>
      {updates.length === 0 ? (
        <p class="updates-empty">{t('updatesEmpty')}</p>
      ) : (
        <ul class="updates-list">
          {updates.map((update) => {
            const page = paperLinks({ id: update.id }).page;
            const link = updateLink(update);
            const text = updateText(t, update);
            const fresh = update.seq !== undefined && update.seq > readThrough;
            return (
              <li
                key={update.seq}
                class={fresh ? 'update unread' : 'update'}
                data-paper-id={update.id}
                data-update-kind={update.kind}
              >
                <span class="update-what">
                  {link !== undefined ? (
                    <a href={link} target="_blank" rel="noopener noreferrer">
                      {text}
                    </a>
                  ) : (
                    text
                  )}
                </span>
                {page !== undefined ? (
                  <a class="update-paper" href={page} target="_blank" rel="noopener noreferrer">
                    {update.title === '' ? `arXiv ${update.id}` : update.title}
                  </a>
                ) : null}
                <time class="update-when" dateTime={new Date(update.at).toISOString()}>
                  {formatDate(update.at)}
                </time>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
