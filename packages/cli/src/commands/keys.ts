import { openAdmin } from '../admin.ts';
import type { ResolvedTarget } from '../target.ts';
import type { Output } from '../output.ts';

export async function keysCreate(
  t: ResolvedTarget,
  opts: { project?: string; newProject?: string; name?: string; json?: boolean },
  out: Output,
): Promise<number> {
  const admin = await openAdmin(t);
  try {
    const keys = await admin.createKeys({
      ...(opts.project !== undefined ? { projectId: opts.project } : {}),
      ...(opts.newProject !== undefined ? { projectName: opts.newProject } : {}),
      ...(opts.name !== undefined ? { name: opts.name } : {}),
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
  } finally {
    await admin.close();
  }
}

export async function keysList(
  t: ResolvedTarget,
  opts: { project?: string; json?: boolean },
  out: Output,
): Promise<number> {
  const admin = await openAdmin(t);
  try {
    const keys = (await admin.listKeys()).filter(
      (k) => opts.project === undefined || k.projectId === opts.project,
    );
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
  } finally {
    await admin.close();
  }
}

export async function keysRevoke(t: ResolvedTarget, key: string, out: Output): Promise<number> {
  const admin = await openAdmin(t);
  try {
    if (await admin.revokeKey(key)) {
      out.stdout(`revoked ${key.length > 14 ? `${key.slice(0, 10)}…` : key}`);
      return 0;
    }
    out.stderr(`no active key ${JSON.stringify(key)} (give the key itself or its id from 'tacit keys list')`);
    return 1;
  } finally {
    await admin.close();
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
