#!/usr/bin/env node
// The tacit command. Tacit runs from its TypeScript sources through tsx: no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
