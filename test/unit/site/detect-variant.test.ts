// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { detectVariant } from '../../../lib/site';

describe('detectVariant', () => {
  it.each([
    ['https://huggingface.co/papers', 'daily'],
    ['https://huggingface.co/papers/', 'daily'],
    ['https://huggingface.co/papers?date=2024-08-01', 'daily'],
    ['https://huggingface.co/papers?date=2024-08-01#community', 'daily'],
    ['https://huggingface.co/papers?q=', 'daily'], // an empty search is the daily list
    ['https://huggingface.co/papers/date/2025-03-11', 'daily'],
    ['http://huggingface.co/papers/date/2025-03-11', 'daily'],
    ['https://huggingface.co/papers/week/2026-W47', 'week'],
    ['https://huggingface.co/papers/month/2025-02', 'month'],
    ['https://huggingface.co/papers/trending', 'trending'],
    ['https://huggingface.co/papers/trending?q=agents', 'trending'],
    ['https://huggingface.co/papers?q=diffusion+distillation', 'search'],
    ['https://huggingface.co/papers?q=diffusion&date=2024-08-01', 'search'],
    ['https://huggingface.co/papers/2407.21783', 'paper'],
    ['https://huggingface.co/papers/2407.21783v2', 'paper'],
    ['https://huggingface.co/papers/2407.21783#community', 'paper'],
    // Not a papers page this reader knows.
    ['https://huggingface.co/', undefined],
    ['https://huggingface.co/models', undefined],
    ['https://huggingface.co/akhaliq', undefined],
    ['https://huggingface.co/papers/date/2025-3-11', undefined],
    ['https://huggingface.co/papers/week/2026-47', undefined],
    ['https://huggingface.co/papers/month/2025', undefined],
    ['https://huggingface.co/papers/2407.217834', undefined],
    ['https://huggingface.co/papers/2407.21783/discussion', undefined],
    ['https://huggingface.co/api/daily_papers?date=2024-08-01', undefined],
    ['https://huggingface.co.evil/papers', undefined],
    ['https://evil.example/papers/2407.21783', undefined],
    ['ftp://huggingface.co/papers', undefined],
    ['javascript:alert(1)', undefined],
    ['/papers/2407.21783', undefined], // relative: no page URL
    ['', undefined],
    ['not a url', undefined],
  ])('%j → %j', (url, expected) => {
    expect(detectVariant(url)).toBe(expected);
  });
});
