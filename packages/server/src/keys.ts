import type { Store } from '@tacit/store';

export const DEFAULT_PROJECT_ID = 'default';

export interface CreatedKeys {
  projectId: string;
  publicKey: string;
  secretKey: string;
}

/**
 * A public and a secret key for a project: the default project, an existing one (`projectId`),
 * or a new one (`projectName` without `projectId`).
 */
export async function createKeys(
  store: Store,
  opts: { projectId?: string; projectName?: string; name?: string } = {},
): Promise<CreatedKeys> {
  const project =
    opts.projectId !== undefined
      ? await store.projects.ensure(opts.projectId, opts.projectName ?? opts.projectId)
      : opts.projectName !== undefined
        ? await store.projects.create(opts.projectName)
        : await store.projects.ensure(DEFAULT_PROJECT_ID, 'Default project');
  const pk = await store.keys.create(project.id, 'public', opts.name);
  const sk = await store.keys.create(project.id, 'secret', opts.name);
  return { projectId: project.id, publicKey: pk.key, secretKey: sk.key };
}
