import { describe, expect, it } from 'vitest';
import { kindsOf, Script } from '../testing/script.ts';

describe('regenerated and regeneration_kept', () => {
  it('marks the regenerated output negative and the copied regeneration as kept', () => {
    const r = new Script()
      .message('write a haiku about rain')
      .generation('g1', 'Rain rain rain')
      .at(4)
      .regenerate('g1', 'g2')
      .generation('g2', 'Soft rain on tin roofs', { parentId: 'g1' })
      .at(9)
      .copy('g2')
      .label();
    expect(kindsOf(r, 'g1')).toEqual(['regenerated']);
    expect(kindsOf(r, 'g2')).toEqual(['copied', 'regeneration_kept']);
    const kept = r.signals.find((s) => s.kind === 'regeneration_kept');
    expect(kept?.details).toMatchObject({ rejected: ['g1'], regenerations: 1 });
    expect(r.labels.map((l) => l.grade)).toEqual(['rejected', 'accepted']);
    expect(r.outcome.retries).toBe(1);
  });

  it('finds regenerations by parentId alone, and keeps the last confirmed one of a chain', () => {
    const r = new Script()
      .generation('g1', 'a')
      .at(3)
      .generation('g2', 'b', { parentId: 'g1' })
      .at(6)
      .generation('g3', 'c', { parentId: 'g2' })
      .at(9)
      .accept('g3')
      .label();
    expect(kindsOf(r, 'g1')).toEqual(['regenerated']);
    expect(kindsOf(r, 'g2')).toEqual(['regenerated']);
    expect(r.signals.find((s) => s.kind === 'regeneration_kept')).toMatchObject({
      generationId: 'g3',
      details: { rejected: ['g1', 'g2'] },
    });
  });

  it('a follow-up building on a regeneration keeps it; moving on to a new topic does not', () => {
    const chain = () =>
      new Script()
        .message('write a haiku about rain')
        .generation('g1', 'Rain rain rain')
        .at(4)
        .regenerate('g1', 'g2')
        .generation('g2', 'Soft rain on tin roofs', { parentId: 'g1' })
        .at(20);
    const builtOn = chain().message('Now make it about snow').generation('g3', 'Snow').label();
    expect(builtOn.signals.find((s) => s.kind === 'regeneration_kept')).toMatchObject({
      generationId: 'g2',
      details: { rejected: ['g1'] },
    });
    const movedOn = chain().message('What is the capital of Australia?').generation('g3', 'Canberra').label();
    expect(movedOn.signals.some((s) => s.kind === 'regeneration_kept')).toBe(false);
  });

  it('regenerate then abandon: negatives, no kept regeneration, an abandoned session', () => {
    const r = new Script()
      .generation('g1', 'a')
      .at(3)
      .regenerate('g1')
      .generation('g2', 'b', { parentId: 'g1' })
      .label('chat', { now: 3600 });
    expect(kindsOf(r, 'g1')).toEqual(['regenerated']);
    expect(kindsOf(r, 'g2')).toEqual(['abandoned']);
    expect(r.signals.some((s) => s.kind === 'regeneration_kept')).toBe(false);
    expect(r.outcome).toMatchObject({ status: 'abandoned', retries: 1 });
    expect(r.labels.every((l) => l.pGood < 0.5)).toBe(true);
  });

  it('is weaker after the output had been copied (wanting alternatives is not rejecting)', () => {
    const before = new Script()
      .generation('g1', 'a')
      .at(3)
      .regenerate('g1')
      .generation('g2', 'b', { parentId: 'g1' })
      .label();
    const after = new Script()
      .generation('g1', 'a')
      .at(2)
      .copy('g1')
      .at(3)
      .regenerate('g1')
      .generation('g2', 'b', { parentId: 'g1' })
      .label();
    const s = (r: typeof before) => r.signals.find((x) => x.kind === 'regenerated');
    expect(s(after)?.strength).toBeLessThan(s(before)?.strength ?? 0);
    expect(s(after)?.details).toMatchObject({ afterDownstream: true });
  });

  it('keeps nothing when the only confirmation came before the regeneration (copy part, regenerate, leave)', () => {
    const r = new Script()
      .message('how do I reset my password?')
      .generation('g1', 'Open Settings, then Security, then Reset password.')
      .at(2)
      .copy('g1', 0.2)
      .at(5)
      .regenerate('g1')
      .generation('g2', 'Go to Settings and choose Reset password.', { parentId: 'g1' })
      .label();
    expect(kindsOf(r, 'g1')).toEqual(['copied', 'regenerated']);
    expect(kindsOf(r, 'g2')).toEqual([]);
    expect(r.signals.find((s) => s.kind === 'regenerated')?.details).toMatchObject({ afterDownstream: true });
  });

  it('counts a confirmation of an earlier answer made after the later one was shown, against what was shown', () => {
    const r = new Script()
      .generation('g1', 'a')
      .at(3)
      .generation('g2', 'b', { parentId: 'g1' })
      .at(6)
      .copy('g1')
      .at(8)
      .generation('g3', 'c', { parentId: 'g2' })
      .label();
    // g1 was chosen over g2, which the user had seen; g3 came after the choice.
    expect(r.signals.find((s) => s.kind === 'regeneration_kept')).toMatchObject({
      generationId: 'g1',
      details: { rejected: ['g2'] },
    });
  });

  it('no regeneration, no signal', () => {
    expect(kindsOf(new Script().generation('g1', 'a').generation('g2', 'b').label())).toEqual([]);
  });
});
