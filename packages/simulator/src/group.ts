// One simulated group, advanced a day at a time. It owns its members, its recent messages (what
// replies and reactions can point at) and its plan, and emits that day's chat-event/v1 records.
import type { ChatEventInput, GroupPurpose, JoinVia, Platform } from '@qunpulse/contracts';
import { VIAS, type Plan } from './archetypes.js';
import { WeightedPool } from './pool.js';
import { fnv1a, type Rng } from './random.js';
import type { GroupStatus, GroupTruth, MemberRole } from './truth.js';
import { AD_TEXTS, EMOJI, REACTION_RATE, isChinesePlatform, thanksWords } from './vocabulary.js';

export const DAY_MS = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1_000;

/** An event with the keys that order it in the merged stream. */
export interface Timed {
  t: number;
  g: number;
  o: number;
  e: ChatEventInput;
}

/** Spammers are tenant-wide: the same accounts post the same ads in many groups. */
export interface SpammerPool {
  ids: readonly string[];
  /** Indices into AD_TEXTS each spammer posts. */
  ads: readonly (readonly number[])[];
}

export interface GroupSetup {
  index: number;
  tenantId: string;
  platform: Platform;
  groupId: string;
  name: string;
  tzHours: number;
  plan: Plan;
  rng: Rng;
  spammers: SpammerPool;
  newMemberId: () => string;
}

// Local hour-of-day rhythm: morning commute, lunch, evening peak.
const HOUR_WEIGHTS = [0.25, 0.12, 0.05, 0.03, 0.03, 0.05, 0.2, 0.6, 1.1, 1.5, 1.5, 1.4, 1.7, 1.3, 1.1, 1.1, 1.2, 1.2, 1.3, 1.5, 1.9, 2.2, 1.8, 0.9];

const ACTIVITY: Record<MemberRole, number> = { owner: 3, kol: 9, core: 3.5, regular: 1, lurker: 0.04, spammer: 0 };
const ATTRACT: Record<MemberRole, number> = { owner: 4, kol: 12, core: 4, regular: 1, lurker: 0.6, spammer: 0.004 };
const INVITES: Record<MemberRole, number> = { owner: 2, kol: 3, core: 3, regular: 1, lurker: 0.15, spammer: 0 };
const LEAVES: Record<MemberRole, number> = { owner: 0, kol: 0.15, core: 0.35, regular: 1, lurker: 1.6, spammer: 0 };
const REACTED: Record<MemberRole, number> = { owner: 1.5, kol: 3, core: 1.5, regular: 1, lurker: 1, spammer: 0 };
const REACTS: Record<MemberRole, number> = { owner: 1, kol: 1, core: 1.2, regular: 1, lurker: 0.4, spammer: 0 };

function weekdayFactor(purpose: GroupPurpose, dow: number): number {
  const weekend = dow === 0 || dow === 6;
  switch (purpose) {
    case 'interest': return weekend ? 1.3 : 0.9;
    case 'networking': case 'support': case 'sales': case 'influence': return weekend ? 0.6 : 1.1;
    default: return 1;
  }
}

interface Recent {
  id: string;
  author: number;
  t: number;
}

type Slot =
  | { t: number; kind: 'chat'; bias: -1 | 0 }
  | { t: number; kind: 'ritual' }
  | { t: number; kind: 'red' }
  | { t: number; kind: 'welcome'; member: number }
  | { t: number; kind: 'ad'; member: number };

export class GroupSim {
  readonly truth: GroupTruth;
  private readonly rng: Rng;
  private readonly plan: Plan;
  private readonly ids: string[] = [];
  private readonly roles: MemberRole[] = [];
  private readonly activity: number[] = [];
  private readonly joinedAt: number[] = [];
  private readonly leftAt: number[] = [];
  private readonly spamSlot: number[] = [];
  private readonly spamMember = new Map<string, number>();
  /** Members in the group at the start of the next day. */
  private present: number[] = [];
  private readonly founderDay: number[] = [];
  private recent: Recent[] = [];
  private seq = 0;
  private order = 0;
  private out: Timed[] = [];
  private ritualPost: Recent | null = null;
  private readonly ritualDow: number;
  private readonly ritualHour: number;
  private lastHumanAt = -1;
  private readonly authors = new WeightedPool();
  private readonly inviters = new WeightedPool();
  private readonly leavers = new WeightedPool();
  private readonly reactors = new WeightedPool();
  private readonly hosts = new WeightedPool();
  private readonly attractPool = new WeightedPool();

  constructor(private readonly s: GroupSetup) {
    this.rng = s.rng;
    this.plan = s.plan;
    this.ritualDow = this.rng.int(0, 6);
    this.ritualHour = s.plan.purpose === 'networking' || s.plan.purpose === 'support' ? 12 : 20;
    this.truth = {
      tenantId: s.tenantId, platform: s.platform, groupId: s.groupId, name: s.name, purpose: s.plan.purpose,
      archetype: s.plan.archetype, status: s.plan.intended, createdAt: 0, kols: [], spammers: [], roles: {}, reasons: [],
    };
  }

  get index(): number {
    return this.s.index;
  }

  /** Epoch ms of the last message by a human (not a spammer, not a system notice); -1 if none. */
  get lastHumanMessageAt(): number {
    return this.lastHumanAt;
  }

  /** The status the group's plan drives it to; the truth may still end `dead` or `new`. */
  get intended(): GroupStatus {
    return this.plan.intended;
  }

  /** Whether the group exists and still talks on day `t`. */
  aliveOn(t: number): boolean {
    return t >= this.plan.createdDay && t < this.plan.deathDay;
  }

  /** Ids of the KOLs and core members in the group now: the members who may bridge into another group. */
  presentHosts(): string[] {
    return this.present.filter((m) => this.roles[m] === 'kol' || this.roles[m] === 'core').map((m) => this.ids[m]!);
  }

  /** A member of another group who takes part here too: a regular member in this group's truth. */
  addGuest(memberId: string): void {
    this.truth.roles[memberId] ??= 'regular';
  }

  /** Appends this group's events of day `t` (starting at `dayStart`) to `sink`. */
  day(t: number, dayStart: number, sink: Timed[]): void {
    const plan = this.plan;
    if (t < plan.createdDay) return;
    this.out = sink;
    const dayEnd = dayStart + DAY_MS - 1;
    const alive = t < plan.deathDay;

    if (t === plan.createdDay) this.create(dayStart);
    const joiners: number[] = [];
    this.arrive(t, dayStart, dayEnd, joiners);
    const adders = this.spamArrive(t, dayStart, dayEnd, joiners);
    this.depart(t, dayStart, dayEnd);

    const slots: Slot[] = [];
    const everyone = this.present.concat(joiners);
    this.buildPools(everyone);
    if (alive) {
      const humans = this.humanCount(everyone);
      const dow = new Date(dayStart + this.s.tzHours * HOUR).getUTCDay();
      const rate = 1.3 * Math.pow(humans, 0.75) * plan.activity(t) * weekdayFactor(plan.purpose, dow) * this.rng.lognormal(1, 0.25);
      const n = this.rng.poisson(rate);
      for (let i = 0; i < n; i++) slots.push({ t: this.localTime(dayStart), kind: 'chat', bias: 0 });
      if (plan.ritual(t) && dow === this.ritualDow && t > plan.createdDay + 2) {
        const at = dayStart + (((this.ritualHour - this.s.tzHours) % 24 + 24) % 24) * HOUR + this.rng.int(0, 10) * MINUTE;
        slots.push({ t: at, kind: 'ritual' });
        const follow = Math.min(60, 8 + this.rng.poisson(0.06 * humans));
        for (let i = 0; i < follow; i++) slots.push({ t: Math.min(dayEnd, at + this.rng.int(1, 150) * MINUTE + this.rng.int(0, 59) * SECOND), kind: 'chat', bias: -1 });
      }
      const packets = this.rng.poisson(plan.redPacketsPerDay(t));
      for (let i = 0; i < packets; i++) slots.push({ t: Math.min(dayEnd - 10 * MINUTE, this.localTime(dayStart)), kind: 'red' });
      const welcome = plan.welcome(t);
      for (const m of joiners) {
        if (this.roles[m] !== 'spammer' && this.rng.chance(welcome)) {
          slots.push({ t: Math.min(dayEnd, this.joinedAt[m]! + this.rng.int(1, 40) * MINUTE), kind: 'welcome', member: m });
        }
      }
    }
    for (const m of everyone) {
      if (this.roles[m] !== 'spammer' || this.leftAt[m]! <= dayStart) continue;
      const ads = this.rng.poisson(plan.adsPerDay(t) * (adders.has(m) ? 1.5 : 1));
      const from = Math.max(dayStart, this.joinedAt[m]!);
      for (let i = 0; i < ads; i++) slots.push({ t: this.rng.int(from, dayEnd), kind: 'ad', member: m });
    }
    slots.sort((a, b) => a.t - b.t);
    this.ritualPost = null;
    for (const slot of slots) this.play(slot, t, dayEnd);

    // Members who left today are gone tomorrow; today's joiners stay.
    this.present = everyone.filter((m) => this.leftAt[m]! > dayEnd);
  }

  /** Closes the group's ground truth once the last day is simulated. */
  finish(end: number): GroupTruth {
    const truth = this.truth;
    if (this.lastHumanAt >= 0) truth.lastHumanMessageAt = this.lastHumanAt;
    const silentSince = end - 14 * DAY_MS;
    if (truth.createdAt > silentSince) truth.status = 'new';
    else if (this.lastHumanAt < silentSince) truth.status = 'dead';
    else truth.status = this.plan.intended;
    const kols = this.ids.map((_, i) => i).filter((i) => this.roles[i] === 'kol');
    kols.sort((a, b) => this.activity[b]! - this.activity[a]!);
    truth.kols = kols.map((i) => this.ids[i]!);
    truth.reasons = this.reasons(truth.status);
    return truth;
  }

  private reasons(status: string): string[] {
    const p = this.plan;
    switch (p.archetype) {
      case 'kol_collapse': return ['kol_departed', 'no_welcome', 'no_ritual', 'ad_spam'];
      case 'scan_and_die': return ['qr_code_joins_without_threshold', 'no_kol', 'no_welcome', 'ad_spam'];
      case 'ad_overrun': return ['ad_spam', 'spammers_not_removed', 'no_ritual'];
      case 'red_packet_farm': return ['red_packets_replace_conversation', 'no_kol', 'no_ritual'];
      case 'fade': return ['no_kol', 'no_ritual', 'no_welcome'];
      case 'declining': return ['ritual_stopped', 'fewer_replies', 'churn_rising'];
      case 'big_survives_kol_loss': return status === 'dead' ? ['kol_departed'] : ['kol_departed_but_community_held'];
      default: return [];
    }
  }

  // ---- membership -------------------------------------------------------------------------

  private addMember(role: MemberRole, id?: string): number {
    const i = this.ids.length;
    const memberId = id ?? this.s.newMemberId();
    this.ids.push(memberId);
    this.roles.push(role);
    const top = role === 'kol' && !this.roles.slice(0, i).includes('kol') ? 1.5 : 1;
    this.activity.push(ACTIVITY[role] * top * Math.min(20, this.rng.pareto(1.7)));
    this.joinedAt.push(Infinity);
    this.leftAt.push(Infinity);
    this.spamSlot.push(-1);
    this.founderDay.push(-1);
    this.truth.roles[memberId] = role;
    return i;
  }

  private create(dayStart: number): void {
    const p = this.plan;
    const at = dayStart + ((((9 - this.s.tzHours) % 24) + 24) % 24) * HOUR + this.rng.int(0, 120) * MINUTE;
    this.truth.createdAt = at;
    const owner = this.addMember('owner');
    this.emit(at, {
      eventId: this.nextId(), tenantId: this.s.tenantId, platform: this.s.platform, groupId: this.s.groupId,
      type: 'group_created', occurredAt: at, memberId: this.ids[owner],
      group: { name: this.s.name, ownerId: this.ids[owner], purpose: p.purpose },
    });
    this.joinedAt[owner] = at;
    this.emitJoin(owner, at, 'admin', undefined);
    this.present.push(owner);
    const core = Math.round(p.founders * p.coreShare);
    const regular = Math.round(p.founders * p.regularShare);
    for (let i = 0; i < p.founders; i++) {
      const role: MemberRole = i < p.kols ? 'kol' : i < p.kols + core ? 'core' : i < p.kols + core + regular ? 'regular' : 'lurker';
      const m = this.addMember(role);
      // Key people come first; the rest spread over the founding days.
      const share = i / p.founders;
      this.founderDay[m] = p.createdDay + Math.min(p.founderDays - 1, Math.floor(share * p.founderDays + this.rng.next() * 0.5));
    }
  }

  private arrive(t: number, dayStart: number, dayEnd: number, joiners: number[]): void {
    const p = this.plan;
    const arrivals: { m: number; at: number; via: JoinVia }[] = [];
    const earliest = t === p.createdDay ? this.truth.createdAt + MINUTE : dayStart;
    for (let m = 0; m < this.ids.length; m++) {
      if (this.founderDay[m] === t) arrivals.push({ m, at: this.rng.int(earliest, dayEnd), via: p.founderVia });
    }
    const fresh = this.rng.poisson(p.joinsPerDay(t, this.present.length));
    for (let i = 0; i < fresh; i++) {
      const r = this.rng.next();
      const role: MemberRole = r < p.coreShare / 2 ? 'core' : r < p.coreShare / 2 + p.regularShare ? 'regular' : 'lurker';
      arrivals.push({ m: this.addMember(role), at: this.rng.int(earliest, dayEnd), via: VIAS[this.rng.weighted(p.via)]! });
    }
    if (!arrivals.length) return;
    arrivals.sort((a, b) => a.at - b.at);
    this.inviters.reset();
    for (const m of this.present) if (this.leftAt[m]! > dayStart) this.inviters.add(m, INVITES[this.roles[m]!]);
    const owner = 0;
    for (const a of arrivals) {
      this.joinedAt[a.m] = a.at;
      let inviter: number | undefined;
      if (a.via === 'invite') inviter = this.inviters.size ? this.inviters.pick(this.rng) : owner;
      else if (a.via === 'admin') inviter = owner;
      this.emitJoin(a.m, a.at, a.via, inviter);
      joiners.push(a.m);
    }
  }

  /** Spammers drop in; where nobody removes them and the group has died they keep coming. */
  private spamArrive(t: number, dayStart: number, dayEnd: number, joiners: number[]): Set<number> {
    const p = this.plan;
    const arrived = new Set<number>();
    const pool = this.s.spammers;
    if (!pool.ids.length) return arrived;
    const present = this.present.some((m) => this.roles[m] === 'spammer' && this.leftAt[m]! > dayStart);
    const forced = !present && !p.removesSpam(t) && t >= p.deathDay - 2;
    if (!forced && !this.rng.chance(p.spamArrival(t))) return arrived;
    for (let tries = 0; tries < 6; tries++) {
      const k = this.rng.int(0, pool.ids.length - 1);
      const id = pool.ids[k]!;
      // A removed spammer comes back through another link; one still here is not drawn again.
      let m = this.spamMember.get(id);
      if (m !== undefined && this.leftAt[m]! > dayStart) continue;
      if (m === undefined) {
        m = this.addMember('spammer', id);
        this.spamMember.set(id, m);
        this.spamSlot[m] = k;
        this.truth.spammers.push(id);
      }
      this.leftAt[m] = Infinity;
      const at = this.rng.int(dayStart, dayStart + Math.floor((dayEnd - dayStart) / 2));
      this.joinedAt[m] = at;
      this.emitJoin(m, at, this.rng.chance(0.6) ? 'link' : 'qr_code', undefined);
      joiners.push(m);
      arrived.add(m);
      return arrived;
    }
    return arrived;
  }

  private depart(t: number, dayStart: number, dayEnd: number): void {
    const p = this.plan;
    if (t === p.kolDepartDay) {
      const kol = this.present.filter((m) => this.roles[m] === 'kol' && this.leftAt[m]! > dayStart)
        .sort((a, b) => this.activity[b]! - this.activity[a]!)[0];
      if (kol !== undefined) {
        const at = dayStart + ((((18 - this.s.tzHours) % 24) + 24) % 24) * HOUR + this.rng.int(0, 180) * MINUTE;
        this.leave(kol, Math.min(dayEnd, at), 'quit', undefined);
        this.truth.kolDepartedAt = this.leftAt[kol];
      }
    }
    this.leavers.reset();
    for (const m of this.present) if (this.leftAt[m]! > dayStart) this.leavers.add(m, LEAVES[this.roles[m]!]);
    const n = Math.min(this.leavers.size, this.rng.poisson(p.churn(t) * this.leavers.size));
    for (let i = 0; i < n; i++) {
      const m = this.leavers.pick(this.rng);
      if (this.leftAt[m]! <= dayEnd) continue;
      this.leave(m, this.rng.int(dayStart, dayEnd), this.rng.chance(0.92) ? 'quit' : 'removed', this.rng.chance(0.92) ? undefined : 0);
    }
  }

  private leave(m: number, at: number, reason: 'quit' | 'removed', by: number | undefined): void {
    this.leftAt[m] = at;
    this.emit(at, {
      eventId: this.nextId(), tenantId: this.s.tenantId, platform: this.s.platform, groupId: this.s.groupId,
      type: 'member_left', occurredAt: at, memberId: this.ids[m]!,
      leave: by === undefined ? { reason } : { reason, byId: this.ids[by]! },
    });
  }

  private emitJoin(m: number, at: number, via: JoinVia, inviter: number | undefined): void {
    this.emit(at, {
      eventId: this.nextId(), tenantId: this.s.tenantId, platform: this.s.platform, groupId: this.s.groupId,
      type: 'member_joined', occurredAt: at, memberId: this.ids[m]!,
      join: inviter === undefined ? { via } : { via, inviterId: this.ids[inviter]! },
    });
    // WeChat and QQ show a notice line in the chat for every join.
    if (this.s.platform === 'wechat' || this.s.platform === 'qq') {
      const text = via === 'qr_code' ? '通过扫描二维码加入群聊' : via === 'invite' ? '被邀请加入了群聊' : '加入了群聊';
      this.emit(at, {
        eventId: this.nextId(), tenantId: this.s.tenantId, platform: this.s.platform, groupId: this.s.groupId,
        type: 'message', occurredAt: at, memberId: this.ids[m]!, message: { kind: 'system', length: text.length, text },
      });
    }
  }

  // ---- conversation -----------------------------------------------------------------------

  private buildPools(everyone: number[]): void {
    this.authors.reset();
    this.reactors.reset();
    this.hosts.reset();
    this.attractPool.reset();
    for (const m of everyone) {
      const role = this.roles[m]!;
      if (role === 'spammer') continue;
      this.authors.add(m, this.activity[m]!);
      this.reactors.add(m, REACTS[role]);
      if (role === 'owner' || role === 'kol' || role === 'core') this.hosts.add(m, role === 'core' ? 1 : 3);
      this.attractPool.add(m, ATTRACT[role]);
    }
  }

  private humanCount(members: number[]): number {
    let n = 0;
    for (const m of members) if (this.roles[m] !== 'spammer') n++;
    return n;
  }

  private localTime(dayStart: number): number {
    const h = this.rng.weighted(HOUR_WEIGHTS);
    const utcHour = (((h - this.s.tzHours) % 24) + 24) % 24;
    return dayStart + utcHour * HOUR + this.rng.int(0, HOUR - 1);
  }

  private here(m: number, at: number): boolean {
    return this.joinedAt[m]! <= at && at < this.leftAt[m]!;
  }

  /** Draws from a pool until the member is in the group at `at` (joined before, not yet left). */
  private drawPresent(pool: WeightedPool, at: number, not = -1): number {
    for (let i = 0; i < 5; i++) {
      const m = pool.pick(this.rng);
      if (m >= 0 && m !== not && this.here(m, at)) return m;
    }
    return -1;
  }

  private play(slot: Slot, t: number, dayEnd: number): void {
    switch (slot.kind) {
      case 'chat': {
        const author = this.drawPresent(this.authors, slot.t);
        if (author < 0) return;
        let target: Recent | null = null;
        if (slot.bias === -1 && this.ritualPost && this.rng.chance(0.65) && this.ritualPost.author !== author) target = this.ritualPost;
        else if (this.rng.chance(this.plan.replyProb(t))) target = this.pickTarget(slot.t, author);
        const mentions = this.rng.chance(0.05) ? this.pickMentions(slot.t, author) : undefined;
        this.say(author, slot.t, dayEnd, this.chatBody(target, mentions));
        return;
      }
      case 'ritual': {
        const host = this.drawPresent(this.hosts, slot.t);
        if (host < 0) return;
        const length = this.rng.int(300, 1500);
        this.ritualPost = this.say(host, slot.t, dayEnd, { kind: 'text', length });
        return;
      }
      case 'red': {
        const sender = this.rng.chance(0.6) && this.here(0, slot.t) ? 0 : this.drawPresent(this.authors, slot.t);
        if (sender < 0) return;
        const greeting = isChinesePlatform(this.s.platform) ? '恭喜发财，大吉大利' : 'Red packet for everyone!';
        const packet = this.say(sender, slot.t, dayEnd, { kind: 'red_packet', length: greeting.length, text: greeting });
        const words = thanksWords(this.s.platform);
        const n = Math.min(Math.floor(this.reactors.size * 0.4), 3 + this.rng.geometric(7));
        const thanked = new Set<number>([sender]);
        let at = slot.t;
        for (let i = 0; i < n; i++) {
          at = Math.min(dayEnd, at + this.rng.int(2, 25) * SECOND);
          const m = this.drawPresent(this.reactors, at, sender);
          if (m < 0 || thanked.has(m)) continue;
          thanked.add(m);
          const text = this.rng.pick(words);
          const reply = this.rng.chance(0.15) ? { replyTo: { eventId: packet.id, memberId: this.ids[sender]! } } : {};
          this.say(m, at, dayEnd, { kind: 'text', length: text.length, text, textHash: fnv1a(text), ...reply }, false);
        }
        return;
      }
      case 'welcome': {
        const host = this.drawPresent(this.hosts, slot.t, slot.member);
        if (host < 0 || !this.here(slot.member, slot.t)) return;
        this.say(host, slot.t, dayEnd, { kind: 'text', length: this.rng.int(8, 60), mentions: [this.ids[slot.member]!] });
        return;
      }
      case 'ad': {
        if (!this.here(slot.member, slot.t)) return;
        const ads = this.s.spammers.ads[this.spamSlot[slot.member]!]!;
        const text = AD_TEXTS[this.rng.pick(ads)]!;
        this.say(slot.member, slot.t, dayEnd, { kind: 'link', length: text.length, text, hasLink: true, textHash: fnv1a(text) }, false);
        if (this.plan.removesSpam(t) && this.leftAt[slot.member] === Infinity) {
          const by = this.drawPresent(this.hosts, slot.t);
          const at = Math.min(dayEnd, slot.t + this.rng.int(5, 180) * MINUTE);
          this.leave(slot.member, at, 'removed', by < 0 ? undefined : by);
        }
        return;
      }
    }
  }

  private chatBody(target: Recent | null, mentions: string[] | undefined): NonNullable<Extract<ChatEventInput, { type: 'message' }>['message']> {
    const chinese = isChinesePlatform(this.s.platform);
    const r = this.rng.next();
    const body: NonNullable<Extract<ChatEventInput, { type: 'message' }>['message']> =
      r < 0.72 ? { kind: 'text', length: Math.max(1, Math.round(this.rng.lognormal(18, 0.9))) }
      : r < 0.82 ? { kind: 'image' }
      : r < 0.89 ? { kind: 'sticker' }
      : r < 0.93 ? (chinese ? { kind: 'voice', length: this.rng.int(2, 59) } : { kind: 'text', length: this.rng.int(2, 40) })
      : r < 0.965 ? { kind: 'link', length: this.rng.int(20, 120), hasLink: true }
      : r < 0.975 ? { kind: 'file' }
      : r < 0.985 ? { kind: 'video' }
      : chinese ? { kind: 'mini_program' } : { kind: 'text', length: this.rng.int(5, 80) };
    if (target) {
      // Some platforms' exports give only the replied-to message id; consumers must resolve the author.
      body.replyTo = this.rng.chance(0.8) ? { eventId: target.id, memberId: this.ids[target.author]! } : { eventId: target.id };
    }
    if (mentions?.length) body.mentions = mentions;
    return body;
  }

  /** A recent earlier message, favouring KOLs and core members and fresher messages. */
  private pickTarget(at: number, author: number): Recent | null {
    const weights: number[] = [];
    const recent = this.recent;
    let decay = 1;
    for (let i = recent.length - 1; i >= 0; i--) {
      const r = recent[i]!;
      weights.push(r.t < at && r.author !== author ? ATTRACT[this.roles[r.author]!] * decay : 0);
      decay *= 0.85;
    }
    const k = this.rng.weighted(weights);
    return k < 0 ? null : recent[recent.length - 1 - k]!;
  }

  private pickMentions(at: number, author: number): string[] | undefined {
    const out: string[] = [];
    const n = this.rng.chance(0.8) ? 1 : 2;
    for (let i = 0; i < n; i++) {
      const m = this.drawPresent(this.attractPool, at, author);
      if (m >= 0 && !out.includes(this.ids[m]!)) out.push(this.ids[m]!);
    }
    return out.length ? out : undefined;
  }

  /** Emits a message (and the reactions it draws) and remembers it as a possible reply target. */
  private say(
    author: number, at: number, dayEnd: number,
    message: NonNullable<Extract<ChatEventInput, { type: 'message' }>['message']>, react = true,
  ): Recent {
    const id = this.nextId();
    this.emit(at, {
      eventId: id, tenantId: this.s.tenantId, platform: this.s.platform, groupId: this.s.groupId,
      type: 'message', occurredAt: at, memberId: this.ids[author]!, message,
    });
    const role = this.roles[author]!;
    if (role !== 'spammer' && at > this.lastHumanAt) this.lastHumanAt = at;
    const rec: Recent = { id, author, t: at };
    this.recent.push(rec);
    if (this.recent.length > 40) this.recent = this.recent.slice(-30);
    if (react && role !== 'spammer') {
      const n = this.rng.poisson(0.35 * REACTION_RATE[this.s.platform] * REACTED[role]);
      for (let i = 0; i < n; i++) {
        const when = Math.min(dayEnd, at + SECOND + Math.floor(this.rng.geometric(20) * MINUTE + this.rng.int(0, 59) * SECOND));
        const m = this.drawPresent(this.reactors, when, author);
        if (m < 0) continue;
        this.emit(when, {
          eventId: this.nextId(), tenantId: this.s.tenantId, platform: this.s.platform, groupId: this.s.groupId,
          type: 'reaction', occurredAt: when, memberId: this.ids[m]!,
          reaction: this.rng.chance(0.85)
            ? { targetEventId: id, targetMemberId: this.ids[author]!, emoji: this.rng.pick(EMOJI) }
            : { targetEventId: id, emoji: this.rng.pick(EMOJI) },
        });
      }
    }
    return rec;
  }

  private nextId(): string {
    return `${this.s.groupId}.${(this.seq++).toString(36)}`;
  }

  private emit(at: number, e: ChatEventInput): void {
    this.out.push({ t: at, g: this.s.index, o: this.order++, e });
  }
}
