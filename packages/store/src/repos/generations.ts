import type { ChatMessage } from '@tacit/core';
import type { Kysely } from 'kysely';
import type { Database, GenerationRow } from '../schema.ts';

export interface Generation {
  id: string;
  sessionId: string;
  eventId: string;
  ts: string;
  model: string;
  modelVersion: string | null;
  promptVersion: string | null;
  parentId: string | null;
  messageId: string | null;
  contentType: string | null;
  prompt: string | ChatMessage[];
  output: string;
  latencyMs: number | null;
  usage: Record<string, unknown> | null;
}

export function toGeneration(row: GenerationRow): Generation {
  return {
    id: row.id,
    sessionId: row.session_id,
    eventId: row.event_id,
    ts: row.ts.toISOString(),
    model: row.model,
    modelVersion: row.model_version,
    promptVersion: row.prompt_version,
    parentId: row.parent_id,
    messageId: row.message_id,
    contentType: row.content_type,
    prompt: row.prompt as string | ChatMessage[],
    output: row.output,
    latencyMs: row.latency_ms,
    usage: row.usage,
  };
}

export class GenerationRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async get(projectId: string, id: string): Promise<Generation | undefined> {
    const row = await this.db
      .selectFrom('generations')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toGeneration(row);
  }

  async forSession(projectId: string, sessionId: string): Promise<Generation[]> {
    const rows = await this.db
      .selectFrom('generations')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('session_id', '=', sessionId)
      .orderBy('ts')
      .orderBy('id')
      .execute();
    return rows.map(toGeneration);
  }
}
