import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// In CI each run also writes a JSON report, which .ci/run sums up in one closing line.
const project = process.argv.includes('browser') ? 'browser' : 'unit';

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
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
