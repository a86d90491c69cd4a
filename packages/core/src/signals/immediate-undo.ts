import { replayEdits } from './edit-replay.ts';
import { defined, emit, type Detector } from './emit.ts';

/**
 * `immediate_undo`: an accept (insert, apply) taken back by an undo within `withinSeconds`. An undo
 * that reverts an edit is not one (see `replayEdits`), nor is a late undo.
 */
export const detectImmediateUndo: Detector = (view) => {
  const within = view.context.signals.immediate_undo.withinSeconds * 1000;
  return defined(
    view.ordered.flatMap((g) =>
      replayEdits(g).accepts.map(({ accept, undoneBy }) =>
        undoneBy !== undefined && undoneBy.at - accept.at <= within
          ? emit(view, 'immediate_undo', {
              generationId: g.id,
              evidence: [accept, undoneBy],
              details: { afterMs: undoneBy.at - accept.at },
            })
          : undefined,
      ),
    ),
  );
};
