import type { CreatedKeys } from '@tacit/server';
import type { KeyInfo } from '@tacit/store';
import { call, withApi } from '../api.ts';
import { table } from '../table.ts';
import type { ResolvedTarget } from '../target.ts';
import type { Output } from '../output.ts';

export async function keysCreate(
  t: ResolvedTarget,
  opts: { project?: string; newProject?: string; name?: string; json?: boolean },
  out: Output,
): Promise<number> {
  return withApi(t, async (api) => {
    const keys = await call<CreatedKeys>(api, 'POST', '/v1/admin/keys', {
      body: {
        ...(opts.project !== undefined ? { projectId: opts.project } : {}),
        ...(opts.newProject !== undefined ? { projectName: opts.newProject } : {}),
        ...(opts.name !== undefined ? { name: opts.name } : {}),
      },
    });
    if (opts.json) out.stdout(JSON.stringify(keys));
    else
      out.stdout(
        [
          `project      ${keys.projectId}`,
          `public key   ${keys.publicKey}`,
          `secret key   ${keys.secretKey}`,
          '',
          'The secret key is shown once: store it now.',
        ].join('\n'),
      );
    return 0;
  });
}

export async function keysList(
  t: ResolvedTarget,
  opts: { project?: string; json?: boolean },
  out: Output,
): Promise<number> {
  return withApi(t, async (api) => {
    const { keys: all } = await call<{ keys: KeyInfo[] }>(api, 'GET', '/v1/admin/keys');
    const keys = all.filter((k) => opts.project === undefined || k.projectId === opts.project);
    if (opts.json) {
      out.stdout(JSON.stringify(keys));
      return 0;
    }
    const rows = keys.map((k) => [
      k.projectId,
      k.id,
      k.kind,
      k.prefix,
      k.name ?? '',
      k.revokedAt ? `revoked ${k.revokedAt}` : 'active',
    ]);
    out.stdout(table([['project', 'id', 'kind', 'key', 'name', 'status'], ...rows]));
    return 0;
  });
}

export async function keysRevoke(t: ResolvedTarget, key: string, out: Output): Promise<number> {
  return withApi(t, async (api) => {
    if ((await call<{ revoked: boolean }>(api, 'POST', '/v1/admin/keys/revoke', { body: { key } })).revoked) {
      out.stdout(`revoked ${key.length > 14 ? `${key.slice(0, 10)}…` : key}`);
      return 0;
    }
    out.stderr(`no active key ${JSON.stringify(key)} (give the key itself or its id from 'tacit keys list')`);
    return 1;
  });
}
