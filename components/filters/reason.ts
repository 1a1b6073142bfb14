/** How the filters' verdicts are said to the reader, the same on the site's cards and in the inbox. */
import { plural, type Translate } from '../../lib/i18n';
import type { FilterRule, MuteReason } from '../../lib/model/filters';

/** A rule as words, e.g. `keyword 'diffusion'`. */
export function ruleText(t: Translate, rule: FilterRule): string {
  const field =
    rule.field === 'keyword'
      ? t('filterFieldKeyword')
      : rule.field === 'author'
        ? t('filterFieldAuthor')
        : t('filterFieldOrganization');
  return `${field} '${rule.value}'`;
}

/** Why a paper is muted, e.g. `muted: keyword 'diffusion'`. */
export function muteReasonText(t: Translate, reason: MuteReason): string {
  if (reason.kind === 'rule') return t('filterMutedBecause', [ruleText(t, reason.rule)]);
  if (reason.kind === 'requireCode') return t('filterMutedBecause', [t('filterNoCode')]);
  return t('filterMutedBecause', [plural(t, 'filterFewerUpvotes', reason.minUpvotes)]);
}
