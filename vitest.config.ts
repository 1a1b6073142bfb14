import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// In CI each run also writes a JSON report, which .ci/run sums up in one closing line: one file per
// project run (`--project NAME`), so the runs of each browser (scripts/test-browsers.mjs) keep theirs.
const projectArg = process.argv.indexOf('--project');
const project = projectArg >= 0 ? (process.argv[projectArg + 1] ?? 'unit') : 'unit';

/** The browser suite, once per browser and build: the same test cases, another driver (test/browser/). */
const browserProject = (name: 'chromium' | 'firefox-mv2' | 'firefox-mv3') => ({
  test: {
    name: `browser-${name}`,
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    env: { DPC_BROWSER: name },
    // One browser at a time: the machine has two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: `test-results/${project}.json` },
    projects: [
      {
        plugins: [WxtVitest()],
        resolve: {
          alias: [
            // virtua ships React bindings; the popup runs them on Preact through @preact/preset-vite's
            // aliases (wxt.config.ts), and its component tests must do the same.
            { find: /^react(-dom)?(?=\/|$)/, replacement: 'preact/compat' },
            // Tests only need `fakeBrowser` from wxt/testing. The whole module also loads WXT's build
            // tools and esbuild, whose start-up check fails under `@vitest-environment jsdom` (Vitest
            // swaps in jsdom's Uint8Array); the fake browser alone loads anywhere, and faster.
            {
              find: /^wxt\/testing$/,
              replacement: fileURLToPath(
                import.meta.resolve('wxt/testing').replace(/index\.mjs$/, 'fake-browser.mjs'),
              ),
            },
          ],
        },
        test: {
          name: 'unit',
          server: { deps: { inline: ['virtua'] } },
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['test/unit/setup.ts'],
          testTimeout: 30_000,
        },
      },
      browserProject('chromium'),
      browserProject('firefox-mv2'),
      browserProject('firefox-mv3'),
    ],
  },
});
