import type { Migration, MigrationProvider } from 'kysely/migration';
import { initial } from './0001-initial.ts';
import { labels } from './0002-labels.ts';
import { anchors } from './0003-anchors.ts';
import { monitor } from './0004-monitor.ts';

/** Every migration, in order. Names sort lexically; never rename or edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-labels': labels,
  '0003-anchors': anchors,
  '0004-monitor': monitor,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
