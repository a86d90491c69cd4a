import type { TacitEvent } from '@tacit/core';
import { arrivals } from './arrivals.ts';
import { resolveConfig, type SimulatorConfig, type SimulatorOptions } from './config.ts';
import { hashInts } from './random.ts';
import { TimeHeap } from './heap.ts';
import { simulateSession, type SessionOutput } from './session.ts';
import type { SimRecord } from './truth.ts';
import { World } from './world.ts';

const DAY = 86_400_000;
const DEFAULT_SESSIONS = 1000;
const PILOT_SESSIONS = 300;

/** Counts of one simulation, returned when its stream ends. */
export interface SimSummary {
  sessions: number;
  /** Events delivered, duplicate deliveries included. */
  events: number;
  duplicates: number;
  late: number;
  generations: number;
  users: number;
}

function userCount(cfg: SimulatorConfig, sessions: number): number {
  return cfg.users.count ?? Math.max(1, Math.round(sessions / cfg.users.sessionsPerUser));
}

/** Mean events per session under `cfg`, measured on a short pilot run with its own seed. */
function eventsPerSession(cfg: SimulatorConfig): number {
  const pilot = { ...cfg, seed: hashInts(cfg.seed, 0x9170) | 0 };
  const world = new World(pilot, userCount(pilot, PILOT_SESSIONS));
  let events = 0;
  for (let i = 0; i < PILOT_SESSIONS; i++)
    events += simulateSession(world, i, world.startMs + i * 60_000).events.length;
  return (events / PILOT_SESSIONS) * (1 + cfg.noise.duplicate);
}

/** Puts a session's events on the delivery heap, with late and duplicate deliveries. */
function deliver(
  out: SessionOutput,
  heap: TimeHeap<TacitEvent>,
  cfg: SimulatorConfig,
  summary: SimSummary,
): number {
  const { rng } = out;
  const noise = cfg.noise;
  const [lateMin, lateMax] = noise.lateMinutes;
  let delivered = 0;
  for (let i = 0; i < out.events.length; i++) {
    const event = out.events[i] as TacitEvent;
    let at = out.times[i] as number;
    if (rng.chance(noise.late)) {
      at += Math.round(rng.between(lateMin, lateMax) * 60_000);
      summary.late++;
    }
    heap.push(at, event);
    delivered++;
    if (rng.chance(noise.duplicate)) {
      heap.push(at + Math.round(rng.between(200, 30_000)), event);
      summary.duplicates++;
      delivered++;
    }
  }
  return delivered;
}

/**
 * Simulates an AI product's traffic: a stream of events in delivery order (roughly by time;
 * some late, some twice) with the hidden truth about every generation, message and session.
 * Same seed and config → the same records, byte for byte. Memory holds only the sessions
 * whose events are not yet delivered.
 *
 * @example
 * for (const r of simulate({ seed: 7, sessions: 500, product: 'code' })) {
 *   if (r.kind === 'event') store(r.event);
 *   else if (r.kind === 'generation') truth.set(r.generationId, r.good);
 * }
 */
export function* simulate(options: SimulatorOptions = {}): Generator<SimRecord, SimSummary, undefined> {
  const cfg = resolveConfig(options);
  const target = cfg.events;
  const planned =
    cfg.sessions ??
    (target !== undefined ? Math.max(1, Math.ceil(target / eventsPerSession(cfg))) : DEFAULT_SESSIONS);
  const world = new World(cfg, userCount(cfg, planned));
  const starts = arrivals(cfg.seed, world.startMs, planned / (cfg.days * DAY), cfg.diurnal);
  const heap = new TimeHeap<TacitEvent>();
  const summary: SimSummary = {
    sessions: 0,
    events: 0,
    duplicates: 0,
    late: 0,
    generations: 0,
    users: world.userCount,
  };
  let scheduled = 0;
  let next = starts.next().value as number;
  for (;;) {
    const more = target !== undefined ? scheduled < target : summary.sessions < planned;
    const top = heap.peekTime();
    if (more && (top === undefined || next <= top)) {
      const out = simulateSession(world, summary.sessions++, next);
      for (const truth of out.truth) {
        if (truth.kind === 'generation') summary.generations++;
        yield truth;
      }
      scheduled += deliver(out, heap, cfg, summary);
      next = starts.next().value as number;
    } else if (top !== undefined) {
      summary.events++;
      yield { kind: 'event', event: heap.pop() as TacitEvent, receivedAt: top };
    } else {
      return summary;
    }
  }
}

/** Only the events of `simulate(options)`, in delivery order. */
export function* simulateEvents(
  options: SimulatorOptions = {},
): Generator<TacitEvent, SimSummary, undefined> {
  const it = simulate(options);
  for (;;) {
    const r = it.next();
    if (r.done === true) return r.value;
    if (r.value.kind === 'event') yield r.value.event;
  }
}
