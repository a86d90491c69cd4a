import { describe, expect, it } from 'vitest';
import { kindsOf, Script } from '../testing/script.ts';

const SHORT = 'Use git rebase -i HEAD~3 and mark the commits to squash.';

describe('long_dwell_then_edit', () => {
  it('fires on a long read of a short answer before editing it', () => {
    const r = new Script()
      .generation('g1', SHORT)
      .at(90)
      .view('g1', 85_000)
      .at(91)
      .edit('g1', `${SHORT} Then force-push.`)
      .label();
    expect(kindsOf(r, 'g1')).toContain('long_dwell_then_edit');
    expect(r.signals.find((s) => s.kind === 'long_dwell_then_edit')?.details).toMatchObject({
      dwellMs: 85_000,
      action: 'edit',
    });
  });

  it('uses the time before a regeneration when there are no view events', () => {
    const r = new Script().generation('g1', SHORT).at(120).regenerate('g1').label();
    expect(kindsOf(r, 'g1')).toContain('long_dwell_then_edit');
  });

  it('does not fire on a quick edit, nor on a long read of a long answer', () => {
    const quick = new Script().generation('g1', SHORT).at(5).edit('g1', 'x').label();
    expect(kindsOf(quick, 'g1')).not.toContain('long_dwell_then_edit');
    const long = 'word '.repeat(600);
    const reading = new Script()
      .generation('g1', long)
      .at(200)
      .view('g1', 180_000)
      .at(201)
      .edit('g1', 'x')
      .label();
    expect(kindsOf(reading, 'g1')).not.toContain('long_dwell_then_edit');
  });

  it('does not fire on a long read followed by nothing', () => {
    expect(kindsOf(new Script().generation('g1', SHORT).at(200).view('g1', 180_000).label(), 'g1')).toEqual(
      [],
    );
  });
});
