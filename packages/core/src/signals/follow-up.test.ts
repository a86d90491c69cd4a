import { describe, expect, it } from 'vitest';
import { sketchText } from '../text/sketch.ts';
import { createFollowUpClassifier, type FollowUpClassifier } from './follow-up.ts';
import { messageFeatures } from './message-features.ts';

const classifier = createFollowUpClassifier({ rephrase: 0.61, embeddingRephrase: 0.85 });
const kind = (a: string, b: string, c: FollowUpClassifier = classifier) =>
  c.classify({ previous: messageFeatures({ text: a }), next: messageFeatures({ text: b }) }).kind;

describe('the default follow-up classifier', () => {
  it.each([
    ['what are its symptoms?', "What are lung cancer's symptoms?"],
    [
      'How much does it cost for someone to fix it?',
      'How much does it cost for someone to repair a garage door opener?',
    ],
    ['reset password', 'how do i reset my password'],
    ['What about the cons?', 'What about the cons of GMO food labeling?'],
  ])('rephrase: %s → %s', (a, b) => expect(kind(a, b)).toBe('rephrase'));

  it.each([
    ['Write a cover letter for a nurse job', 'Now make it more formal'],
    ['Write a cover letter for a nurse job', 'Great. Can you also add a line about night shifts?'],
    ['What are the pros and cons?', 'And what about the cons?'],
    ['What is throat cancer?', 'Is it treatable?'],
    ['Summarise this article about the election', 'Translate it to Spanish'],
  ])('builds on: %s → %s', (a, b) => expect(kind(a, b)).toBe('builds_on'));

  it.each([
    ['Find flights to Paris', 'No, I meant Paris, Texas'],
    ['Fix this function', 'That is not what I asked for'],
    ['How do I restart the router?', 'That didnt work'],
  ])('correction: %s → %s', (a, b) => expect(kind(a, b)).toBe('correction'));

  it.each([
    ['How do I reset my password?', 'What is the weather in Lisbon tomorrow?'],
    ['Write a haiku about rain', 'Who won the 1998 world cup'],
  ])('new topic: %s → %s', (a, b) => expect(kind(a, b)).toBe('new_topic'));

  it('says which scorer decided and what cues it saw', () => {
    const v = classifier.classify({
      previous: messageFeatures({ text: 'Find flights' }),
      next: messageFeatures({ text: 'no, I meant trains' }),
    });
    expect(v).toMatchObject({ kind: 'correction', by: 'lexical' });
    expect(v.cues).toEqual(expect.arrayContaining(['no', 'i meant']));
  });

  it('compares a text with a sketch (one side in privacy mode)', () => {
    const v = classifier.classify({
      previous: messageFeatures({ text: 'how do I reset my password on the website' }),
      next: messageFeatures({ sketch: sketchText('How can I reset my password on this website?') }),
    });
    expect(v).toMatchObject({ kind: 'rephrase', by: 'sketch' });
  });

  it('can be replaced by any classifier', () => {
    const always: FollowUpClassifier = {
      classify: () => ({ kind: 'rephrase', similarity: 1, by: 'embedding', cues: [] }),
    };
    expect(kind('a', 'b', always)).toBe('rephrase');
  });
});
