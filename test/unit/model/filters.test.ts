import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  addRule,
  applyRule,
  cardRuleChoices,
  compileFilters,
  type Filters,
  NO_FILTERS,
  parseFilters,
  removeRule,
  ruleMatchCounts,
  rulesOnly,
  undoRule,
} from '../../../lib/model/filters';
import { DEFAULT_SETTINGS, parseSettings, settingsPatchSchema } from '../../../lib/model/settings';
import { makeRecord } from '../../fixtures/db/records';

const filters = (patch: Partial<Filters>): Filters => ({ ...NO_FILTERS, rules: [], ...patch });

describe('filters and mutes', () => {
  const diffusion = makeRecord(1, {
    title: 'Faster Diffusion Sampling',
    authors: ['Ada Lovelace'],
    organization: 'Acme AI',
    upvotes: 4,
  });
  const robots = makeRecord(2, {
    title: 'Robot grasping',
    summary: 'Diffusional effects aside, robots grasp.',
    keywords: ['tactile sensing'],
    authors: ['Alan Turing'],
    upvotes: 40,
    githubRepo: 'https://github.com/a/b',
  });

  it('mutes a keyword in the title, abstract or keywords, as a whole word, whatever the case', () => {
    const judge = compileFilters(
      filters({ rules: [{ action: 'mute', field: 'keyword', value: 'diffusion' }] }),
    );
    expect(judge(diffusion).muted).toEqual({
      kind: 'rule',
      rule: { action: 'mute', field: 'keyword', value: 'diffusion' },
    });
    expect(judge(robots).muted).toBeUndefined(); // "Diffusional" is another word
    const tactile = compileFilters(
      filters({ rules: [{ action: 'mute', field: 'keyword', value: 'Tactile Sensing' }] }),
    );
    expect(tactile(robots).muted?.kind).toBe('rule');
  });

  it('mutes or follows an author or an organization by its whole name', () => {
    const judge = compileFilters(
      filters({
        rules: [
          { action: 'mute', field: 'organization', value: 'acme ai' },
          { action: 'follow', field: 'author', value: 'Alan Turing' },
        ],
      }),
    );
    expect(judge(diffusion).muted?.kind).toBe('rule');
    expect(judge(diffusion).followed).toBeUndefined();
    expect(judge(robots)).toEqual({ followed: { action: 'follow', field: 'author', value: 'Alan Turing' } });
  });

  it('mutes papers under the minimum upvotes, or without code when code is required', () => {
    expect(compileFilters(filters({ minUpvotes: 5 }))(diffusion).muted).toEqual({
      kind: 'minUpvotes',
      minUpvotes: 5,
    });
    expect(compileFilters(filters({ minUpvotes: 5 }))(robots).muted).toBeUndefined();
    expect(compileFilters(filters({ requireCode: true }))(diffusion).muted).toEqual({ kind: 'requireCode' });
    expect(compileFilters(filters({ requireCode: true }))(robots).muted).toBeUndefined();
  });

  it('adds a rule once, trimmed, and removes it', () => {
    const rule = { action: 'mute', field: 'keyword', value: '  diffusion ' } as const;
    const once = addRule(addRule(NO_FILTERS, rule), { ...rule, value: 'DIFFUSION' });
    expect(once.rules).toEqual([{ action: 'mute', field: 'keyword', value: 'diffusion' }]);
    expect(addRule(NO_FILTERS, { ...rule, value: '   ' }).rules).toEqual([]);
    expect(removeRule(once, rule).rules).toEqual([]);
  });

  it('says how many papers each rule matches, so a rule matching nothing shows as such', () => {
    const rules = filters({
      rules: [
        { action: 'mute', field: 'keyword', value: 'diffusion' },
        { action: 'follow', field: 'organization', value: 'Nobody Inc' },
      ],
    });
    expect(ruleMatchCounts(rules, [diffusion, robots])).toEqual([1, 0]);
  });

  it('are kept in the settings: read leniently, changed only when valid', () => {
    expect(DEFAULT_SETTINGS.filters).toEqual({ minUpvotes: 0, requireCode: false, rules: [] });
    const stored = {
      minUpvotes: 3,
      requireCode: true,
      rules: [{ action: 'mute', field: 'author', value: 'X' }],
    };
    expect(parseSettings({ filters: stored }).filters).toEqual(stored);
    expect(parseSettings({ filters: { minUpvotes: -1 } }).filters).toEqual(DEFAULT_SETTINGS.filters);
    expect(parseFilters({ rules: [{ action: 'ban', field: 'author', value: 'X' }, 'x'] }).rules).toEqual([]);
    expect(v.safeParse(settingsPatchSchema(), { filters: stored }).success).toBe(true);
    expect(v.safeParse(settingsPatchSchema(), { filters: { ...stored, minUpvotes: 'many' } }).success).toBe(
      false,
    );
  });
});

describe('rules added from a card', () => {
  const card = {
    organization: '  Acme   AI ',
    authors: ['Ada Lovelace', ' ', 'ada  lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
  };

  it('offers to mute or follow the organization, then each of the first three authors, once each', () => {
    const offered = cardRuleChoices(card, NO_FILTERS).map(
      ({ rule }) => `${rule.action} ${rule.field} ${rule.value}`,
    );
    expect(offered).toEqual([
      'mute organization Acme AI',
      'follow organization Acme AI',
      'follow author Ada Lovelace',
      'mute author Ada Lovelace',
      'follow author Alan Turing',
      'mute author Alan Turing',
      'follow author Grace Hopper',
      'mute author Grace Hopper',
    ]);
  });

  it('offers no organization rule for a card without one, and nothing for a card without names', () => {
    expect(cardRuleChoices({ authors: ['Ada Lovelace'] }, NO_FILTERS).map((c) => c.rule.field)).toEqual([
      'author',
      'author',
    ]);
    expect(cardRuleChoices({ organization: ' ', authors: [] }, NO_FILTERS)).toEqual([]);
  });

  it('says which of the offered rules are in force already, whatever their case', () => {
    const choices = cardRuleChoices(
      card,
      filters({ rules: [{ action: 'mute', field: 'organization', value: 'acme ai' }] }),
    );
    expect(choices.filter((c) => c.active).map((c) => c.rule)).toEqual([
      { action: 'mute', field: 'organization', value: 'Acme AI' },
    ]);
  });

  it('adds the rule through addRule (once), and the card is muted by it at once', () => {
    const rule = { action: 'mute', field: 'organization', value: 'Acme AI' } as const;
    const { filters: next, applied } = applyRule(NO_FILTERS, rule);
    expect(next.rules).toEqual([rule]);
    expect(applied).toEqual({ rule });
    expect(applyRule(next, rule).filters).toEqual(next);
    expect(compileFilters(next)({ title: 'x', organization: 'ACME AI' }).muted).toEqual({
      kind: 'rule',
      rule,
    });
  });

  it('following what was muted takes the mute away, and undoing puts it back as it was', () => {
    const before = filters({
      minUpvotes: 3,
      rules: [
        { action: 'mute', field: 'keyword', value: 'diffusion' },
        { action: 'mute', field: 'author', value: 'Ada Lovelace' },
      ],
    });
    const follow = { action: 'follow', field: 'author', value: 'ada lovelace' } as const;
    const { filters: after, applied } = applyRule(before, follow);
    expect(after.rules).toEqual([{ action: 'mute', field: 'keyword', value: 'diffusion' }, follow]);
    expect(after.minUpvotes).toBe(3);
    expect(applied.replaced).toEqual({ action: 'mute', field: 'author', value: 'Ada Lovelace' });
    const undone = undoRule(after, applied);
    expect(undone.rules).toHaveLength(2);
    expect(undone.rules).toEqual(expect.arrayContaining(before.rules));
    expect(undone.minUpvotes).toBe(3);
  });

  it('undoing a rule added to no opposite only takes it away', () => {
    const rule = { action: 'follow', field: 'organization', value: 'Blue Lab' } as const;
    const { filters: after, applied } = applyRule(NO_FILTERS, rule);
    expect(undoRule(after, applied)).toEqual({ ...NO_FILTERS, rules: [] });
  });
});

describe("the reader's own lists (the popup)", () => {
  it('keep the rules and drop the minimum of upvotes and "only with code", which sort the site', () => {
    const all: Filters = {
      minUpvotes: 50,
      requireCode: true,
      rules: [{ action: 'mute', field: 'organization', value: 'Acme AI' }],
    };
    const judge = compileFilters(rulesOnly(all));
    expect(judge({ title: 'Saved, 2 upvotes, no code', upvotes: 2 })).toEqual({});
    expect(judge({ title: 'x', organization: 'Acme AI', upvotes: 2 }).muted).toEqual({
      kind: 'rule',
      rule: { action: 'mute', field: 'organization', value: 'Acme AI' },
    });
    expect(compileFilters(all)({ title: 'Saved, 2 upvotes, no code', upvotes: 2 }).muted?.kind).toBe(
      'minUpvotes',
    );
  });
});
