import { useState } from 'preact/hooks';
import { plural, type Translate } from '../../lib/i18n';
import {
  addRule,
  FILTER_LIMITS,
  type FilterRule,
  type Filters,
  type RuleField,
  removeRule,
} from '../../lib/model/filters';
import { ruleText } from '../filters/reason';

/** Props of {@link FiltersSection}. */
export interface FiltersSectionProps {
  t: Translate;
  filters: Filters;
  /** How many stored papers each rule matches, in the rules' order; absent while counting. */
  ruleCounts?: number[];
  /** Stores new filters (the settings' own change, which says it is saved). */
  onChange: (filters: Filters) => void;
}

/**
 * The filters and mutes editor: the minimum of upvotes, code required, and the follow and mute rules,
 * each saying how many papers it matches (a rule matching nothing says so).
 */
export function FiltersSection({ t, filters, ruleCounts, onChange }: FiltersSectionProps) {
  const [action, setAction] = useState<FilterRule['action']>('mute');
  const [field, setField] = useState<RuleField>('keyword');
  const [value, setValue] = useState('');
  const ruleLabel = (rule: FilterRule) =>
    `${rule.action === 'mute' ? t('optionsRuleMute') : t('optionsRuleFollow')} ${ruleText(t, rule)}`;
  return (
    <section aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t('optionsFiltersTitle')}</h2>
      <p class="help">{t('optionsFiltersHint')}</p>
      <label class="row">
        <span>{t('optionsMinUpvotes')}</span>{' '}
        <input
          type="number"
          min={0}
          max={FILTER_LIMITS.minUpvotes}
          value={filters.minUpvotes}
          onChange={(event) => {
            const n = Number(event.currentTarget.value);
            if (Number.isSafeInteger(n) && n >= 0 && n <= FILTER_LIMITS.minUpvotes)
              onChange({ ...filters, minUpvotes: n });
          }}
        />
      </label>
      <label class="row">
        <input
          type="checkbox"
          checked={filters.requireCode}
          onChange={(event) => onChange({ ...filters, requireCode: event.currentTarget.checked })}
        />
        <span>{t('optionsRequireCode')}</span>
      </label>
      {filters.rules.length === 0 ? (
        <p class="help">{t('optionsRulesNone')}</p>
      ) : (
        <ul class="rules">
          {filters.rules.map((rule, i) => {
            const count = ruleCounts?.[i];
            return (
              <li key={`${rule.action}:${rule.field}:${rule.value}`} data-rule-matches={count}>
                <span>{ruleLabel(rule)}</span>{' '}
                {count === undefined ? null : (
                  <span class={count === 0 ? 'rule-count none' : 'rule-count'}>
                    {count === 0 ? t('optionsRuleMatchesNothing') : plural(t, 'optionsRuleMatches', count)}
                  </span>
                )}{' '}
                <button
                  type="button"
                  aria-label={t('optionsRuleRemove', [ruleLabel(rule)])}
                  onClick={() => onChange(removeRule(filters, rule))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        class="rule-form"
        onSubmit={(event) => {
          event.preventDefault();
          const next = addRule(filters, { action, field, value });
          if (next !== filters) onChange(next);
          setValue('');
        }}
      >
        <label>
          {t('optionsRuleAction')}{' '}
          <select value={action} onChange={(e) => setAction(e.currentTarget.value as FilterRule['action'])}>
            <option value="mute">{t('optionsRuleMute')}</option>
            <option value="follow">{t('optionsRuleFollow')}</option>
          </select>
        </label>
        <label>
          {t('optionsRuleField')}{' '}
          <select value={field} onChange={(e) => setField(e.currentTarget.value as RuleField)}>
            <option value="keyword">{t('filterFieldKeyword')}</option>
            <option value="author">{t('filterFieldAuthor')}</option>
            <option value="organization">{t('filterFieldOrganization')}</option>
          </select>
        </label>
        <label>
          {t('optionsRuleValue')}{' '}
          <input
            type="text"
            value={value}
            maxLength={FILTER_LIMITS.value}
            required
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t('optionsRuleAdd')}</button>
      </form>
    </section>
  );
}
