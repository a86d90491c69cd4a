import type { BrowserPlatform } from './platform.ts';

const KEY = 'tacit:s';

export interface Session {
  /** The current id, renewed when the visit has timed out; counts as activity. */
  current(): string;
  /** Starts a new session. */
  reset(): void;
  /** Writes id and last activity to storage. */
  save(): void;
}

/**
 * One visit's session id: kept in storage so that it survives page loads, and renewed after
 * `timeoutMs` without activity (the usual 30-minute visit of web analytics). A `fixed` id never
 * times out.
 */
export function session(p: BrowserPlatform, newId: () => string, timeoutMs: number, fixed?: string): Session {
  let stored = '';
  try {
    stored = p.storage?.getItem(KEY) ?? '';
  } catch {
    // Blocked storage: a session per page load.
  }
  let [id = '', last = 0] = fixed ? [fixed, Infinity] : stored.split('|');
  let written = 0;
  const s: Session = {
    current() {
      const now = p.now();
      if (!id || now - +last > timeoutMs) s.reset();
      if (!fixed) last = now;
      // Storage writes are synchronous: keep them off the capture path, at most one every 5 s.
      if (now - written > 5000) s.save();
      return id;
    },
    reset() {
      id = newId();
      if (!fixed) last = p.now();
      s.save();
    },
    save() {
      written = p.now();
      try {
        if (!fixed) p.storage?.setItem(KEY, `${id}|${last}`);
      } catch {
        // Full or blocked storage: the id still lives in memory for this page.
      }
    },
  };
  return s;
}
