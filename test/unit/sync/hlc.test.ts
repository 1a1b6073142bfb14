import { describe, expect, it } from 'vitest';
import { isPlausible, MAX_CLOCK_LEAD_S, observe, secondsOf, tick } from '../../../lib/sync/hlc';

const NOW_MS = Date.UTC(2026, 0, 5, 9, 0, 0, 750);
const NOW_S = secondsOf(NOW_MS);

describe('the hybrid logical clock', () => {
  it('counts whole seconds of the wall clock', () => {
    expect(NOW_S).toBe(Date.UTC(2026, 0, 5, 9) / 1000);
  });

  it('stamps a local change with the wall clock when the clock is behind it', () => {
    expect(tick(NOW_S - 100, NOW_MS)).toBe(NOW_S);
  });

  it('never repeats or goes back: two changes in one second, or a wall clock set back, still move it on', () => {
    const first = tick(0, NOW_MS);
    const second = tick(first, NOW_MS);
    const afterSetBack = tick(second, NOW_MS - 3_600_000);
    expect([first, second, afterSetBack]).toEqual([NOW_S, NOW_S + 1, NOW_S + 2]);
  });

  it('passes a remote stamp it sees, so the next local change wins over it', () => {
    const seen = observe(NOW_S, NOW_S + 600, NOW_MS); // another device's clock is 10 minutes fast
    expect(seen).toBe(NOW_S + 600);
    expect(tick(seen, NOW_MS)).toBe(NOW_S + 601);
  });

  it('never goes back on an older remote stamp', () => {
    expect(observe(NOW_S, NOW_S - 600, NOW_MS)).toBe(NOW_S);
  });

  it('is not dragged ahead by a device whose clock is more than a day fast', () => {
    expect(isPlausible(NOW_S + MAX_CLOCK_LEAD_S, NOW_MS)).toBe(true);
    expect(isPlausible(NOW_S + MAX_CLOCK_LEAD_S + 1, NOW_MS)).toBe(false);
    expect(observe(NOW_S, NOW_S + 365 * 86_400, NOW_MS)).toBe(NOW_S);
  });
});
