import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A pair of user messages and whether they ask the same thing (1) or not (0). */
export interface LabeledPair {
  label: 0 | 1;
  a: string;
  b: string;
  /** Where it comes from, e.g. `2019`, `2020`, or the user's file. */
  split: string;
}

interface CastTurn {
  number: number;
  raw_utterance: string;
  manual_rewritten_utterance?: string;
}
interface CastTopic {
  number: number;
  turn: CastTurn[];
}

function readTopics(file: string): CastTopic[] {
  return JSON.parse(readFileSync(file, 'utf8')) as CastTopic[];
}

/** Positives: a raw turn vs its rewrite where they differ. Negatives: consecutive raw turns of a topic. */
function pairsOf(
  topics: CastTopic[],
  rewriteOf: (t: CastTopic, u: CastTurn) => string | undefined,
  split: string,
  negatives: 'raw' | 'rewritten',
): LabeledPair[] {
  const out: LabeledPair[] = [];
  for (const topic of topics) {
    for (const turn of topic.turn) {
      const rewrite = rewriteOf(topic, turn);
      if (rewrite !== undefined && rewrite.trim() !== turn.raw_utterance.trim()) {
        out.push({ label: 1, a: turn.raw_utterance, b: rewrite, split });
      }
    }
    const text = (u: CastTurn) =>
      negatives === 'raw' ? u.raw_utterance : (rewriteOf(topic, u) ?? u.raw_utterance);
    for (let i = 1; i < topic.turn.length; i++) {
      out.push({
        label: 0,
        a: text(topic.turn[i - 1] as CastTurn),
        b: text(topic.turn[i] as CastTurn),
        split,
      });
    }
  }
  return out;
}

/**
 * The TREC CAsT rephrase pairs: 2019 (raw turns vs the resolved TSV) and 2020 (raw turns vs the
 * manual rewrites). Negatives are consecutive raw turns (what users type); with `rewritten`,
 * consecutive rewritten turns, a harder set where both questions name the topic in full.
 */
export function loadCastPairs(dir: string, negatives: 'raw' | 'rewritten' = 'raw'): LabeledPair[] {
  const resolved = new Map<string, string>();
  for (const line of readFileSync(
    join(dir, '2019_evaluation_topics_annotated_resolved_v1.0.tsv'),
    'utf8',
  ).split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) resolved.set(line.slice(0, tab), line.slice(tab + 1));
  }
  const y2019 = pairsOf(
    readTopics(join(dir, '2019_evaluation_topics_v1.0.json')),
    (t, u) => resolved.get(`${t.number}_${u.number}`),
    '2019',
    negatives,
  );
  const y2020 = pairsOf(
    readTopics(join(dir, '2020_manual_evaluation_topics_v1.0.json')),
    (_t, u) => u.manual_rewritten_utterance,
    '2020',
    negatives,
  );
  return [...y2019, ...y2020];
}

/**
 * A user's pairs: one per line, `label<TAB>text1<TAB>text2`, label 1 = same intent. A first line
 * whose label is not 0 or 1 is taken as a header. Bad lines are errors naming the line.
 */
export function parsePairsTsv(text: string, split = 'file'): LabeledPair[] {
  const out: LabeledPair[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const [label, a, b] = line.split('\t');
    if (label !== '0' && label !== '1') {
      if (i === 0) return;
      throw new Error(`line ${i + 1}: label must be 0 or 1, got ${JSON.stringify(label)}`);
    }
    if (a === undefined || b === undefined)
      throw new Error(`line ${i + 1}: expected label<TAB>text1<TAB>text2`);
    out.push({ label: label === '1' ? 1 : 0, a, b, split });
  });
  return out;
}
