import { validateEvent, type TacitEvent } from '@tacit/core';

/** Events of one chat session: a question, an answer, then what `then` lists, at `t0` + seconds. */
export function chatSession(
  sessionId: string,
  t0: number,
  then: ('copy' | 'accept' | 'undo' | 'end')[] = ['copy', 'end'],
  generationId = `${sessionId}-g`,
): TacitEvent[] {
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  const raw: Record<string, unknown>[] = [
    {
      id: `${sessionId}-m`,
      type: 'message',
      ts: at(0),
      sessionId,
      properties: { text: 'How do I reset my password?' },
    },
    {
      id: `${sessionId}-gen`,
      type: 'generation',
      ts: at(2),
      sessionId,
      generationId,
      properties: {
        prompt: 'How do I reset my password?',
        output: 'Open Settings, choose Security, then Reset password and follow the link we email you.',
        model: 'm',
        modelVersion: 'v1',
      },
    },
  ];
  then.forEach((what, i) => {
    const base = { id: `${sessionId}-${what}-${i}`, ts: at(5 + i * 2), sessionId };
    if (what === 'copy')
      raw.push({ ...base, type: 'copy', generationId, properties: { chars: 80, fraction: 1 } });
    if (what === 'accept') raw.push({ ...base, type: 'accept', generationId, properties: {} });
    if (what === 'undo') raw.push({ ...base, type: 'undo', generationId, properties: { via: 'keyboard' } });
    if (what === 'end') raw.push({ ...base, type: 'session_end', properties: { reason: 'closed' } });
  });
  return raw.map((e) => {
    const r = validateEvent(e);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  });
}
