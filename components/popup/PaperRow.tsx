import { useEffect, useRef, useState } from 'preact/hooks';
import { displayTitle, paperLinks } from '../../lib/export/paper-facts';
import { formatCompactNumber, plural, type Translate } from '../../lib/i18n';
import type { FilterRule, MuteReason } from '../../lib/model/filters';
import type { StoredPaper } from '../../lib/model/paper';
import { type ListView, viewDate } from '../../lib/model/views';
import { ruleText } from '../filters/reason';
import { LinkedLinks } from '../LinkedLinks';
import { MutedNote } from '../MutedNote';
import { RowNote } from './RowNote';
import { RowTags } from './RowTags';

/** What one row of the reading list shows and does. */
export interface PaperRowProps {
  t: Translate;
  paper: StoredPaper;
  view: ListView;
  /** Position in the list (0-based) and its length, for screen readers and arrow keys. */
  index: number;
  count: number;
  selected: boolean;
  knownTags: readonly string[];
  /** Formats a time as a short date in the user's locale. */
  formatDate: (time: number) => string;
  /** `shiftKey`: select the range from the last clicked row to this one. */
  onSelect: (index: number, selected: boolean, range: boolean) => void;
  onToggleSaved: (paper: StoredPaper) => void;
  onToggleRead: (paper: StoredPaper) => void;
  /** Watches the paper for updates without saving it, or stops; without it, no such button. */
  onToggleWatched?: (paper: StoredPaper) => void;
  onCopyBibtex: (paper: StoredPaper) => void;
  onTagsChange: (paper: StoredPaper, tags: string[]) => void;
  /** Stores the paper's note (`''` removes it); rejects when it could not be stored. */
  onNoteChange: (paper: StoredPaper, note: string) => Promise<void>;
  /** Arrow keys, Home and End move between rows. */
  onMove: (from: number, to: number) => void;
  /** Why a mute rule folds the paper to one line (with Show), as on the site's lists. */
  muted?: MuteReason;
  /** The reader unfolded the muted paper. */
  mutedShown?: boolean;
  /** Shows the muted paper, or folds it again. */
  onToggleMuted?: () => void;
  /** A follow rule the paper matches: the row is highlighted and says which. */
  followed?: FilterRule;
}

const DATE_LABELS = {
  saved: 'popupRowSavedOn',
  read: 'popupRowReadOn',
  seen: 'popupRowSeenOn',
  tag: 'popupRowSavedOn',
} as const;

/**
 * One paper: a checkbox, the title (a link to its page on Hugging Face), when it was saved, read or
 * seen, its upvotes, its note (editable), its tags (editable), its links (code with stars, project page,
 * arXiv, PDF) and buttons to save or unsave it, mark it read or unread and copy its BibTeX. Every link
 * is built from the paper's id or canonical repository; all text is rendered as text.
 */
export function PaperRow(props: PaperRowProps) {
  const { t, paper, view, index } = props;
  const title = displayTitle(paper);
  const links = paperLinks(paper);
  const titleId = `paper-title-${paper.id}`;
  const saved = paper.savedAt !== undefined;
  const read = paper.state === 'read';
  const watched = saved || paper.watchedAt !== undefined;
  const dateLabel =
    view.kind === 'tag' && paper.savedAt === undefined ? 'popupRowSeenOn' : DATE_LABELS[view.kind];
  const published = paper.publishedAt === undefined ? undefined : Date.parse(paper.publishedAt);
  const [noteOpen, setNoteOpen] = useState(false);
  const rowElement = useRef<HTMLDivElement>(null);
  const noteWasOpen = useRef(false);
  useEffect(() => {
    // Give the focus back to the note's button ("Edit note", or "+ Note" once removed), as a menu would.
    if (noteWasOpen.current && !noteOpen)
      rowElement.current?.querySelector<HTMLElement>('[data-note-focus]')?.focus();
    noteWasOpen.current = noteOpen;
  }, [noteOpen]);

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    // Arrow keys, Home and End belong to text fields while typing a tag or a note.
    if (target?.tagName === 'TEXTAREA') return;
    if (target?.tagName === 'INPUT' && (target as HTMLInputElement).type === 'text') return;
    const to =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? props.count - 1
              : undefined;
    if (to === undefined || to < 0 || to >= props.count) return;
    event.preventDefault();
    props.onMove(index, to);
  };

  const mutedNote = props.muted ? (
    <MutedNote
      title={title}
      reason={props.muted}
      shown={props.mutedShown === true}
      onToggle={() => props.onToggleMuted?.()}
      t={t}
    />
  ) : null;
  if (props.muted && !props.mutedShown) {
    return (
      // biome-ignore lint/a11y/useSemanticElements: virtua wraps each row in its own positioned <div>, so an <li> would sit outside any list.
      <div
        class="row folded"
        role="listitem"
        aria-setsize={props.count}
        aria-posinset={index + 1}
        data-paper-row={paper.id}
        data-muted=""
        data-index={index}
        onKeyDown={onKeyDown}
      >
        {mutedNote}
      </div>
    );
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: virtua wraps each row in its own positioned <div>, so an <li> would sit outside any list.
    <div
      ref={rowElement}
      class={`row${props.selected ? ' selected' : ''}${read ? ' read' : ''}${props.followed ? ' followed' : ''}`}
      data-muted={props.muted ? '' : undefined}
      data-followed={props.followed ? props.followed.value : undefined}
      role="listitem"
      aria-setsize={props.count}
      aria-posinset={index + 1}
      aria-labelledby={titleId}
      data-paper-row={paper.id}
      data-index={index}
      onKeyDown={onKeyDown}
    >
      <input
        type="checkbox"
        class="select"
        checked={props.selected}
        aria-label={t('popupSelectPaper', title)}
        onClick={(event) => {
          const box = event.currentTarget as HTMLInputElement;
          props.onSelect(index, box.checked, (event as MouseEvent).shiftKey);
        }}
      />
      <div class="body">
        {mutedNote}
        <a
          id={titleId}
          class="title"
          href={links.page}
          target="_blank"
          rel="noopener noreferrer"
          data-row-focus
        >
          {title}
        </a>
        <div class="meta">
          <span>{t(dateLabel, props.formatDate(viewDate(paper, view)))}</span>
          {published !== undefined && !Number.isNaN(published) ? (
            <span>{t('popupRowPublished', props.formatDate(published))}</span>
          ) : null}
          {paper.upvotes !== undefined ? (
            <span title={plural(t, 'popupRowUpvotes', paper.upvotes)}>
              <span aria-hidden="true">▲ {formatCompactNumber(t, paper.upvotes)}</span>
              <span class="visually-hidden">{plural(t, 'popupRowUpvotes', paper.upvotes)}</span>
            </span>
          ) : null}
          {paper.authors.length > 0 ? (
            <span class="authors">
              {paper.authors.length > 2
                ? t('popupRowAuthorsEtAl', paper.authors[0]!)
                : paper.authors.join(', ')}
            </span>
          ) : null}
          {props.followed ? (
            <span class="follow-note">{t('filterFollowedBecause', [ruleText(t, props.followed)])}</span>
          ) : null}
        </div>
        {paper.aiSummary !== undefined && paper.aiSummary !== '' ? (
          <p class="ai-summary">{paper.aiSummary}</p>
        ) : null}
        <RowNote
          t={t}
          note={paper.note}
          paperTitle={title}
          editing={noteOpen}
          onEditingChange={setNoteOpen}
          onSave={(note) => props.onNoteChange(paper, note)}
        />
        <div class="foot">
          <div class="links">
            {links.github !== undefined ? (
              // The stars beside the link, not in it: a link's name must say what it shows (WCAG 2.5.3).
              <span class="code-link">
                <a class="chip code" href={links.github} target="_blank" rel="noopener noreferrer">
                  {t('popupOpenCode')}
                </a>
                {paper.githubStars !== undefined && paper.githubStars > 0 ? (
                  <span class="stars">
                    <span aria-hidden="true">★ {formatCompactNumber(t, paper.githubStars)}</span>
                    <span class="visually-hidden">{plural(t, 'overlayCodeStars', paper.githubStars)}</span>
                  </span>
                ) : null}
              </span>
            ) : null}
            {links.project !== undefined ? (
              <a class="chip" href={links.project} target="_blank" rel="noopener noreferrer">
                {t('popupProjectPage')}
              </a>
            ) : null}
            <LinkedLinks t={t} id={paper.id} linked={paper.linked} linkClass="chip linked" />
            {links.arxiv !== undefined ? (
              <a class="chip" href={links.arxiv} target="_blank" rel="noopener noreferrer">
                arXiv
              </a>
            ) : null}
            {links.pdf !== undefined ? (
              <a class="chip" href={links.pdf} target="_blank" rel="noopener noreferrer">
                PDF
              </a>
            ) : null}
            <RowTags
              t={t}
              tags={paper.tags}
              knownTags={props.knownTags}
              paperTitle={title}
              onChange={(tags) => props.onTagsChange(paper, tags)}
            />
            {paper.note === undefined && !noteOpen ? (
              <button type="button" class="add-note" data-note-focus onClick={() => setNoteOpen(true)}>
                {t('popupAddNote')}
              </button>
            ) : null}
          </div>
          <div class="actions">
            <button type="button" onClick={() => props.onToggleSaved(paper)}>
              {saved ? t('popupUnsave') : t('popupSave')}
            </button>
            <button type="button" onClick={() => props.onToggleRead(paper)}>
              {read ? t('popupMarkUnread') : t('popupMarkRead')}
            </button>
            {props.onToggleWatched ? (
              // A saved paper is always watched: the button shows it, says why, and does nothing.
              <button
                type="button"
                class="watch"
                aria-pressed={watched}
                aria-disabled={saved ? 'true' : undefined}
                title={saved ? t('watchPaperSaved') : watched ? t('watchPaperStop') : undefined}
                onClick={saved ? undefined : () => props.onToggleWatched?.(paper)}
              >
                {t('watchPaper')}
              </button>
            ) : null}
            <button type="button" onClick={() => props.onCopyBibtex(paper)}>
              {t('popupCopyBibtex')}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
