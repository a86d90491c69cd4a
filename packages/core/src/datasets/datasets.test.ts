import { describe, expect, it } from 'vitest';
import { builtinContext } from '../context/defaults.ts';
import { Script } from '../testing/script.ts';
import { openAiPreferenceRowSchema, trlDpoRowSchema, trlKtoRowSchema } from './consumer-schemas.ts';
import { evalExamples } from './examples.ts';
import { preferencePairs } from './pairs.ts';
import { dpoRow, ktoRowsOfExample, openAiPreferenceRow } from './rows.ts';
import type { LabeledSession } from './types.ts';

const chat = builtinContext('chat');
const labeled = (s: Script, now = 7200): LabeledSession => ({
  events: s.events,
  labels: s.label(chat, { now }),
});

const OUTPUT =
  'Dear Mr Smith, I am writing to let you know that the heater in my flat has been broken since Monday. Please send someone to repair it.';
const EDITED =
  'Hello Mr Smith, the heater in flat 4 stopped working on Monday and the flat is cold. Could a repair person come by this week? Thank you.';

describe('preference pairs', () => {
  it('from an edit: the output is rejected, the user’s final text chosen, with the generation’s prompt', () => {
    const s = new Script()
      .message('Write to my landlord about the broken heater')
      .generation('g1', OUTPUT, { prompt: 'Write to my landlord about the broken heater' })
      .at(20)
      .edit('g1', EDITED)
      .at(40)
      .end();
    const pairs = preferencePairs(labeled(s), chat);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({
      source: 'edit',
      prompt: 'Write to my landlord about the broken heater',
      chosen: EDITED,
      rejected: OUTPUT,
      provenance: { sessionId: 's1', rejectedGenerationId: 'g1', editEventId: 'e3' },
    });
    expect(pairs[0]!.confidence).toBeGreaterThan(0.8);
    expect(pairs[0]!.provenance.signals.map((x) => x.kind)).toContain('edit_replaced');
  });

  it('makes no pair from a whitespace-only or trivial edit (edit_none under the context)', () => {
    const long = [OUTPUT, OUTPUT, OUTPUT, OUTPUT].join(' ');
    for (const text of [long.replace(/ /g, '  '), long.replace('Monday.', 'Monday')]) {
      const s = new Script().message('m').generation('g1', long).at(20).edit('g1', text).at(40).end();
      expect(preferencePairs(labeled(s), chat)).toEqual([]);
    }
  });

  it('from a regeneration the user kept: discarded rejected, kept chosen; none when they abandoned', () => {
    const kept = new Script()
      .message('regex for an email address')
      .generation('g1', 'Use /.+/ to match it.')
      .at(5)
      .regenerate('g1', 'g2')
      .generation('g2', 'Use ^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$ to match an email address.', { parentId: 'g1' })
      .at(10)
      .copy('g2')
      .at(20)
      .end();
    const pairs = preferencePairs(labeled(kept), chat);
    expect(
      pairs.map((p) => [p.source, p.provenance.rejectedGenerationId, p.provenance.chosenGenerationId]),
    ).toEqual([['regenerate', 'g1', 'g2']]);
    const abandoned = new Script()
      .message('regex for an email address')
      .generation('g1', 'Use /.+/ to match it.')
      .at(5)
      .regenerate('g1', 'g2')
      .generation('g2', 'Use /@/ to match it.', { parentId: 'g1' })
      .at(10)
      .end();
    expect(preferencePairs(labeled(abandoned), chat)).toEqual([]);
  });

  it('from a rephrased retry: the failed answer rejected, the accepted answer to the final phrasing chosen', () => {
    const s = new Script()
      .message('how do I export my contacts to csv')
      .generation('g1', 'Go to Settings.', { prompt: 'how do I export my contacts to csv' })
      .at(30)
      .message('How can I export all my contacts as a CSV file?')
      .generation('g2', 'Open Contacts, choose Export, then CSV.', {
        prompt: 'How can I export all my contacts as a CSV file?',
      })
      .at(40)
      .copy('g2')
      .at(60)
      .end();
    const [pair] = preferencePairs(labeled(s), chat, { sources: ['rephrase'] });
    expect(pair).toMatchObject({
      source: 'rephrase',
      prompt: 'How can I export all my contacts as a CSV file?',
      chosen: 'Open Contacts, choose Export, then CSV.',
      rejected: 'Go to Settings.',
      provenance: { promptPolicy: 'final_phrasing', chosenGenerationId: 'g2' },
    });
    const [original] = preferencePairs(labeled(s), chat, { sources: ['rephrase'], promptPolicy: 'original' });
    expect(original?.prompt).toBe('how do I export my contacts to csv');
  });

  it('no rephrase pair when the final phrasing was not accepted either', () => {
    const s = new Script()
      .message('how do I export my contacts to csv')
      .generation('g1', 'Go to Settings.')
      .at(30)
      .message('How can I export all my contacts as a CSV file?')
      .generation('g2', 'Try the help page.')
      .at(40)
      .end();
    expect(preferencePairs(labeled(s), chat, { sources: ['rephrase'] })).toEqual([]);
  });

  it('exports conversational rows when the prompt is chat messages, valid for TRL and OpenAI', () => {
    const prompt = [
      { role: 'system' as const, content: 'You are helpful.' },
      { role: 'user' as const, content: 'Write to my landlord' },
    ];
    const s = new Script()
      .message('Write to my landlord')
      .generation('g1', OUTPUT, { prompt })
      .at(20)
      .edit('g1', EDITED)
      .at(40)
      .end();
    const [pair] = preferencePairs(labeled(s), chat);
    const row = dpoRow(pair!, 0.5);
    expect(trlDpoRowSchema.parse(row)).toMatchObject({
      prompt,
      chosen: [{ role: 'assistant', content: EDITED }],
      rejected: [{ role: 'assistant', content: OUTPUT }],
    });
    expect(openAiPreferenceRowSchema.parse(openAiPreferenceRow(pair!))).toEqual({
      input: { messages: prompt },
      preferred_output: [{ role: 'assistant', content: EDITED }],
      non_preferred_output: [{ role: 'assistant', content: OUTPUT }],
    });
  });
});

describe('eval examples', () => {
  const retried = () =>
    new Script()
      .message('how do I export my contacts to csv')
      .generation('g1', 'Go to Settings.', { prompt: 'how do I export my contacts to csv' })
      .at(30)
      .message('How can I export all my contacts as a CSV file?')
      .generation('g2', 'Open Contacts, choose Export, then CSV.', {
        prompt: 'How can I export all my contacts as a CSV file?',
        modelVersion: 'v2',
      })
      .at(40)
      .copy('g2')
      .at(60)
      .end();

  it('uses the user’s final successful phrasing as the prompt, with labels, slices and provenance', () => {
    const [bad, good] = evalExamples(labeled(retried()), chat);
    expect(bad).toMatchObject({
      id: 'ex:g1',
      prompt: 'How can I export all my contacts as a CSV file?',
      originalPrompt: 'how do I export my contacts to csv',
      promptPolicy: 'final_phrasing',
      response: 'Go to Settings.',
      reference: 'Open Contacts, choose Export, then CSV.',
      label: { good: false },
      features: { reformulations: 1 },
      provenance: { sessionId: 's1', generationId: 'g1', finalMessageId: 'e3' },
    });
    expect(bad!.slices).toEqual(
      expect.arrayContaining(['label=bad', 'signal=rephrase_retry', 'reformulations=1']),
    );
    expect(bad!.provenance.signals[0]).toMatchObject({ kind: 'rephrase_retry', evidence: ['e1', 'e3'] });
    expect(good).toMatchObject({
      label: { good: true, grade: 'accepted' },
      slices: expect.arrayContaining(['modelVersion=v2']),
    });
    expect(trlKtoRowSchema.parse(ktoRowsOfExample(bad!, 1)[0])).toMatchObject({
      prompt: 'how do I export my contacts to csv',
      completion: 'Go to Settings.',
      label: false,
    });
  });

  it('counts every reformulation on a task', () => {
    const s = new Script()
      .message('how do I export my contacts to csv')
      .generation('g1', 'Go to Settings.')
      .at(30)
      .message('How can I export all my contacts as a CSV file?')
      .generation('g2', 'Try the help page.')
      .at(60)
      .message('export contacts csv file how')
      .generation('g3', 'I do not know.')
      .at(90)
      .message('Please: how do I export all of my contacts to a CSV file?')
      .generation('g4', 'Open Contacts, choose Export, then CSV.')
      .at(100)
      .copy('g4')
      .at(120)
      .end();
    const examples = evalExamples(labeled(s), chat);
    expect(examples.map((e) => e.features.reformulations)).toEqual([3, 3, 3, 3]);
    expect(examples[0]!.prompt).toBe(examples[3]!.prompt);
    expect(
      preferencePairs(labeled(s), chat, { sources: ['rephrase'] }).map(
        (p) => p.provenance.rejectedGenerationId,
      ),
    ).toEqual(['g1', 'g2', 'g3']);
  });

  it('leaves out open sessions unless asked', () => {
    const s = new Script().message('m').generation('g1', 'x').at(3).copy('g1');
    expect(evalExamples({ events: s.events, labels: s.label(chat) }, chat)).toEqual([]);
    expect(
      evalExamples({ events: s.events, labels: s.label(chat) }, chat, { includeOpen: true }),
    ).toHaveLength(1);
  });
});
