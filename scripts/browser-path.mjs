// Finds a Chromium or Chrome, and a Firefox, on this machine; never downloads one.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The first Chromium found, or undefined. */
export function findChromium() {
  return CANDIDATES.find((path) => path && existsSync(path));
}

const FIREFOX_CANDIDATES = [
  process.env.FIREFOX_PATH,
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

/** The first Firefox found (Debian's firefox-esr first), or undefined. */
export function findFirefox() {
  return FIREFOX_CANDIDATES.find((path) => path && existsSync(path));
}

/**
 * Flags for a quiet, offline Chromium that loads one unpacked extension. Images are off unless asked for:
 * fixtures carry none, and thousands of thumbnail requests would crowd the offline request router.
 */
export function chromiumArgs(extensionDir, { images = false } = {}) {
  return [
    ...(extensionDir
      ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
      : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    ...(images ? [] : ['--blink-settings=imagesEnabled=false']),
  ];
}
