import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Chromium from Debian (`apt-get install -y chromium`); never a downloaded build. */
export const CHROMIUM = '/usr/bin/chromium';

/** How the tests and benches run it: headless, and quiet (nothing leaves the machine). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Launches Debian's Chromium; a missing browser is an error that says how to get it. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    return Promise.reject(
      new Error(
        `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does), ` +
          `or set TACIT_SKIP_BROWSER=1 to skip the browser tests explicitly`,
      ),
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
