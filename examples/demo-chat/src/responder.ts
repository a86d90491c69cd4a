import type { Responder } from '@tacit/node/testing';

const OPENINGS = ['Here is a short answer.', 'Good question.', 'In brief:', 'Let me put it simply.'];

const TOPICS: [RegExp, string][] = [
  [
    /password|login|sign in/i,
    'Open Settings, choose Security, then click "Reset password" and follow the link we email you.',
  ],
  [
    /refund|money back/i,
    'Refunds are issued to the original payment method within 5 business days of approval.',
  ],
  [/poem|haiku|verse/i, "Leaves let go of summer's hand, and gold comes drifting down the land."],
  [
    /tacit/i,
    'Tacit turns what users do with AI output (copy, edit, undo, regenerate) into labels for the model.',
  ],
];

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The demo's "model": a deterministic answer per question and attempt (a regeneration asks for
 * attempt 2, 3…, and gets a different wording), so that the page behaves like a chat without any
 * external LLM.
 */
export const demoResponder: Responder = (prompt, body) => {
  const system = (body.messages as { role: string; content: unknown }[] | undefined)?.find(
    (m) => m.role === 'system',
  );
  const attempt = Number(
    /Attempt (\d+)/.exec(typeof system?.content === 'string' ? system.content : '')?.[1] ?? '1',
  );
  const topic =
    TOPICS.find(([re]) => re.test(prompt))?.[1] ??
    `You asked about "${prompt.trim()}". I do not know much about that yet, but here is what I would check first: the documentation, then the changelog.`;
  const opening = OPENINGS[(hash(prompt) + attempt - 1) % OPENINGS.length];
  return attempt > 1 ? `${opening} (Take ${attempt}.) ${topic}` : `${opening} ${topic}`;
};
