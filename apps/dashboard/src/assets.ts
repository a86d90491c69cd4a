import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { once } from './ui/once.ts';

/** One file of the dashboard, ready to send. */
export interface DashboardAsset {
  body: string;
  contentType: string;
  /** A strong ETag of the body. */
  etag: string;
}

/** The page and the files it loads (`app.js`, `app.css`), by name under `/ui/`. */
export interface DashboardAssets {
  page: DashboardAsset;
  files: ReadonlyMap<string, DashboardAsset>;
}

const uiDir = fileURLToPath(new URL('./ui/', import.meta.url));

/**
 * What the page may load: its own script, style and API, nothing inline. Everything the dashboard
 * shows is user or model text; even if some of it reached the DOM as HTML, it could not run.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Relative URLs, so that the dashboard also works behind a proxy under a path prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Tacit</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='4' fill='%233b5bdb'/%3E%3Cpath d='M4 5h8M8 5v7' stroke='white' stroke-width='2'/%3E%3C/svg%3E">
<link rel="stylesheet" href="ui/app.css">
<script type="module" src="ui/app.js"></script>
</head>
<body><noscript>The Tacit dashboard needs JavaScript.</noscript></body>
</html>
`;

const asset = (body: string, contentType: string): DashboardAsset => ({
  body,
  contentType,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
});

async function bundle(): Promise<DashboardAssets> {
  const out = await build({
    entryPoints: { app: `${uiDir}main.ts`, 'app-style': `${uiDir}styles.css` },
    bundle: true,
    minify: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const text = (name: string) => out.outputFiles.find((f) => f.path.endsWith(`/out/${name}`))?.text ?? '';
  return {
    page: asset(PAGE, 'text/html; charset=utf-8'),
    files: new Map([
      ['app.js', asset(text('app.js'), 'text/javascript; charset=utf-8')],
      ['app.css', asset(text('app-style.css'), 'text/css; charset=utf-8')],
    ]),
  };
}

/**
 * The dashboard, bundled from its TypeScript sources by esbuild in memory on first use (20–30 ms
 * here) and kept: no build step, and a server that nobody opens in a browser never pays for it.
 *
 * @example
 * const { page, files } = await dashboardAssets();
 * files.get('app.js')?.body; // the minified script
 */
export const dashboardAssets: () => Promise<DashboardAssets> = once(bundle);
