import { plural, type Translate } from '../../lib/i18n';
import { paperPageUrl } from '../../lib/model/arxiv';
import { cardRuleChoices, type FilterRule, type Filters, type RuleChoice } from '../../lib/model/filters';
import type { ForYouScore } from '../../lib/model/for-you';
import type { InboxRow as Row } from '../../lib/model/inbox';
import type { PaperState } from '../../lib/model/paper';
import { CardControls } from '../CardControls';
import { forYouLevelText } from '../ForYou';
import { ruleText } from '../filters/reason';

/** What one row of the inbox shows and does. */
export interface InboxRowProps {
  row: Row;
  state: PaperState | undefined;
  /** Handled since the inbox opened (seen elsewhere, read, dismissed): dimmed, still there. */
  handled: boolean;
  /** A follow rule the paper matches: the row is highlighted and says which. */
  followed?: FilterRule;
  /** Its "For you" score, when the inbox is in that order: the level and the words that explain it. */
  forYou?: ForYouScore;
  focused: boolean;
  tagsOpen: boolean;
  knownTags: string[];
  error?: string;
  t: Translate;
  /** A listing day, written for the reader. */
  formatDay: (day: string) => string;
  onFocus: () => void;
  onToggleSaved: () => void;
  onToggleRead: () => void;
  onOpenCode: () => void;
  onTagsOpenChange: (open: boolean) => void;
  onTagsChange: (tags: string[]) => void;
  onToggleDismissed: () => void;
  /** The filters in force, so the row's menu says which of its rules are set. */
  filters: Filters;
  /** Puts a rule of the row's menu in force ("Mute this organization", "Follow Ada Lovelace"), or takes it away. */
  onRuleChoose: (choice: RuleChoice) => void;
}

/** The authors as the popup writes them: one, two, or the first "et al.". */
function authorsLine(t: Translate, authors: readonly string[]): string {
  if (authors.length <= 2) return authors.join(', ');
  return t('popupRowAuthorsEtAl', [authors[0]!]);
}

/**
 * One paper of the inbox: its title (a link to its page on the site), what it is (days listed, upvotes,
 * organization, authors) and the same controls as the site's cards.
 */
export function InboxRow(props: InboxRowProps) {
  const { row, t } = props;
  const paper = row.paper;
  const classes = [
    'row',
    props.handled ? 'handled' : '',
    props.followed ? 'followed' : '',
    props.focused ? 'focused' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li
      class={classes}
      data-paper-id={paper.id}
      data-paper-row=""
      tabIndex={-1}
      aria-current={props.focused ? 'true' : undefined}
      onFocus={props.onFocus}
    >
      <h3 class="title">
        <a href={paperPageUrl(paper.id)} target="_blank" rel="noopener noreferrer">
          {paper.title || paper.id}
        </a>
      </h3>
      <p class="meta">
        <span>{row.days.map(props.formatDay).join(' · ')}</span>
        {paper.upvotes !== undefined ? <span>{plural(t, 'popupRowUpvotes', paper.upvotes)}</span> : null}
        {paper.organization ? <span>{paper.organization}</span> : null}
        {paper.authors.length > 0 ? <span>{authorsLine(t, paper.authors)}</span> : null}
        {props.followed ? (
          <span class="follow-note">{t('filterFollowedBecause', [ruleText(t, props.followed)])}</span>
        ) : null}
        {props.forYou ? (
          <span class={`foryou-level ${props.forYou.level}`} data-foryou-level={props.forYou.level}>
            {forYouLevelText(t, props.forYou.level)}
            {props.forYou.words.length > 0 ? ` · ${t('forYouMatches', props.forYou.words.join(', '))}` : ''}
          </span>
        ) : null}
      </p>
      <CardControls
        id={paper.id}
        state={props.state}
        codeUrl={props.state?.githubRepo ?? paper.githubRepo}
        codeStars={props.state?.githubStars ?? paper.githubStars}
        arxivUrl={paper.arxivUrl}
        pdfUrl={paper.pdfUrl}
        tagsOpen={props.tagsOpen}
        knownTags={props.knownTags}
        error={props.error}
        t={t}
        onToggleSaved={props.onToggleSaved}
        onToggleRead={props.onToggleRead}
        onOpenCode={props.onOpenCode}
        onTagsOpenChange={props.onTagsOpenChange}
        onTagsChange={props.onTagsChange}
        onToggleDismissed={props.onToggleDismissed}
        rules={cardRuleChoices(paper, props.filters)}
        onRuleChoose={props.onRuleChoose}
      />
    </li>
  );
}
