import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const SOURCE = /\.(ts|tsx)$/;

/**
 * Which rooms each room may import (besides itself). A room is a folder of `lib/` (or a single file at its
 * top, such as `lib/settings.ts`), `components`, or `entrypoints`. The order is the one docs/ARCHITECTURE.md
 * draws: model ← site ← messages ← db/background; the overlay never reaches the store or the background;
 * components take props. A new room must be declared here before anything may import it.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'lib/model': [],
  'lib/i18n': [],
  'lib/site': ['lib/model'],
  'lib/settings': ['lib/model', 'lib/messages'],
  'lib/messages': ['lib/model'],
  'lib/sync': ['lib/model'],
  'lib/export': ['lib/model'],
  'lib/ranking': [],
  'lib/foryou': ['lib/model', 'lib/db', 'lib/ranking'],
  'lib/db': ['lib/model', 'lib/site', 'lib/sync', 'lib/settings'],
  'lib/enrich': ['lib/model', 'lib/site', 'lib/db', 'lib/settings'],
  'lib/inbox': ['lib/model', 'lib/site', 'lib/db', 'lib/messages'],
  'lib/watch': ['lib/model', 'lib/site', 'lib/db', 'lib/settings', 'lib/enrich'],
  'lib/popup': ['lib/model', 'lib/messages', 'lib/export'],
  'lib/background': [
    'lib/model',
    'lib/site',
    'lib/messages',
    'lib/db',
    'lib/sync',
    'lib/enrich',
    'lib/inbox',
    'lib/watch',
    'lib/settings',
    'lib/i18n',
    'lib/foryou',
  ],
  components: ['lib/model', 'lib/site', 'lib/i18n', 'lib/export', 'lib/popup', 'lib/settings'],
  'lib/overlay': ['lib/model', 'lib/site', 'lib/messages', 'lib/settings', 'lib/i18n', 'components'],
  entrypoints: ['*'],
};

/** Every source file below `dir` (relative to the root). */
function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(ROOT, rel))) {
      const child = path.join(rel, name);
      if (statSync(path.join(ROOT, child)).isDirectory()) walk(child);
      else if (SOURCE.test(name)) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** The project file a relative import of `from` names, or undefined for packages and assets. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(path.join(ROOT, from)), spec);
  const file = ['', '.ts', '.tsx', '/index.ts']
    .map((ext) => base + ext)
    .find((f) => existsSync(f) && statSync(f).isFile());
  return file && SOURCE.test(file) ? path.relative(ROOT, file) : undefined;
}

/** The specifiers `file` imports, statically or dynamically, types included. */
function importsOf(file: string): string[] {
  return [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(IMPORT)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
}

/** The room of a project file. */
function roomOf(file: string): string {
  const [top, second] = file.split('/');
  if (top === 'lib' && second !== undefined) return `lib/${second.replace(SOURCE, '')}`;
  return top as string;
}

/** Every project file reachable from `entry` through relative imports. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of importsOf(file)) {
      const target = resolveImport(file, spec);
      if (target) queue.push(target);
    }
  }
  return seen;
}

const PRODUCT = [...sourcesUnder('lib'), ...sourcesUnder('components'), ...sourcesUnder('entrypoints')];

describe('the layout keeps its promises', () => {
  it('every room of the product is declared, with the rooms it may import', () => {
    const rooms = new Set(PRODUCT.map(roomOf));
    expect([...rooms].filter((room) => !(room in MAY_IMPORT))).toEqual([]);
  });

  it('folders import one way: every import between rooms is one the table allows', () => {
    const wrong: string[] = [];
    for (const file of PRODUCT) {
      const from = roomOf(file);
      const allowed = MAY_IMPORT[from] ?? [];
      for (const spec of importsOf(file)) {
        const target = resolveImport(file, spec);
        if (target === undefined) continue;
        const to = roomOf(target);
        if (to !== from && !allowed.includes('*') && !allowed.includes(to)) wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the allowed imports have no cycle, so no import can run back up', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (room: string, trail: string[]) => {
      if (done.has(room)) return;
      if (visiting.has(room)) {
        cycles.push([...trail, room].join(' → '));
        return;
      }
      visiting.add(room);
      for (const next of MAY_IMPORT[room] ?? []) if (next !== '*') visit(next, [...trail, room]);
      visiting.delete(room);
      done.add(room);
    };
    for (const room of Object.keys(MAY_IMPORT)) visit(room, []);
    expect(cycles).toEqual([]);
  });

  it('the model knows no browser, no store and no other room', () => {
    for (const file of sourcesUnder('lib/model')) {
      expect(readFileSync(path.join(ROOT, file), 'utf8'), file).not.toMatch(
        /from ['"](wxt\/browser|webextension-polyfill|dexie)['"]/,
      );
    }
  });

  it('only lib/db opens the store: Dexie is imported nowhere else in the product', () => {
    const users = PRODUCT.filter((file) =>
      /from ['"]dexie['"]/.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(users.filter((file) => !file.startsWith('lib/db/'))).toEqual([]);
  });

  it('the content script never reaches lib/db or lib/background: a page’s IndexedDB belongs to the website', () => {
    const files = [...reachable('entrypoints/content.ts')];
    expect(files).toContain('lib/overlay/overlay.ts');
    expect(files.filter((f) => f.startsWith('lib/db/') || f.startsWith('lib/background/'))).toEqual([]);
  });

  it('the page reader, the model and the components reach no browser API module', () => {
    const files = new Set([
      ...reachable('lib/site/index.ts'),
      ...sourcesUnder('lib/model'),
      ...sourcesUnder('components').flatMap((f) => [...reachable(f)]),
    ]);
    for (const file of files) {
      expect(readFileSync(path.join(ROOT, file), 'utf8'), file).not.toMatch(
        /from ['"](wxt\/browser|webextension-polyfill)['"]/,
      );
    }
  });

  it('the product never imports test code (builders and doubles live in test/support)', () => {
    const wrong = PRODUCT.filter((file) =>
      importsOf(file).some(
        (spec) =>
          spec.startsWith('.') &&
          path.resolve(path.dirname(path.join(ROOT, file)), spec).startsWith(path.join(ROOT, 'test')),
      ),
    );
    expect(wrong).toEqual([]);
  });

  it('no file in lib/ is over 450 lines unless its header says why it must be one piece', () => {
    const big = sourcesUnder('lib').filter((file) => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const header = text.slice(0, text.indexOf('*/') + 2);
      return text.split('\n').length > 450 && !/one piece/i.test(header);
    });
    expect(big).toEqual([]);
  });
});
