export { main, program } from './main.ts';
export { startTacit, banner, type StartOptions, type Running } from './commands/start.ts';
export { resolveTarget, type TargetOptions, type ResolvedTarget } from './target.ts';
export type { Output } from './output.ts';
