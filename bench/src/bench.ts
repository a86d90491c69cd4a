import { main } from './runner.ts';

await main('benches', process.argv.slice(2));
