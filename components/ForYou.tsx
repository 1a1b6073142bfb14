import { useState } from 'preact/hooks';
import { formatNumber, type MessageKey, type Translate } from '../lib/i18n';
import type { ForYouLevel, ForYouRanking, ForYouScore } from '../lib/model/for-you';

const LEVEL_KEYS: Readonly<Record<ForYouLevel, MessageKey>> = {
  high: 'forYouHigh',
  medium: 'forYouMedium',
  low: 'forYouLow',
};

/**
 * Why "For you" cannot rank yet: too few liked papers (how many so far; `inbox` says what the inbox does
 * meanwhile), or liked papers enough but none passed over, which it learns from too.
 */
export function coldStartText(
  t: Translate,
  coldStart: NonNullable<ForYouRanking['coldStart']>,
  inbox = false,
): string {
  if (coldStart.liked >= coldStart.needed) return t('forYouNeedsPassedOver');
  const counts = [formatNumber(t, coldStart.liked), formatNumber(t, coldStart.needed)];
  return t(inbox ? 'inboxForYouColdStart' : 'forYouColdStart', counts);
}

/** "For you: high", as the reader reads it. */
export function forYouLevelText(t: Translate, level: ForYouLevel): string {
  return t('forYouChip', t(LEVEL_KEYS[level]));
}

/** "For you: high", as a chip; the words that explain it show on hover, on keyboard focus and on press. */
export function ForYouChip({ score, t }: { score: ForYouScore; t: Translate }) {
  const [open, setOpen] = useState(false);
  const words = score.words.length ? t('forYouMatches', score.words.join(', ')) : undefined;
  return (
    <span class={`foryou ${score.level}${open ? ' open' : ''}`}>
      <button
        type="button"
        class="foryou-chip"
        aria-expanded={words ? open : undefined}
        aria-describedby={words ? 'foryou-words' : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
      >
        {forYouLevelText(t, score.level)}
      </button>
      {words ? (
        <span class="foryou-words" id="foryou-words" role="tooltip">
          {words}
        </span>
      ) : null}
    </span>
  );
}

/** Props of {@link ForYouBar}. */
export interface ForYouBarProps {
  ranking: ForYouRanking;
  /** Whether the list shows in "For you" order. */
  sorted: boolean;
  onToggleSort: () => void;
  t: Translate;
}

/** Above a list: the "Sort: for you" toggle, or while too few papers are liked, why the order stays. */
export function ForYouBar({ ranking, sorted, onToggleSort, t }: ForYouBarProps) {
  if (ranking.coldStart) {
    return (
      <p class="foryou-bar" role="status">
        {coldStartText(t, ranking.coldStart)}
      </p>
    );
  }
  return (
    <div class="foryou-bar">
      <button type="button" aria-pressed={sorted} onClick={onToggleSort}>
        {t('forYouSort')}
      </button>
      <span class="note-status" role="status">
        {sorted ? t('forYouSortedNote') : ''}
      </span>
    </div>
  );
}
