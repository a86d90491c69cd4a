/** The parts of a `fetch` Response that delivery reads. */
export interface WireResponse {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

export interface WireRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  keepalive?: boolean;
}

/**
 * What delivery needs from its environment, injected so that tests run without globals and
 * the same code runs in browsers and Node.
 */
export interface DeliveryPlatform {
  fetch(url: string, init: WireRequest): Promise<WireResponse>;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Uniform in [0, 1). */
  random(): number;
}

/** A problem the SDK reports to `onError` instead of throwing into the host. */
export interface TacitError {
  code:
    | 'network' // the request failed or the server answered 429/5xx; it will be retried
    | 'rejected' // the server refused a batch (401, 403, 4xx); it is dropped
    | 'invalid' // the server answered 207 and some events were invalid
    | 'too_large' // one event is larger than a request may be
    | 'queue_full' // the queue is full; the event was dropped (see `dropped`)
    | 'storage' // localStorage could not be read or written
    | 'internal'; // a bug or a hostile input caught at the SDK's edge
  message: string;
  status?: number;
  cause?: unknown;
}

export type ErrorHook = (error: TacitError) => void;
