import type { TimedEvent } from '../sessionize/index.ts';
import type { GenerationView } from './view.ts';

/** An accept, and the undo that took it back, if any. */
export interface AcceptRecord {
  accept: TimedEvent;
  undoneBy?: TimedEvent;
}

/** What the user's accepts, edits and undos on one generation add up to. */
export interface EditReplay {
  accepts: AcceptRecord[];
  /** The accept events not taken back by an undo, in order. */
  standing: TimedEvent[];
  /** Every edit event, including those undone. */
  edits: TimedEvent[];
  /** The edit whose snapshot is in effect at the end (the last edit not undone). */
  finalEdit?: TimedEvent;
}

const cache = new WeakMap<GenerationView, EditReplay>();

/**
 * Replays a generation's accept, edit and undo events as a stack of operations: an undo takes back
 * the latest operation still in effect. So "accept, edit, undo" reverts the edit (the accepted
 * output stands, and the undo is not an immediate undo of the accept), while "accept, undo" takes
 * back the accept. Each edit carries the full text (or stats) after it, so the last edit still in
 * effect is the user's final text.
 */
export function replayEdits(g: GenerationView): EditReplay {
  const cached = cache.get(g);
  if (cached) return cached;
  const accepts: AcceptRecord[] = [];
  const edits: TimedEvent[] = [];
  const stack: ({ kind: 'accept'; record: AcceptRecord } | { kind: 'edit'; event: TimedEvent })[] = [];
  for (const t of g.actions) {
    switch (t.event.type) {
      case 'accept': {
        const record: AcceptRecord = { accept: t };
        accepts.push(record);
        stack.push({ kind: 'accept', record });
        break;
      }
      case 'edit':
        edits.push(t);
        stack.push({ kind: 'edit', event: t });
        break;
      case 'undo': {
        const op = stack.pop();
        if (op?.kind === 'accept') op.record.undoneBy = t;
        break;
      }
      default:
        break;
    }
  }
  let finalEdit: TimedEvent | undefined;
  for (let i = stack.length - 1; i >= 0 && finalEdit === undefined; i--) {
    const op = stack[i];
    if (op?.kind === 'edit') finalEdit = op.event;
  }
  const standing = accepts.filter((a) => a.undoneBy === undefined).map((a) => a.accept);
  const replay: EditReplay = finalEdit
    ? { accepts, standing, edits, finalEdit }
    : { accepts, standing, edits };
  cache.set(g, replay);
  return replay;
}
