import { parseArgs } from 'node:util';
import { startDemo } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'tacit-endpoint': { type: 'string' },
    'public-key': { type: 'string' },
    'secret-key': { type: 'string' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  process.stdout
    .write(`usage: npm start -w examples/demo-chat -- [--port 5173] [--tacit-endpoint URL] [--public-key pk_…] [--secret-key sk_…]
environment: PORT, TACIT_ENDPOINT, TACIT_PUBLIC_KEY, TACIT_SECRET_KEY
`);
} else {
  const env = process.env;
  const demo = await startDemo({
    port: Number(values.port ?? env.PORT ?? 5173),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    tacitEndpoint: values['tacit-endpoint'] ?? env.TACIT_ENDPOINT ?? 'http://127.0.0.1:7070',
    publicKey: values['public-key'] ?? env.TACIT_PUBLIC_KEY ?? 'pk_demo',
    secretKey: values['secret-key'] ?? env.TACIT_SECRET_KEY ?? 'sk_demo',
  });
  process.stdout.write(`demo chat: ${demo.url}\n`);
  const stop = (): void => void demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
