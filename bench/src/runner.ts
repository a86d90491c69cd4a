import { existsSync, readdirSync } from 'node:fs';
import { arch, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * One benchmark or evaluation: `npm run bench -- NAME [args]` / `npm run eval -- NAME [args]`
 * import `./benches/NAME.ts` / `./evals/NAME.ts` and call its `run`. With `--json`, the last line
 * printed is the JSON object `run` returns; without it, a human-readable summary.
 */
export interface Task {
  /** One line that `--help` shows. */
  describe: string;
  run(args: string[], io: TaskIO): Promise<Record<string, unknown>>;
}

export interface TaskIO {
  /** Progress and commentary: stderr, so that stdout's last line stays the JSON result. */
  log(message: string): void;
  json: boolean;
}

/** The machine a figure was measured on, printed beside every benchmark. */
export function machine(): string {
  const cpu = cpus();
  return `${cpu.length}× ${cpu[0]?.model.trim() ?? 'unknown cpu'} (${arch()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export async function main(kind: 'benches' | 'evals', argv: string[]): Promise<void> {
  const dir = fileURLToPath(new URL(`./${kind}/`, import.meta.url));
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => f.slice(0, -3))
        .sort()
    : [];
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || !names.includes(name)) {
    const tasks = await Promise.all(
      names.map(async (n) => [n, ((await import(`${dir}${n}.ts`)) as { task: Task }).task] as const),
    );
    const usage = tasks.map(([n, t]) => `  ${n.padEnd(14)} ${t.describe}`).join('\n');
    const cmd = kind === 'benches' ? 'bench' : 'eval';
    process.stderr.write(`usage: npm run ${cmd} -- NAME [--json] [options]\n\n${usage}\n`);
    process.exitCode = name === undefined || name === '--help' ? 0 : 2;
    return;
  }
  const { task } = (await import(`${dir}${name}.ts`)) as { task: Task };
  const json = rest.includes('--json');
  const io: TaskIO = { json, log: (m) => process.stderr.write(`${m}\n`) };
  if (kind === 'benches') io.log(`machine: ${machine()}`);
  const result = await task.run(
    rest.filter((a) => a !== '--json'),
    io,
  );
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
