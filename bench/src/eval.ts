import { main } from './runner.ts';

await main('evals', process.argv.slice(2));
