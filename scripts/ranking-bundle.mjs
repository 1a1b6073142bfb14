/**
 * lib/ranking (and other plain modules of lib/) for Node scripts: Node 20 runs no TypeScript, so esbuild (already installed for Vite and
 * WXT) bundles lib/ranking/index.ts into one ES module in memory, which is imported from a data: URL.
 * The scripts therefore measure exactly the product's code.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The exports of lib/ranking/index.ts. */
export function importRanking() {
  return importLib('lib/ranking/index.ts');
}

/** The exports of any module of the product without browser APIs (`lib/model/state-index.ts`), bundled. */
export async function importLib(relativePath) {
  const result = await build({
    entryPoints: [path.join(ROOT, relativePath)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'node20',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
