import { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Connection } from './connection/connection.ts';
import { pgliteConnection } from './connection/pglite.ts';
import { postgresConnection } from './connection/postgres.ts';
import { migrationProvider } from './migrations/index.ts';
import { AnchorRepo } from './repos/anchors.ts';
import { ContextRepo } from './repos/contexts.ts';
import { EventRepo } from './repos/events.ts';
import { GenerationRepo } from './repos/generations.ts';
import { KeyRepo } from './repos/keys.ts';
import { LabelRepo } from './repos/labels.ts';
import { MonitorRepo } from './repos/monitor.ts';
import { AlertRepo } from './repos/alerts.ts';
import { ProjectRepo } from './repos/projects.ts';
import { SessionRepo } from './repos/sessions.ts';
import type { Database } from './schema.ts';

export interface StoreOptions {
  /** A PostgreSQL URL. When set, the server is used; otherwise the embedded database. */
  databaseUrl?: string;
  /** The embedded database's data directory; without it, an in-memory database. */
  dataDir?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * Settings of the embedded database (`-c name=value` at start), e.g. `{ shared_buffers: '16MB' }`
   * for a read-mostly process such as an export, whose memory the default 128MB buffer pool
   * would dominate. Ignored on PostgreSQL.
   */
  pgSettings?: Readonly<Record<string, string | number>>;
}

/**
 * The store: one schema and migration set, two backends. Only the connection differs.
 *
 * @example
 * const store = await openStore({ dataDir: './.tacit' });   // or { databaseUrl: process.env.DATABASE_URL }
 * const project = await store.projects.ensure('default', 'Default project');
 * await store.events.insertBatch(project.id, events);
 * await store.close();
 */
export class Store {
  readonly projects: ProjectRepo;
  readonly keys: KeyRepo;
  readonly events: EventRepo;
  readonly sessions: SessionRepo;
  readonly generations: GenerationRepo;
  readonly labels: LabelRepo;
  readonly contexts: ContextRepo;
  readonly anchors: AnchorRepo;
  readonly monitor: MonitorRepo;
  readonly alerts: AlertRepo;

  private constructor(
    readonly db: Kysely<Database>,
    private readonly connection: Connection,
  ) {
    this.projects = new ProjectRepo(db);
    this.keys = new KeyRepo(db);
    this.events = new EventRepo(db);
    this.sessions = new SessionRepo(db);
    this.generations = new GenerationRepo(db);
    this.labels = new LabelRepo(db);
    this.contexts = new ContextRepo(db);
    this.anchors = new AnchorRepo(db);
    this.monitor = new MonitorRepo(db);
    this.alerts = new AlertRepo(db);
  }

  get backend(): Connection['backend'] {
    return this.connection.backend;
  }

  /** Opens the backend the options name and brings its schema up to date. */
  static async open(options: StoreOptions = {}): Promise<Store> {
    const connection = options.databaseUrl
      ? postgresConnection(options.databaseUrl, options.poolSize)
      : await pgliteConnection(options.dataDir, options.pgSettings);
    const db = new Kysely<Database>({ dialect: connection.dialect });
    const store = new Store(db, connection);
    try {
      await store.migrate();
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  async migrate(): Promise<void> {
    const { error } = await new Migrator({ db: this.db, provider: migrationProvider }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.connection.close();
  }
}

export const openStore = (options?: StoreOptions): Promise<Store> => Store.open(options);
