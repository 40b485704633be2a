// Seeded heavy-tailed directed member graphs for the kernel benchmark: a few members draw most of the
// attention and do most of the talking, most members appear a handful of times, 1% are spammers
// whom nobody answers. Exactly `edges` distinct directed pairs, one interaction record each.
import { seededRandom, type InteractionKind, type InteractionRecord, type MemberActivity } from '@qunpulse/graph';

const DAY_MS = 86_400_000;
const KINDS: InteractionKind[] = ['reply', 'reply', 'reaction', 'reaction', 'mention'];

export interface KernelGraphInput {
  members: number;
  edges: number;
  records: InteractionRecord[];
  activity: MemberActivity[];
}

export function heavyTailedGroup(members: number, edges: number, seed: number, asOf: number): KernelGraphInput {
  if (!Number.isInteger(members) || members < 3) throw new Error(`members must be a whole number ≥ 3, got ${members}`);
  const spammers = Math.max(1, Math.floor(members / 100));
  const talkers = members - spammers;
  if (!Number.isInteger(edges) || edges < 1 || edges > talkers * (talkers - 1) / 4) {
    throw new Error(`edges must be a whole number between 1 and a quarter of all pairs of non-spammers (${Math.floor(talkers * (talkers - 1) / 4)}), got ${edges}`);
  }
  const random = seededRandom(seed);
  const cumulative = (exponent: number) => {
    const c = new Float64Array(talkers);
    let s = 0;
    for (let i = 0; i < talkers; i++) { s += 1 / Math.pow(i + 1, exponent); c[i] = s; }
    return c;
  };
  const draw = (c: Float64Array) => {
    const x = random() * c[talkers - 1]!;
    let lo = 0;
    let hi = talkers - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (c[mid]! < x) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const speaks = cumulative(0.8);
  const attracts = cumulative(1.1);
  const ids = Array.from({ length: members }, (_, i) => `u${i}`);
  const messages = new Int32Array(members);
  const pairs = new Set<number>();
  const records: InteractionRecord[] = [];
  for (let attempts = 0; records.length < edges; attempts++) {
    if (attempts > edges * 50) throw new Error(`could not draw ${edges} distinct pairs among ${members} members`);
    const from = draw(speaks);
    const to = draw(attracts);
    if (from === to || pairs.has(from * members + to)) continue;
    pairs.add(from * members + to);
    messages[from]! += 1;
    records.push({ kind: KINDS[Math.floor(random() * KINDS.length)]!, from: ids[from]!, to: ids[to]!, at: asOf - Math.floor(random() * 60 * DAY_MS) });
  }
  const activity: MemberActivity[] = ids.map((memberId, i) =>
    i >= talkers ? { memberId, messages: 40, adMessages: 40 } : { memberId, messages: messages[i]! + 1 + Math.floor(random() * 3), adMessages: 0 });
  return { members, edges, records, activity };
}
