import type { Command } from 'commander';
import { runSimulateCommand, type CommandIO } from '@tacit/simulator';
import { processOutput, type Output } from '../output.ts';

/** The simulator's own writer interface over the CLI's line-based output. */
function commandIO(out: Output): CommandIO {
  if (out === processOutput) return { stdout: process.stdout, stderr: process.stderr, env: process.env };
  const lines = (emit: (line: string) => void) => ({
    write: (s: string) => emit(s.replace(/\n$/, '')),
    isTTY: out.interactive,
  });
  return { stdout: lines((l) => out.stdout(l)), stderr: lines((l) => out.stderr(l)), env: process.env };
}

/**
 * `tacit simulate [flags]`: the simulator's command (`runSimulateCommand` of `@tacit/simulator`),
 * which parses its own flags, so that they are documented and tested in one place.
 */
export function addSimulateCommand(cli: Command, out: Output, setCode: (code: number) => void): void {
  cli
    .command('simulate')
    .description(
      'simulate users of an AI product: events.jsonl + truth.jsonl, or send to a server (--help for flags)',
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[flags...]', 'the simulator flags: --seed, --sessions, --events, --out, --endpoint … (--help)')
    .action(async (flags: string[]) => {
      setCode(await runSimulateCommand(flags, commandIO(out)));
    });
}
