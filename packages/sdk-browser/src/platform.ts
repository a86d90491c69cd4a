import type { DeliveryPlatform } from './delivery/platform.ts';

/** The subset of `localStorage` the SDK uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Everything the browser SDK takes from its environment; each part can be injected. */
export interface BrowserPlatform extends DeliveryPlatform {
  /** `localStorage`, or null where it is unavailable (unsent events then live in memory only). */
  storage: KeyValueStorage | null;
  /** `navigator.sendBeacon` (a text/plain body), used when the page goes away and keepalive's budget is spent. */
  beacon?: (url: string, body: string) => boolean;
}

function localStorageOrNull(): KeyValueStorage | null {
  try {
    // Reading the property throws in sandboxed iframes and with cookies blocked.
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The real platform of a browser page. */
export function browserPlatform(): BrowserPlatform {
  const nav = globalThis.navigator as Navigator | undefined;
  return {
    fetch: (url, init) => fetch(url, init),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as number),
    now: Date.now,
    random: Math.random,
    storage: localStorageOrNull(),
    // A string goes as text/plain: CORS-safelisted, so no preflight while the page unloads (a
    // JSON Blob needs one, and Chromium then drops the beacon). Tacit parses it as JSON.
    ...(nav?.sendBeacon ? { beacon: (url: string, body: string) => nav.sendBeacon(url, body) } : {}),
  };
}
