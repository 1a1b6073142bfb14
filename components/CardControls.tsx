import { useEffect, useRef, useState } from 'preact/hooks';
import { formatCompactNumber, plural, type Translate } from '../lib/i18n';
import type { RuleChoice } from '../lib/model/filters';
import type { ForYouScore } from '../lib/model/for-you';
import { isWatched, type PaperState, showsAsNew } from '../lib/model/paper';
import { ForYouChip } from './ForYou';
import { RuleMenu } from './filters/RuleMenu';
import { LinkedLinks } from './LinkedLinks';
import { PopOver } from './PopOver';
import { TagEditor } from './TagEditor';

/** What one card's toolbar shows and does. */
export interface CardControlsProps {
  id: string;
  state: PaperState | undefined;
  /** The code repository to open, when known (canonical https URL). Without it, no code button. */
  codeUrl?: string;
  codeStars?: number;
  /** The site's one-line summary, shown under the bar when given (the `aiSummaryOnCards` setting). */
  aiSummary?: string;
  arxivUrl: string;
  pdfUrl: string;
  /** The paper's "For you" score, once the list is ranked: a chip with the words that explain it. */
  forYou?: ForYouScore;
  /** Whether the tag editor is open (the keyboard's `t` opens it too). */
  tagsOpen: boolean;
  /** Tags already used anywhere, for autocompletion. */
  knownTags: string[];
  /** An error to show next to the controls, e.g. when the store is unavailable. */
  error?: string;
  t: Translate;
  onToggleSaved: () => void;
  onToggleRead: () => void;
  /** Marks the paper "not interested" or interested again; without it, no such button. */
  onToggleDismissed?: () => void;
  /**
   * Watches the paper for updates without saving it, or stops; without it, no such button. A saved paper
   * shows as watched, and the button says why it cannot stop.
   */
  onToggleWatched?: () => void;
  onOpenCode: () => void;
  onTagsOpenChange: (open: boolean) => void;
  onTagsChange: (tags: string[]) => void;
  /**
   * Stores the paper's note (`''` removes it; reject when it was not stored). With it, the Tags panel
   * also edits the note, which comes from `state.note`, and the Tags button says when there is one;
   * without it, nothing about notes is drawn.
   */
  onNoteChange?: (note: string) => Promise<void> | void;
  /** The mute and follow rules the card offers (`cardRuleChoices`); with `onRuleChoose`, a menu of them. */
  rules?: readonly RuleChoice[];
  /** Puts a rule of the menu in force, or takes it away when it is in force already. */
  onRuleChoose?: (choice: RuleChoice) => void;
}

/**
 * The toolbar added to every paper card, in one compact row: save, read, not interested, tags (and the note), code and
 * the paper's links. What cannot be used is left out (no code button without a repository, no stars
 * before any). Short visible labels; each accessible name starts with its visible label.
 */
export function CardControls(props: CardControlsProps) {
  const { state, t } = props;
  const saved = state?.saved ?? false;
  const read = state?.state === 'read';
  const dismissed = state?.dismissed === true;
  const watched = isWatched(state);
  const tags = state?.tags ?? [];
  const note = props.onNoteChange ? state?.note : undefined;
  const tagsButton = useRef<HTMLButtonElement>(null);
  const [wasOpen, setWasOpen] = useState(false);

  // Give the focus back to the Tags button when the editor closes, as a menu would.
  useEffect(() => {
    if (wasOpen && !props.tagsOpen) tagsButton.current?.focus();
    setWasOpen(props.tagsOpen);
  }, [props.tagsOpen]);

  const stars = props.codeStars !== undefined && props.codeStars > 0 ? props.codeStars : undefined;
  return (
    <div class="bar" role="toolbar" aria-label={t('extName')}>
      {showsAsNew(state) ? <span class="badge new">{t('overlayNew')}</span> : null}
      <button
        type="button"
        class={saved ? 'on' : ''}
        aria-pressed={saved}
        aria-keyshortcuts="s"
        title={`${saved ? t('overlaySaved') : t('overlaySave')} (s)`}
        onClick={props.onToggleSaved}
      >
        <span class="icon" aria-hidden="true">
          {saved ? '★' : '☆'}
        </span>{' '}
        {saved ? t('overlaySaved') : t('overlaySave')}
      </button>
      <button
        type="button"
        class={read ? 'on' : ''}
        aria-label={read ? t('overlayMarkUnread') : t('overlayMarkRead')}
        aria-keyshortcuts="r"
        title={`${read ? t('overlayMarkUnread') : t('overlayMarkRead')} (r)`}
        onClick={props.onToggleRead}
      >
        <span class="icon" aria-hidden="true">
          {read ? '↺' : '✓'}
        </span>{' '}
        {read ? t('overlayUnread') : t('overlayRead')}
      </button>
      {props.onToggleDismissed ? (
        <button
          type="button"
          class={dismissed ? 'on' : ''}
          aria-pressed={dismissed}
          aria-label={t('overlayNotInterested')}
          aria-keyshortcuts="x"
          title={`${t('overlayNotInterested')} (x)`}
          onClick={props.onToggleDismissed}
        >
          {/* A sign only, named by its label and title: the row of controls stays one row on a grid card. */}
          <span aria-hidden="true">⊘</span>
        </button>
      ) : null}
      {props.onToggleWatched ? (
        <button
          type="button"
          class={`watch${watched ? ' on' : ''}`}
          aria-pressed={watched}
          aria-label={t('watchPaper')}
          // A saved paper is always watched: the button shows it, says why, and does nothing.
          aria-disabled={saved ? 'true' : undefined}
          title={saved ? t('watchPaperSaved') : watched ? t('watchPaperStop') : t('watchPaper')}
          onClick={saved ? undefined : props.onToggleWatched}
        >
          <BellIcon filled={watched} />
        </button>
      ) : null}
      {props.rules && props.onRuleChoose ? (
        <RuleMenu t={t} choices={props.rules} onChoose={props.onRuleChoose} />
      ) : null}
      <button
        type="button"
        ref={tagsButton}
        aria-expanded={props.tagsOpen}
        aria-keyshortcuts="t"
        title={`${t('overlayTags')} (t)`}
        onClick={() => props.onTagsOpenChange(!props.tagsOpen)}
      >
        {t('overlayTags')}
        {tags.length ? ` (${tags.length})` : ''}
        {note !== undefined ? ` · ${t('overlayHasNote')}` : ''}
      </button>
      {props.codeUrl ? (
        // The stars beside the button, not in it: a control's name must say what it shows (WCAG 2.5.3).
        <span class="code-group">
          <button
            type="button"
            class="code"
            aria-keyshortcuts="g"
            title={`${props.codeUrl} (g)`}
            onClick={props.onOpenCode}
          >
            {t('overlayCode')}
          </button>
          {stars !== undefined ? (
            <span class="stars">
              <span aria-hidden="true">★ {formatCompactNumber(t, stars)}</span>
              <span class="sr-only">{plural(t, 'overlayCodeStars', stars)}</span>
            </span>
          ) : null}
        </span>
      ) : null}
      <a class="link" href={props.arxivUrl} target="_blank" rel="noopener noreferrer">
        arXiv
      </a>
      <a class="link" href={props.pdfUrl} target="_blank" rel="noopener noreferrer">
        PDF
      </a>
      <LinkedLinks t={t} id={props.id} linked={state?.linked} linkClass="link" />
      {tags.length ? (
        <ul class="tags" aria-label={t('overlayTags')}>
          {tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      ) : null}
      {props.forYou ? <ForYouChip score={props.forYou} t={t} /> : null}
      {props.aiSummary ? <p class="ai-summary">{props.aiSummary}</p> : null}
      {props.error ? (
        <span class="error" role="status">
          {props.error}
        </span>
      ) : null}
      {props.tagsOpen ? (
        <PopOver anchor={tagsButton} onClose={() => props.onTagsOpenChange(false)}>
          <TagEditor
            tags={tags}
            knownTags={props.knownTags}
            t={t}
            onChange={props.onTagsChange}
            onClose={() => props.onTagsOpenChange(false)}
            note={note}
            onNoteChange={props.onNoteChange}
          />
        </PopOver>
      ) : null}
    </div>
  );
}

/**
 * A bell in the text's colour, filled while the paper is watched. Drawn, not an emoji: systems without an
 * emoji font showed an empty box on the card.
 */
function BellIcon(props: { filled: boolean }) {
  return (
    <svg class="bell" viewBox="0 0 16 16" width="13" height="13" aria-hidden="true" focusable="false">
      <path
        d="M8 1.8a4 4 0 0 0-4 4v2.6L2.5 11.2h11L12 8.4V5.8a4 4 0 0 0-4-4Z"
        fill={props.filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        stroke-width="1.4"
        stroke-linejoin="round"
      />
      <path
        d="M6.4 13a1.7 1.7 0 0 0 3.2 0"
        fill="none"
        stroke="currentColor"
        stroke-width="1.4"
        stroke-linecap="round"
      />
    </svg>
  );
}
