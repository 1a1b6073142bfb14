/**
 * Filters and mutes (issue 15), the same on every list: the site's lists, the inbox and the popup. A
 * paper below the minimum upvotes, without code when code is required, or matching a mute rule is
 * muted, with the reason said; one matching a follow rule is followed. Plain data and pure rules.
 */

/** What a rule looks at: keywords (title, abstract, the site's keywords), an author, an organization. */
export type RuleField = 'keyword' | 'author' | 'organization';

/** One follow or mute rule, e.g. mute keyword `diffusion`. */
export interface FilterRule {
  action: 'follow' | 'mute';
  field: RuleField;
  /** What to match, as the user wrote it (trimmed); matched case-insensitively. */
  value: string;
}

/** The user's filters, kept with the settings (and synced with them). */
export interface Filters {
  /** Papers with fewer upvotes are muted; 0 keeps every paper. */
  minUpvotes: number;
  /** Papers without a code link are muted. */
  requireCode: boolean;
  rules: FilterRule[];
}

/** No filter at all: what a fresh install has. */
export const NO_FILTERS: Readonly<Filters> = Object.freeze({ minUpvotes: 0, requireCode: false, rules: [] });

/** Limits of the filters: rules kept, characters of a value, the largest minimum of upvotes. */
export const FILTER_LIMITS = { rules: 200, value: 100, minUpvotes: 100_000 } as const;

/** The fields of a paper the filters read (a record, a stored row or an inbox row). */
export interface FilterablePaper {
  title: string;
  summary?: string;
  keywords?: readonly string[];
  authors?: readonly string[];
  organization?: string;
  upvotes?: number;
  githubRepo?: string;
  codeLinks?: readonly string[];
}

/** Why a paper is muted: a rule, or one of the two thresholds. */
export type MuteReason =
  | { kind: 'rule'; rule: FilterRule }
  | { kind: 'minUpvotes'; minUpvotes: number }
  | { kind: 'requireCode' };

/** What the filters say of one paper. */
export interface FilterVerdict {
  muted?: MuteReason;
  /** The first follow rule that matches. */
  followed?: FilterRule;
}

const RULE_FIELDS: readonly RuleField[] = ['keyword', 'author', 'organization'];

/** Lower case with whitespace collapsed, for comparing. */
function fold(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One compiled rule: a test over a paper. */
type Matcher = (paper: FilterablePaper) => boolean;

function compileRule(rule: FilterRule): Matcher {
  const value = fold(rule.value);
  if (rule.field === 'keyword') {
    // A whole word or phrase ("diffusion" does not match "diffusional"), in the title, abstract or keywords.
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(value)}($|[^\\p{L}\\p{N}])`, 'u');
    return (paper) =>
      pattern.test(fold(paper.title)) ||
      (paper.summary !== undefined && pattern.test(fold(paper.summary))) ||
      (paper.keywords ?? []).some((k) => pattern.test(fold(k)));
  }
  if (rule.field === 'author') return (paper) => (paper.authors ?? []).some((a) => fold(a) === value);
  return (paper) => paper.organization !== undefined && fold(paper.organization) === value;
}

/** Whether a paper has code: its main repository or any code link. */
export function hasCode(paper: FilterablePaper): boolean {
  return paper.githubRepo !== undefined || (paper.codeLinks ?? []).length > 0;
}

/** Whether any filter is set (nothing to do otherwise). */
export function hasFilters(filters: Filters): boolean {
  return filters.minUpvotes > 0 || filters.requireCode || filters.rules.length > 0;
}

/**
 * The filters compiled once for many papers: `judge` gives a paper's verdict. Mute rules come first,
 * then the thresholds (a paper whose upvotes are unknown is not muted by the minimum).
 */
export function compileFilters(filters: Filters): (paper: FilterablePaper) => FilterVerdict {
  const mutes = filters.rules.filter((r) => r.action === 'mute').map((r) => [r, compileRule(r)] as const);
  const follows = filters.rules.filter((r) => r.action === 'follow').map((r) => [r, compileRule(r)] as const);
  return (paper) => {
    const verdict: FilterVerdict = {};
    const muteRule = mutes.find(([, match]) => match(paper))?.[0];
    if (muteRule !== undefined) verdict.muted = { kind: 'rule', rule: muteRule };
    else if (filters.minUpvotes > 0 && paper.upvotes !== undefined && paper.upvotes < filters.minUpvotes) {
      verdict.muted = { kind: 'minUpvotes', minUpvotes: filters.minUpvotes };
    } else if (filters.requireCode && !hasCode(paper)) verdict.muted = { kind: 'requireCode' };
    const followRule = follows.find(([, match]) => match(paper))?.[0];
    if (followRule !== undefined) verdict.followed = followRule;
    return verdict;
  };
}

/** Whether two rules are the same (same action, field and folded value). */
export function sameRule(a: FilterRule, b: FilterRule): boolean {
  return a.action === b.action && a.field === b.field && fold(a.value) === fold(b.value);
}

/** The filters with `rule` added (trimmed), unless an equal rule is there or the value is empty. */
export function addRule(filters: Filters, rule: FilterRule): Filters {
  const value = rule.value.trim().replace(/\s+/g, ' ');
  const clean = { ...rule, value };
  if (value === '' || value.length > FILTER_LIMITS.value || filters.rules.some((r) => sameRule(r, clean))) {
    return filters;
  }
  return { ...filters, rules: [...filters.rules, clean].slice(0, FILTER_LIMITS.rules) };
}

/** The filters without `rule`. */
export function removeRule(filters: Filters, rule: FilterRule): Filters {
  return { ...filters, rules: filters.rules.filter((r) => !sameRule(r, rule)) };
}

/**
 * The filters as the reader's own lists (the popup's saved, read and tagged papers) apply them: the follow
 * and mute rules only. The minimum of upvotes and "only papers with code" sort what the site shows; they do
 * not hide a paper the reader chose to keep (a saved paper without code is still saved), whereas a muted
 * organization or author is folded the same everywhere.
 */
export function rulesOnly(filters: Filters): Filters {
  return { minUpvotes: 0, requireCode: false, rules: filters.rules };
}

/** How many of a card's authors its menu offers rules for (the first ones, as the site lists them). */
export const CARD_RULE_AUTHORS = 3;

/** One rule a card offers, and whether it is in force already. */
export interface RuleChoice {
  rule: FilterRule;
  /** The filters hold this rule: choosing it again takes it away. */
  active: boolean;
}

/**
 * The rules a card offers (issue 15: "Mute this organization", "Follow this author"): mute and follow its
 * organization when it has one, then follow and mute each of its first {@link CARD_RULE_AUTHORS} authors
 * (blank names and repeats left out), each saying whether `filters` hold it already.
 */
export function cardRuleChoices(
  paper: Pick<FilterablePaper, 'organization' | 'authors'>,
  filters: Filters,
  maxAuthors: number = CARD_RULE_AUTHORS,
): RuleChoice[] {
  const rules: FilterRule[] = [];
  const organization = paper.organization?.trim().replace(/\s+/g, ' ');
  if (organization) {
    rules.push({ action: 'mute', field: 'organization', value: organization });
    rules.push({ action: 'follow', field: 'organization', value: organization });
  }
  const authors: string[] = [];
  for (const raw of paper.authors ?? []) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name === '' || authors.some((a) => fold(a) === fold(name))) continue;
    authors.push(name);
    if (authors.length === maxAuthors) break;
  }
  for (const value of authors) {
    rules.push({ action: 'follow', field: 'author', value });
    rules.push({ action: 'mute', field: 'author', value });
  }
  return rules.map((rule) => ({ rule, active: filters.rules.some((r) => sameRule(r, rule)) }));
}

/** A rule put in force from a card, with the rule of the other action it replaced, if any. */
export interface AppliedRule {
  rule: FilterRule;
  /** Following what was muted (or the reverse) takes the old rule away; undoing puts it back. */
  replaced?: FilterRule;
}

/**
 * The filters with `rule` in force, as a card's menu sets it: added with {@link addRule}, and the rule of
 * the other action on the same name taken away (one cannot both follow and mute an organization).
 */
export function applyRule(filters: Filters, rule: FilterRule): { filters: Filters; applied: AppliedRule } {
  const opposite: FilterRule = { ...rule, action: rule.action === 'mute' ? 'follow' : 'mute' };
  const replaced = filters.rules.find((r) => sameRule(r, opposite));
  const next = addRule(replaced ? removeRule(filters, opposite) : filters, rule);
  return { filters: next, applied: replaced ? { rule, replaced } : { rule } };
}

/** The filters as they were before {@link applyRule}: its rule taken away, the rule it replaced back. */
export function undoRule(filters: Filters, applied: AppliedRule): Filters {
  const without = removeRule(filters, applied.rule);
  return applied.replaced ? addRule(without, applied.replaced) : without;
}

/** Whether two filters say the same: the same minimum, code requirement and rules, in the same order. */
export function sameFilters(a: Filters | undefined, b: Filters | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** How many of `papers` each rule matches, in the rules' order: a rule at 0 matches nothing. */
export function ruleMatchCounts(filters: Filters, papers: readonly FilterablePaper[]): number[] {
  return filters.rules.map((rule) => {
    const match = compileRule(rule);
    return papers.reduce((n, paper) => n + (match(paper) ? 1 : 0), 0);
  });
}

/** Reads stored filters leniently: invalid parts are dropped, missing parts take {@link NO_FILTERS}. */
export function parseFilters(raw: unknown): Filters {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ...NO_FILTERS, rules: [] };
  const source = raw as Record<string, unknown>;
  const min = source.minUpvotes;
  let filters: Filters = {
    minUpvotes:
      typeof min === 'number' && Number.isSafeInteger(min) && min >= 0 && min <= FILTER_LIMITS.minUpvotes
        ? min
        : 0,
    requireCode: source.requireCode === true,
    rules: [],
  };
  for (const rule of Array.isArray(source.rules) ? source.rules : []) {
    if (rule === null || typeof rule !== 'object') continue;
    const { action, field, value } = rule as Record<string, unknown>;
    if ((action !== 'follow' && action !== 'mute') || !RULE_FIELDS.includes(field as RuleField)) continue;
    if (typeof value !== 'string') continue;
    filters = addRule(filters, { action, field: field as RuleField, value });
  }
  return filters;
}

/** Whether `raw` is already valid filters (parsing changes nothing). */
export function isValidFilters(raw: unknown): boolean {
  return JSON.stringify(parseFilters(raw)) === JSON.stringify(raw);
}
