/** Where commands write: injected so that tests read what a user would see. */
export interface Output {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Whether stderr is a terminal (progress bars only then). */
  interactive: boolean;
}

export const processOutput: Output = {
  stdout: (l) => process.stdout.write(`${l}\n`),
  stderr: (l) => process.stderr.write(`${l}\n`),
  interactive: process.stderr.isTTY === true,
};
