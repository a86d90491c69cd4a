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

  it.each([
    ['There is a duplicate charge of $119 on my card.', 'Let me rephrase: why did you charge me $119 twice?'],
    ['gift ideas for my dad who likes board games', 'In other words, a present for a board game fan'],
    // A weak opener does not hide a reworded request.
    [
      'I need help to understand a blockchain please.',
      'Ok, for someone with no background, I need help to understand a blockchain please.',
    ],
    // The user repeats their own correction in other words: not a new correction of the answer.
    [
      'No, not information about its acquisition. I want to know how to open a franchise.',
      "No, not information about Burger King's acquisition. I want to know how to open a Burger King franchise.",
    ],
  ])('rephrase (announced, or behind an opener): %s → %s', (a, b) => expect(kind(a, b)).toBe('rephrase'));

  it.each([
    ['What is the immune system?', 'Can you give me a concrete example of that?'],
    ['Write a TypeScript debounce', 'Looks good. Now add type annotations.'],
    ['Write a TypeScript debounce', 'Thanks! Could you turn it into a bullet list?'],
  ])('builds on (a reference at the end, a weak opener): %s → %s', (a, b) =>
    expect(kind(a, b)).toBe('builds_on'),
  );

  it.each([
    // A pronoun after the message's own subject refers to that subject, not to the answer.
    ['Plan a trip to Tokyo for a weekend', 'What is a blockchain and how does it work?'],
    ['Refactor debounce to be more readable', 'Write a TypeScript function that validates an email address.'],
    ['I want to start running', 'What should I get my dad? They love knitting.'],
    // The same request about other things: identifiers and order numbers differ.
    ['Refactor `isPalindrome` to be more readable.', 'Refactor `median` to be more readable.'],
    ['order #94604 missing', 'order #66486 missing'],
    // "thanks" inside a request is not a thank-you.
    ['Plan a trip to Tokyo', 'Write a short post for LinkedIn that thanks my team for the launch'],
  ])('new topic: %s → %s', (a, b) => expect(kind(a, b)).toBe('new_topic'));

  it('a shared topic without any cue is only related: neither a retry nor a follow-up', () => {
    const v = classifier.classify({
      previous: messageFeatures({ text: 'Give me an itinerary for a week in Edinburgh.' }),
      next: messageFeatures({ text: 'Best things to see in Edinburgh in a week?' }),
    });
    expect(v.kind).toBe('related');
    expect(v.similarity).toBeGreaterThanOrEqual(0.61 / 2);
    expect(v.similarity).toBeLessThan(0.61);
  });

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
