import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { PAPERS_PAGE_MATCHES } from './lib/site/urls';
import { ARXIV_ORIGIN } from './lib/watch/arxiv';

// The papers pages are the only site we touch; everything else stays out of reach. The patterns
// are the page reader's (lib/site/urls.ts), the same ones the content script declares.
export const PAPERS_MATCHES = [...PAPERS_PAGE_MATCHES];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  webExt: { disabled: true },
  vite: () => ({
    plugins: [preact()],
    // The extension pages share many small modules, which Rollup split into one file each: the popup
    // loaded eight before its first rows. Each file is a request of its own (~3 ms here, measured with
    // the same 100 KB in one file and in eight: 79 against 102 ms to a first row), so small shared
    // chunks are merged into others (the popup now loads three).
    build: { rollupOptions: { output: { experimentalMinChunkSize: 20_000 } } },
  }),
  // The sources zip AMO asks for with the Firefox package (`npm run zip`): what builds it, not what a
  // local run left behind (test reports, screenshots, benchmark results; all kept out of git too).
  zip: { excludeSources: ['test-results/**', 'screenshots/**', 'bench/results.json', '.probe/**', '*.log'] },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'contextMenus'],
    host_permissions: ['https://huggingface.co/*'],
    // Asked for only when the reader turns on notifications of updates, or arXiv's versions (options page,
    // issue 16); Manifest V2 lists optional origins among the optional permissions.
    ...(manifestVersion === 2
      ? { optional_permissions: ['notifications', ARXIV_ORIGIN] }
      : { optional_permissions: ['notifications'], optional_host_permissions: [ARXIV_ORIGIN] }),
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          // `data_collection_permissions` (required on AMO: we collect nothing) is known to Firefox 140
          // and to Firefox for Android 142; older versions would ignore it, so they are not supported.
          browser_specific_settings: {
            gecko: {
              id: 'daily-papers-companion@dailypapers.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
