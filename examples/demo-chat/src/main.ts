import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemo } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'tacit-endpoint': { type: 'string' },
    'tacit-data-dir': { type: 'string' },
    'public-key': { type: 'string' },
    'secret-key': { type: 'string' },
    help: { type: 'boolean' },
  },
});

/**
 * The keys `tacit start` made for its default project: it keeps them in `keys.json` of its data
 * directory (the repository's `.tacit` for `npm start` at the root), readable by this user only.
 */
function startKeys(dataDir: string): { publicKey?: string; secretKey?: string } {
  const file = join(dataDir, 'keys.json');
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { publicKey?: string; secretKey?: string };
  } catch {
    return {};
  }
}

if (values.help) {
  process.stdout.write(`usage: npm start -w examples/demo-chat -- [--port 5173] [--tacit-endpoint URL]
       [--tacit-data-dir DIR | --public-key pk_… --secret-key sk_…]
Keys default to those tacit start keeps in DIR/keys.json (DIR: the repository's .tacit).
environment: PORT, TACIT_ENDPOINT, TACIT_DATA_DIR, TACIT_PUBLIC_KEY, TACIT_SECRET_KEY
`);
} else {
  const env = process.env;
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const keys = startKeys(resolve(root, values['tacit-data-dir'] ?? env.TACIT_DATA_DIR ?? '.tacit'));
  const publicKey = values['public-key'] ?? env.TACIT_PUBLIC_KEY ?? keys.publicKey;
  const secretKey = values['secret-key'] ?? env.TACIT_SECRET_KEY ?? keys.secretKey;
  if (!publicKey || !secretKey) {
    process.stderr.write(
      'demo chat: no keys. Start Tacit first (npm start at the repository root), or pass --public-key and --secret-key.\n',
    );
    process.exit(1);
  }
  const demo = await startDemo({
    port: Number(values.port ?? env.PORT ?? 5173),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    tacitEndpoint: values['tacit-endpoint'] ?? env.TACIT_ENDPOINT ?? 'http://127.0.0.1:7400',
    publicKey,
    secretKey,
  });
  process.stdout.write(`demo chat: ${demo.url}\n`);
  const stop = (): void => void demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
