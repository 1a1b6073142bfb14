// @vitest-environment node
/**
 * Each variant says the page key of the lists it reads; `pageKeyFromUrl` asks the variant of the
 * URL. (The full URL table is in test/unit/db/pages.test.ts, where the store uses the keys.)
 */
import { describe, expect, it } from 'vitest';
import { detectVariant, pageKeyFromUrl } from '../../../lib/site';
import { isDailyListKey } from '../../../lib/site/page-key';
import type { VariantReader } from '../../../lib/site/variant-reader';
import { dailyReader } from '../../../lib/site/variants/daily';
import { monthReader } from '../../../lib/site/variants/month';
import { paperReader } from '../../../lib/site/variants/paper';
import { searchReader } from '../../../lib/site/variants/search';
import { trendingReader } from '../../../lib/site/variants/trending';
import { weekReader } from '../../../lib/site/variants/week';

const HF = 'https://huggingface.co';

describe('pageKey of each variant', () => {
  it.each<[VariantReader, string, string | undefined]>([
    [dailyReader, '/papers', 'date:latest'],
    [dailyReader, '/papers?date=', 'date:latest'],
    [dailyReader, '/papers?date=2024-08-01', 'date:2024-08-01'],
    [dailyReader, '/papers/date/2025-03-11', 'date:2025-03-11'],
    [dailyReader, '/papers/date/2025-03-11?date=2024-01-01', 'date:2025-03-11'],
    [dailyReader, '/papers?date=yesterday', undefined],
    [weekReader, '/papers/week/2026-W47', 'week:2026-W47'],
    [weekReader, '/papers/week/2026-W47/', 'week:2026-W47'],
    [monthReader, '/papers/month/2025-02', 'month:2025-02'],
    [trendingReader, '/papers/trending', 'trending'],
    [trendingReader, '/papers/trending?q=%20', 'trending'],
    [trendingReader, '/papers/trending?q=Agents%20%20Tools', 'trending:agents tools'],
    [searchReader, '/papers?q=%20Diffusion%0ADistillation%20', 'search:diffusion distillation'],
    [paperReader, '/papers/2407.21783', undefined],
  ])('%s.pageKey(%s) is %j', (reader, path, key) => {
    const url = new URL(`${HF}${path}`);
    expect(reader.matches(url)).toBe(true);
    expect(reader.pageKey(url)).toBe(key);
    expect(pageKeyFromUrl(url.href)).toBe(key);
  });

  it.each([
    `${HF}/papers`,
    `${HF}/papers/week/2026-W47`,
    `${HF}/papers/trending`,
    `${HF}/papers?q=x`,
    `${HF}/papers/2407.21783`,
    `${HF}/papers/week/2026-47`,
    `${HF}/models`,
    'https://www.huggingface.co/papers',
    'https://huggingface.co.evil/papers',
    'ftp://huggingface.co/papers',
    'not a url',
  ])('gives a key to %s only where a list variant reads the page', (url) => {
    const variant = detectVariant(url);
    if (variant === undefined || variant === 'paper') expect(pageKeyFromUrl(url)).toBeUndefined();
    else expect(pageKeyFromUrl(url)).toMatch(/^(date|week|month|trending|search)(:|$)/);
  });

  it('says which keys are daily lists (the inbox counts missed days from the last visit of one)', () => {
    const daily = (path: string) => isDailyListKey(pageKeyFromUrl(`${HF}${path}`) ?? '');
    expect(daily('/papers')).toBe(true);
    expect(daily('/papers?date=2024-08-01')).toBe(true);
    expect(daily('/papers/date/2025-03-11')).toBe(true);
    expect(daily('/papers/week/2026-W47')).toBe(false);
    expect(daily('/papers/month/2025-02')).toBe(false);
    expect(daily('/papers/trending')).toBe(false);
    expect(daily('/papers?q=date')).toBe(false);
  });
});
