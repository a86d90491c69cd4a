import { describe, expect, it } from 'vitest';
import { sketchText } from '../text/sketch.ts';
import { kindsOf, Script } from '../testing/script.ts';

function chat(first: string, second: string, gapSeconds = 20) {
  return new Script()
    .message(first)
    .generation('g1', 'An answer.')
    .at(gapSeconds)
    .message(second)
    .generation('g2', 'Another answer.')
    .label();
}

describe('rephrase_retry', () => {
  it('fires when the user asks the same thing in other words soon after', () => {
    const r = chat('how do I reset my password', 'How can I reset the password of my account?');
    expect(kindsOf(r, 'g1')).toEqual(['rephrase_retry']);
    expect(r.signals[0]).toMatchObject({
      polarity: 'negative',
      evidence: ['e1', 'e3'],
      details: { messageId: 'e3' },
    });
    expect(r.outcome.retries).toBe(1);
  });

  it('does not fire on a follow-up that builds on the answer, even with the same words', () => {
    const r = chat('Write a short poem about autumn leaves', 'Now make the poem about autumn leaves shorter');
    expect(kindsOf(r, 'g1')).toEqual(['builds_on_followup']);
  });

  it('does not fire on a new topic', () => {
    const r = chat('how do I reset my password', 'What is the capital of Australia?');
    expect(kindsOf(r, 'g1')).toEqual(['proceeded']);
  });

  it('does not fire after the time window', () => {
    const r = chat('how do I reset my password', 'How can I reset the password of my account?', 3600);
    expect(kindsOf(r, 'g1')).toEqual([]);
  });

  it('works on privacy-mode sketches', () => {
    const r = new Script()
      .sketchedMessage(sketchText('how do I reset my password on the website'))
      .generation('g1', 'An answer.')
      .at(20)
      .sketchedMessage(sketchText('How can I reset my password on this website?'))
      .generation('g2', 'b')
      .label();
    expect(kindsOf(r, 'g1')).toEqual(['rephrase_retry']);
    expect(r.signals[0]?.details).toMatchObject({ by: 'sketch' });
  });

  it('uses embeddings when given: a rephrase with no words in common', () => {
    const s = new Script()
      .message('my laptop will not turn on')
      .generation('g1', 'a')
      .at(20)
      .message('computer is dead, no power')
      .generation('g2', 'b');
    expect(kindsOf(s.label(), 'g1')).not.toContain('rephrase_retry');
    const embeddings = new Map([
      ['e1', [0.9, 0.1, 0.2]],
      ['e3', [0.88, 0.15, 0.22]],
    ]);
    const r = s.label('chat', { embeddings });
    expect(kindsOf(r, 'g1')).toEqual(['rephrase_retry']);
    expect(r.signals[0]?.details).toMatchObject({ by: 'embedding' });
  });
});

describe('correction_followup', () => {
  it('fires on a re-explanation of the task', () => {
    const r = chat('Book a table for two', 'No, I meant a table for tonight, not tomorrow');
    expect(kindsOf(r, 'g1')).toEqual(['correction_followup']);
    expect(r.signals[0]?.polarity).toBe('negative');
  });

  it('fires on a correction cue in a privacy-mode sketch', () => {
    const r = new Script()
      .sketchedMessage(sketchText('translate this to French'))
      .generation('g1', 'a')
      .at(10)
      .sketchedMessage(sketchText('that is wrong, I meant Canadian French'))
      .generation('g2', 'b')
      .label();
    expect(kindsOf(r, 'g1')).toEqual(['correction_followup']);
  });

  it('does not fire on a builds-on instruction', () => {
    expect(kindsOf(chat('Book a table for two', 'Great, also add a reminder'), 'g1')).toEqual([
      'builds_on_followup',
    ]);
  });
});

describe('builds_on_followup', () => {
  it('fires on "now make it shorter"', () => {
    const r = chat('Write a cover letter for a nurse job', 'now make it shorter');
    expect(kindsOf(r, 'g1')).toEqual(['builds_on_followup']);
    expect(r.signals[0]?.polarity).toBe('positive');
  });

  it('fires on a question about the answer\'s subject ("is it treatable?")', () => {
    expect(kindsOf(chat('What is throat cancer?', 'Is it treatable?'), 'g1')).toEqual(['builds_on_followup']);
  });

  it('does not fire on a rephrase', () => {
    expect(kindsOf(chat('What are the symptoms of flu', 'what are the symptoms of the flu?'), 'g1')).toEqual([
      'rephrase_retry',
    ]);
  });
});

describe('proceeded', () => {
  it('fires when the user moves on to something else without touching the answer', () => {
    expect(kindsOf(chat('Convert 5 miles to km', 'Who wrote Middlemarch?'), 'g1')).toEqual(['proceeded']);
  });

  it('does not fire when the user edited the answer before moving on', () => {
    const r = new Script()
      .message('Convert 5 miles to km')
      .generation('g1', '8.05 km')
      .at(5)
      .edit('g1', '8 km')
      .at(10)
      .message('Who wrote Middlemarch?')
      .generation('g2', 'George Eliot')
      .label();
    expect(kindsOf(r, 'g1')).not.toContain('proceeded');
  });

  it('is off for code assistants', () => {
    const s = new Script()
      .message('Convert 5 miles to km')
      .generation('g1', 'a')
      .at(10)
      .message('Who wrote Middlemarch?');
    expect(kindsOf(s.label('code'), 'g1')).toEqual([]);
  });
});
