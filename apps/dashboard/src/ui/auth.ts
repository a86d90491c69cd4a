/** Where the secret key is kept between visits (this browser only). */
export const KEY_STORAGE = 'tacit.dashboard.key';

/**
 * The key of a `#key=sk_…` link (the form `tacit start` prints): the fragment never leaves the
 * browser, and the page removes it from the address bar at once.
 */
export function keyFromFragment(hash: string): string | undefined {
  if (!hash.startsWith('#key=')) return undefined;
  const raw = hash.slice('#key='.length).split('&')[0] ?? '';
  let key: string;
  try {
    key = decodeURIComponent(raw).trim();
  } catch {
    return undefined;
  }
  return key === '' ? undefined : key;
}

/** What a key is, from its prefix, for a message before the server is asked. */
export function keyKind(key: string): 'secret' | 'public' | 'unknown' {
  if (key.startsWith('sk_')) return 'secret';
  if (key.startsWith('pk_')) return 'public';
  return 'unknown';
}

/** `sk_m0up…` : enough to tell keys apart, not to use one. */
export function keyHint(key: string): string {
  return key.length > 10 ? `${key.slice(0, 7)}…` : key;
}
