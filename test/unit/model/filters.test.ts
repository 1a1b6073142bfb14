import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  addRule,
  compileFilters,
  type Filters,
  NO_FILTERS,
  parseFilters,
  removeRule,
  ruleMatchCounts,
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
