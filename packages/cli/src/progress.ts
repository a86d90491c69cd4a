import cliProgress from 'cli-progress';
import type { Output } from './output.ts';

export interface Progress {
  update(value: number, payload?: Record<string, unknown>): void;
  stop(): void;
}

/**
 * A progress bar on stderr (cli-progress). Off a terminal it prints a line every few seconds
 * instead, so that CI logs show progress without control characters.
 */
export function progressBar(out: Output, total: number, label: string, unit = ''): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total}${unit} | {eta_formatted} left{extra}`,
      stream: process.stderr,
      noTTYOutput: !out.interactive,
      notTTYSchedule: 3000,
      hideCursor: out.interactive,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { extra: '' });
  return {
    update: (value, payload) => bar.update(value, payload ?? {}),
    stop: () => bar.stop(),
  };
}
