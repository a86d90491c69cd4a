/** The time windows rollups are kept for. */
export type WindowSize = 'hour' | 'day';

export const WINDOW_SIZES: readonly WindowSize[] = ['hour', 'day'];

export const WINDOW_MS: Readonly<Record<WindowSize, number>> = { hour: 3_600_000, day: 86_400_000 };

/** The start (epoch ms, UTC) of the window that holds `at`. */
export function windowStart(at: number, size: WindowSize): number {
  return Math.floor(at / WINDOW_MS[size]) * WINDOW_MS[size];
}
