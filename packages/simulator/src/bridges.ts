// Members who belong to two groups: a KOL or core member of one healthy group joins another healthy
// group of the same platform and replies there most days. They tie the tenant's groups together,
// so the tenant-wide graph has bridges to find. Drawn from their own random stream, so the groups'
// own events are the same with or without them.
import type { ChatEventInput } from '@qunpulse/contracts';
import { DAY_MS, type GroupSim, type Timed } from './group.js';
import { Rng } from './random.js';

const MINUTE = 60_000;

interface Guest {
  memberId: string;
  group: GroupSim;
  joinedAt: number;
  seq: number;
}

export class Bridges {
  private readonly rng: Rng;
  private readonly guests: Guest[] = [];

  /** `day`: the simulated day on which the bridges join; `max`: how many at most. */
  constructor(seed: number, private readonly groups: GroupSim[], private readonly day: number, private readonly max: number) {
    this.rng = new Rng(seed, 0xb41d6e);
  }

  /** Member ids of the bridges. */
  get members(): string[] {
    return [...new Set(this.guests.map((g) => g.memberId))];
  }

  /** Adds the bridges' events of day `t` to `timed`, which holds every group's events of that day. */
  apply(t: number, dayStart: number, timed: Timed[]): void {
    if (t === this.day) this.join(t, dayStart, timed);
    for (const guest of this.guests) {
      if (!guest.group.aliveOn(t)) continue;
      const targets = timed.filter((x) => x.g === guest.group.index && x.e.type === 'message' && x.t > guest.joinedAt
        && x.e.memberId !== guest.memberId && x.e.message?.kind !== 'system' && guest.group.truth.roles[x.e.memberId ?? ''] !== 'spammer');
      if (targets.length === 0) continue;
      const replies = this.rng.poisson(1.5);
      for (let i = 0; i < replies; i++) {
        const target = targets[this.rng.int(0, targets.length - 1)]!;
        const at = target.t + this.rng.int(1, 45) * MINUTE;
        if (at >= dayStart + DAY_MS) continue;
        this.emit(guest, at, {
          type: 'message', message: { kind: 'text', length: this.rng.int(8, 120), replyTo: { eventId: target.e.eventId, memberId: target.e.memberId! } },
        }, timed);
      }
    }
  }

  private join(t: number, dayStart: number, timed: Timed[]): void {
    const healthy = this.groups.filter((g) => (g.intended === 'thriving' || g.intended === 'stable') && g.aliveOn(t) && g.aliveOn(t - 14));
    const used = new Set<GroupSim>();
    for (const home of healthy) {
      if (this.guests.length >= this.max) break;
      const away = healthy.find((g) => g !== home && !used.has(g) && g.truth.platform === home.truth.platform);
      const hosts = home.presentHosts();
      if (!away || hosts.length === 0) continue;
      used.add(away);
      const memberId = hosts[this.rng.int(0, hosts.length - 1)]!;
      const guest: Guest = { memberId, group: away, joinedAt: dayStart + this.rng.int(8 * 60, 20 * 60) * MINUTE, seq: 0 };
      this.guests.push(guest);
      away.addGuest(memberId);
      this.emit(guest, guest.joinedAt, { type: 'member_joined', join: { via: 'link' } }, timed);
    }
  }

  private emit(guest: Guest, at: number, body: Pick<ChatEventInput, 'type'> & Record<string, unknown>, timed: Timed[]): void {
    const { tenantId, platform, groupId } = guest.group.truth;
    // ':' never appears in a group's own event ids, so these cannot collide with them.
    const e = { eventId: `${groupId}:${guest.memberId}.${(guest.seq++).toString(36)}`, tenantId, platform, groupId, occurredAt: at, memberId: guest.memberId, ...body } as ChatEventInput;
    timed.push({ t: at, g: guest.group.index, o: 1_000_000_000 + guest.seq, e });
  }
}
