import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every project file reachable from `entry` through relative imports. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [path.join(ROOT, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      if (!spec?.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), spec);
      const resolved = ['', '.ts', '.tsx', '/index.ts']
        .map((ext) => base + ext)
        .find((f) => existsSync(f) && !f.endsWith('/'));
      if (resolved && !resolved.endsWith('.css')) queue.push(resolved);
    }
  }
  return new Set([...seen].map((f) => path.relative(ROOT, f)));
}

describe('the layout keeps its promises', () => {
  it('the content script never reaches lib/db: a page’s IndexedDB belongs to the website', () => {
    const files = reachable('entrypoints/content.ts');
    expect(files.has('lib/overlay/overlay.ts')).toBe(true);
    expect([...files].filter((f) => f.startsWith('lib/db/'))).toEqual([]);
  });

  it('the page reader and the components reach no browser API module', () => {
    const files = [...reachable('lib/site/index.ts'), ...reachable('components/CardControls.tsx')];
    for (const file of files) {
      expect(readFileSync(path.join(ROOT, file), 'utf8'), file).not.toMatch(
        /from ['"](wxt\/browser|webextension-polyfill)['"]/,
      );
    }
  });
});
