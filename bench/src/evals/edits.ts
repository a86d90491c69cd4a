import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinContext, isBuiltinContextName } from '@tacit/core/context';
import { analyzeEdit, editTokens, gradeEdit, type EditGrade } from '@tacit/core/signals';
import { diffArrays } from 'diff';
import type { Task } from '../runner.ts';
import { requireSharedData } from '../shared-data.ts';

interface LampRecord {
  preedit: string;
  postedit: string;
  type?: string;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const x = (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
  return Number(x.toFixed(4));
}

/**
 * Edit grading on real edits: LAMP, professional writers editing LLM drafts (preedit = the model's
 * text, postedit = the writer's final). Prints the grade distribution and edit-ratio quantiles
 * under a built-in context's thresholds (`--context writing` by default).
 */
export const task: Task = {
  describe:
    'edit grades on LAMP writers\u2019 edits of LLM text: grade distribution and edit-ratio quantiles',
  run(args, io) {
    const i = args.indexOf('--context');
    const name = i >= 0 ? (args[i + 1] ?? '') : 'writing';
    if (!isBuiltinContextName(name))
      throw new Error(`--context: expected chat, code, writing or support, got ${name}`);
    const context = builtinContext(name);
    const t = context.edits.default;
    const dir = requireSharedData('lamp-edits');
    const records = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as LampRecord[]);
    const grades: Record<EditGrade, number> = { none: 0, minor: 0, major: 0, replaced: 0 };
    const scopes: Record<string, number> = {};
    const methods: Record<string, number> = {};
    const ratios: number[] = [];
    const ratiosInOrder: number[] = [];
    const kept: number[] = [];
    const start = performance.now();
    for (const r of records) {
      const a = analyzeEdit(r.preedit, r.postedit, {
        maxTokens: context.edits.maxDiffTokens,
        overwriteKeptBelow: t.overwriteKeptBelow,
        stopAboveRatio: t.major,
      });
      grades[gradeEdit(a, t)]++;
      scopes[a.scope] = (scopes[a.scope] ?? 0) + 1;
      methods[a.method] = (methods[a.method] ?? 0) + 1;
      ratios.push(a.ratio);
      ratiosInOrder.push(a.ratio);
      kept.push(a.keptOfOutput);
    }
    const ms = performance.now() - start;
    // The analyser bounds its diff for speed; how far is it from one full, unbounded diff?
    let gap = 0;
    records.forEach((r, k) => {
      let kept = 0;
      let changed = 0;
      for (const p of diffArrays(editTokens(r.preedit), editTokens(r.postedit))) {
        if (p.added || p.removed) changed += p.count;
        else kept += p.count;
      }
      gap += Math.abs((ratiosInOrder[k] as number) - changed / Math.max(1, kept + changed));
    });
    ratios.sort((x, y) => x - y);
    kept.sort((x, y) => x - y);
    io.log(
      `${records.length} LAMP edits graded under '${name}' thresholds ${JSON.stringify(t)} in ${ms.toFixed(0)} ms`,
    );
    return Promise.resolve({
      records: records.length,
      context: name,
      grades,
      ratio: {
        p10: quantile(ratios, 0.1),
        p25: quantile(ratios, 0.25),
        p50: quantile(ratios, 0.5),
        p75: quantile(ratios, 0.75),
        p90: quantile(ratios, 0.9),
      },
      kept_of_output_p50: quantile(kept, 0.5),
      scopes,
      methods,
      ratio_mae_vs_full_diff: Number((gap / Math.max(1, records.length)).toFixed(4)),
    });
  },
};
