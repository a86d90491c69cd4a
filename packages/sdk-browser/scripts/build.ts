import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface BrowserBundle {
  /** `dist/tacit.mjs`: the ES module. */
  esm: string;
  /** `dist/tacit.js`: the script-tag build, defining the global `Tacit`. */
  iife: string;
  /** Size of the script-tag build, minified and gzipped (level 9), in bytes. */
  gzipBytes: number;
}

const common: BuildOptions = {
  bundle: true,
  minify: true,
  write: false,
  target: 'es2022',
  platform: 'browser',
  legalComments: 'none',
  absWorkingDir: root,
  // Internal members only (never option names or public API): shortening them is worth ~100 B gzip.
  mangleProps:
    /^(emit|allowed|editProps|gen|orig|masked|shown|timer|edited|resume|pause|measure|json|bytes|at|delivery|exit|current|reset|enqueue|pending|accepted|stop|save|el)$/,
};

async function bundle(entry: string, format: 'esm' | 'iife'): Promise<string> {
  const out = await build({
    ...common,
    entryPoints: [entry],
    format,
  });
  return out.outputFiles?.[0]?.text ?? '';
}

/**
 * Builds both bundles in memory (esbuild, minified); with `outDir`, also writes them there.
 * Tests, the demo page and the size benchmark call it, so no prior build step is needed.
 */
export async function buildBrowserSdk(outDir?: string): Promise<BrowserBundle> {
  const [esm, iife] = await Promise.all([bundle('src/index.ts', 'esm'), bundle('src/iife.ts', 'iife')]);
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(`${outDir}/tacit.mjs`, esm);
    writeFileSync(`${outDir}/tacit.js`, iife);
  }
  return { esm, iife, gzipBytes: gzipSync(iife, { level: 9 }).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const b = await buildBrowserSdk(`${root}dist`);
  process.stdout.write(`dist/tacit.js: ${b.iife.length} B min, ${b.gzipBytes} B min+gzip\n`);
}
