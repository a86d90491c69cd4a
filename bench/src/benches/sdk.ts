import { buildBrowserSdk } from '@tacit/browser/build';
import { launchChromium } from '../../../tests/setup/chromium.ts';
import type { Task } from '../runner.ts';

/**
 * Runs in the page: times the SDK's capture path for `n` synthetic copies and `n` edits of an
 * observed output (event handler → event built → serialised → queued), with the network stubbed
 * so that only capture is measured. Resolves with microseconds per captured event. Plain
 * JavaScript in a string: the page must not see the helpers tsx adds to functions.
 */
const MEASURE = `(n) => new Promise((resolve) => {
  const tacit = Tacit.init({
    key: 'pk_bench', endpoint: 'http://bench.invalid', flushIntervalMs: 3600000, batchSize: 1e9,
    maxQueue: 1e9, persist: false, platform: { fetch: () => new Promise(() => {}) },
  });
  const box = document.createElement('textarea');
  box.value = 'Open Settings, choose Security, then click "Reset password" and follow the link we email you.';
  box.setAttribute('data-tacit-generation', 'gen-bench');
  document.body.append(box);
  // Let the MutationObserver pick the output up first.
  setTimeout(() => {
    box.focus();
    const copy = new Event('copy', { bubbles: true });
    const blur = new FocusEvent('focusout', { bubbles: true });
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      box.setSelectionRange(0, 10 + (i % 50));
      box.dispatchEvent(copy); // a copy, with its fraction
      box.value += 'x';
      box.dispatchEvent(blur); // an edit snapshot, with the final text
    }
    const ms = performance.now() - start;
    const captured = tacit.stats().queued;
    tacit.shutdown();
    box.remove();
    resolve({ us: (ms * 1000) / captured, captured });
  }, 50);
})`;

export const task: Task = {
  describe: 'browser SDK: min+gzip size of the script-tag build; capture overhead per event in Chromium',
  async run(args, io) {
    const n = Number(args.find((a) => a.startsWith('--events='))?.slice(9) ?? 2000);
    const bundle = await buildBrowserSdk();
    io.log(`browser SDK: ${bundle.iife.length} B minified, ${bundle.gzipBytes} B min+gzip`);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.addScriptTag({ content: bundle.iife });
      // Warm up the JIT, then take the median of five runs.
      await page.evaluate(`(${MEASURE})(200)`);
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await page.evaluate<{ us: number; captured: number }>(`(${MEASURE})(${n / 2})`);
        if (r.captured !== n) throw new Error(`captured ${r.captured} events, expected ${n}`);
        runs.push(r.us);
      }
      runs.sort((a, b) => a - b);
      const us = Math.round((runs[2] ?? 0) * 100) / 100;
      io.log(`capture overhead: ${us} µs per event (median of 5 runs of ${n} events: copies and edits)`);
      return { browser_gzip_bytes: bundle.gzipBytes, capture_overhead_us: us };
    } finally {
      await browser.close();
    }
  },
};
