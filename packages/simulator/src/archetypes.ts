// Lifecycle archetypes: each is a plan of how a group is born, how it behaves day by day and how it
// ends. The numbers follow what community operators report: groups thrive on KOLs who answer,
// core members who welcome, invitation growth and a weekly ritual; they die when the KOL leaves,
// when anyone can scan in, when ads and red packets replace conversation.
import type { GroupPurpose, JoinVia } from '@qunpulse/contracts';
import type { GroupStatus } from './truth.js';
import type { Rng } from './random.js';

export const ARCHETYPES = [
  'healthy', 'steady', 'big_survives_kol_loss', 'declining', 'kol_collapse',
  'scan_and_die', 'ad_overrun', 'red_packet_farm', 'fade', 'new',
] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/**
 * Archetype of the i-th group. A fixed interleaving rather than a draw, so that even 20 groups
 * hold every archetype and 60 groups hold each at least three times.
 */
const ROTATION: readonly Archetype[] = [
  'healthy', 'kol_collapse', 'steady', 'scan_and_die', 'declining', 'ad_overrun', 'healthy',
  'red_packet_farm', 'big_survives_kol_loss', 'fade', 'steady', 'new', 'healthy', 'scan_and_die',
  'declining', 'kol_collapse', 'steady', 'ad_overrun', 'healthy', 'scan_and_die',
];

export function archetypeFor(index: number): Archetype {
  return ROTATION[index % ROTATION.length]!;
}

/** Join channels in the order of `Plan.via` weights. */
export const VIAS: readonly JoinVia[] = ['invite', 'qr_code', 'link', 'admin'];

export interface Plan {
  archetype: Archetype;
  /** Status at the end unless the group went silent (dead) or is younger than 14 days (new). */
  intended: GroupStatus;
  purpose: GroupPurpose;
  createdDay: number;
  /** Members who join in the first days (owner excluded). */
  founders: number;
  /** Days over which founders arrive. */
  founderDays: number;
  founderVia: JoinVia;
  kols: number;
  /** Shares of founders and later joiners who are core / regular (the rest lurk). */
  coreShare: number;
  regularShare: number;
  /** Day from which no human speaks any more; Infinity when the group never dies. */
  deathDay: number;
  /** Day on which the top KOL leaves; Infinity when they stay. */
  kolDepartDay: number;
  /** Multiplier on the group's conversation rate (0 = silent). */
  activity(t: number): number;
  joinsPerDay(t: number, members: number): number;
  /** Weights over VIAS for later joiners. */
  via: readonly number[];
  /** Daily probability that a given ordinary member leaves. */
  churn(t: number): number;
  /** Daily probability that a new spammer arrives. */
  spamArrival(t: number): number;
  /** Ads per day per present spammer. */
  adsPerDay(t: number): number;
  /** Whether an admin still removes spammers after their first ad. */
  removesSpam(t: number): boolean;
  redPacketsPerDay(t: number): number;
  /** Whether the weekly ritual (share session, weekly thread) still happens. */
  ritual(t: number): boolean;
  /** Probability that a newcomer is welcomed by name. */
  welcome(t: number): number;
  /** Probability that a message replies to an earlier one. */
  replyProb(t: number): number;
}

const HEALTHY_VIA = [0.7, 0.06, 0.1, 0.14];
const LOOSE_VIA = [0.4, 0.25, 0.25, 0.1];

function purposeFor(rng: Rng, options: readonly GroupPurpose[]): GroupPurpose {
  return rng.pick(options);
}

const linear = (from: number, to: number, t0: number, t1: number) => (t: number) =>
  t <= t0 ? from : t >= t1 ? to : from + ((to - from) * (t - t0)) / (t1 - t0);

/** Draws the plan of one group. `days` is the simulated period; days are indices 0..days-1. */
export function planGroup(archetype: Archetype, rng: Rng, days: number): Plan {
  const early = () => rng.int(0, Math.max(0, Math.min(6, days - 15)));
  const always = () => true;
  const never = () => false;
  switch (archetype) {
    case 'healthy': {
      const created = early();
      return {
        archetype, intended: 'thriving', purpose: purposeFor(rng, ['interest', 'networking', 'influence', 'support', 'brand']),
        createdDay: created, founders: rng.int(40, 150), founderDays: 3, founderVia: 'invite', kols: rng.int(2, 3),
        coreShare: 0.1, regularShare: 0.45, deathDay: Infinity, kolDepartDay: Infinity,
        activity: (t) => Math.min(1, 0.6 + (t - created) * 0.06) * (1 + 0.4 * (t / days)),
        joinsPerDay: (_t, n) => 0.5 + n * 0.012, via: HEALTHY_VIA,
        churn: () => 0.0012, spamArrival: () => 0.04, adsPerDay: () => 1.5, removesSpam: always,
        redPacketsPerDay: () => 0.12, ritual: always, welcome: () => 0.75, replyProb: () => 0.32,
      };
    }
    case 'steady': {
      const created = early();
      return {
        archetype, intended: 'stable', purpose: purposeFor(rng, ['support', 'brand', 'networking', 'interest', 'other']),
        createdDay: created, founders: rng.int(30, 100), founderDays: 3, founderVia: 'invite', kols: rng.int(1, 2),
        coreShare: 0.08, regularShare: 0.4, deathDay: Infinity, kolDepartDay: Infinity,
        activity: (t) => Math.min(0.8, 0.5 + (t - created) * 0.05),
        joinsPerDay: (_t, n) => 0.2 + n * 0.004, via: HEALTHY_VIA,
        churn: () => 0.002, spamArrival: () => 0.05, adsPerDay: () => 1.5, removesSpam: always,
        redPacketsPerDay: () => 0.05, ritual: always, welcome: () => 0.45, replyProb: () => 0.28,
      };
    }
    case 'big_survives_kol_loss': {
      const created = early();
      const depart = created + Math.round(days * rng.range(0.35, 0.5));
      const dip = (t: number) => (t < depart ? 1 : t < depart + 7 ? 1 - 0.04 * (t - depart) : Math.min(0.95, 0.72 + 0.015 * (t - depart - 7)));
      return {
        archetype, intended: 'stable', purpose: purposeFor(rng, ['interest', 'influence', 'networking']),
        createdDay: created, founders: rng.int(350, 550), founderDays: 4, founderVia: 'invite', kols: rng.int(4, 5),
        coreShare: 0.08, regularShare: 0.35, deathDay: Infinity, kolDepartDay: depart,
        activity: (t) => Math.min(1, 0.6 + (t - created) * 0.06) * dip(t),
        joinsPerDay: (_t, n) => 0.5 + n * 0.006, via: HEALTHY_VIA,
        churn: (t) => (t >= depart && t < depart + 10 ? 0.005 : 0.0015), spamArrival: () => 0.05, adsPerDay: () => 1.5,
        removesSpam: always, redPacketsPerDay: () => 0.1, ritual: always, welcome: () => 0.6, replyProb: () => 0.3,
      };
    }
    case 'declining': {
      const created = early();
      const turn = Math.round(days * 0.35);
      const act = linear(1, 0.3, turn, days);
      return {
        archetype, intended: 'declining', purpose: purposeFor(rng, ['interest', 'networking', 'brand', 'influence']),
        createdDay: created, founders: rng.int(40, 120), founderDays: 3, founderVia: 'invite', kols: rng.int(1, 2),
        coreShare: 0.07, regularShare: 0.4, deathDay: Infinity, kolDepartDay: Infinity,
        activity: (t) => Math.min(1, 0.6 + (t - created) * 0.06) * act(t),
        joinsPerDay: (t, n) => (0.3 + n * 0.008) * act(t) * act(t), via: LOOSE_VIA,
        churn: linear(0.002, 0.008, turn, days), spamArrival: (t) => (t < turn ? 0.04 : 0.06), adsPerDay: () => 1,
        removesSpam: (t) => t < days * 0.6, redPacketsPerDay: () => 0.05, ritual: (t) => t < days * 0.5,
        welcome: linear(0.5, 0.1, turn, days), replyProb: linear(0.28, 0.15, turn, days),
      };
    }
    case 'kol_collapse': {
      const created = early();
      const depart = created + Math.round(days * rng.range(0.2, 0.78));
      const death = depart + rng.int(16, 26);
      return {
        archetype, intended: 'dying', purpose: purposeFor(rng, ['influence', 'interest', 'networking']),
        createdDay: created, founders: rng.int(60, 150), founderDays: 3, founderVia: 'invite', kols: 1,
        coreShare: 0.04, regularShare: 0.35, deathDay: death, kolDepartDay: depart,
        activity: (t) => (t < depart ? Math.min(1, 0.6 + (t - created) * 0.06) : Math.exp(-(t - depart) / 6)),
        joinsPerDay: (t, n) => (t < depart ? 0.4 + n * 0.01 : 0.1), via: HEALTHY_VIA,
        churn: (t) => (t < depart ? 0.0015 : t < death ? 0.012 : 0.004),
        spamArrival: (t) => (t < depart ? 0.03 : 0.25), adsPerDay: (t) => (t < death ? 0.8 : 1.6),
        removesSpam: (t) => t < depart, redPacketsPerDay: (t) => (t < depart ? 0.08 : 0),
        ritual: (t) => t < depart, welcome: (t) => (t < depart ? 0.6 : 0.05), replyProb: (t) => (t < depart ? 0.3 : 0.12),
      };
    }
    case 'scan_and_die': {
      const created = rng.int(Math.round(days * 0.05), Math.max(Math.round(days * 0.05), Math.round(days * 0.6)));
      const death = created + rng.int(9, 15);
      return {
        archetype, intended: 'dying', purpose: purposeFor(rng, ['sales', 'brand', 'interest', 'other']),
        createdDay: created, founders: rng.int(60, 220), founderDays: 3, founderVia: 'qr_code', kols: 0,
        coreShare: 0.02, regularShare: 0.3, deathDay: death, kolDepartDay: Infinity,
        activity: (t) => (t - created < 3 ? 1.1 : Math.exp(-(t - created - 3) / 2.5)),
        joinsPerDay: (t) => (t < death ? 2 : 0.2), via: [0.02, 0.85, 0.13, 0],
        churn: (t) => (t < death ? 0.02 : 0.004), spamArrival: (t) => (t - created < 2 ? 0 : 0.3),
        adsPerDay: (t) => (t < death ? 1 : 2), removesSpam: never, redPacketsPerDay: (t) => (t - created < 2 ? 0.6 : 0),
        ritual: never, welcome: () => 0.03, replyProb: () => 0.12,
      };
    }
    case 'ad_overrun': {
      const created = early();
      const death = Math.round(days * rng.range(0.65, 0.95));
      const act = linear(1, 0.08, Math.round(days * 0.2), death);
      return {
        archetype, intended: 'dying', purpose: purposeFor(rng, ['sales', 'networking', 'other']),
        createdDay: created, founders: rng.int(50, 150), founderDays: 3, founderVia: 'invite', kols: 1,
        coreShare: 0.05, regularShare: 0.35, deathDay: death, kolDepartDay: Infinity,
        activity: (t) => Math.min(1, 0.6 + (t - created) * 0.06) * act(t),
        joinsPerDay: (t, n) => (0.2 + n * 0.006) * act(t), via: LOOSE_VIA,
        churn: (t) => 0.002 + 0.01 * (t / days), spamArrival: (t) => 0.05 + 0.25 * (t / days),
        adsPerDay: (t) => 0.5 + 3 * (t / days), removesSpam: never, redPacketsPerDay: () => 0.03,
        ritual: never, welcome: act, replyProb: linear(0.25, 0.1, 0, death),
      };
    }
    case 'red_packet_farm': {
      const created = early();
      const packets = rng.range(2, 5);
      return {
        archetype, intended: 'dying', purpose: purposeFor(rng, ['sales', 'brand']),
        createdDay: created, founders: rng.int(80, 220), founderDays: 3, founderVia: 'qr_code', kols: 0,
        coreShare: 0.02, regularShare: 0.35, deathDay: Infinity, kolDepartDay: Infinity,
        activity: () => 0.12, joinsPerDay: (_t, n) => 0.5 + n * 0.004, via: [0.3, 0.5, 0.2, 0],
        churn: () => 0.004, spamArrival: () => 0.08, adsPerDay: () => 1.2, removesSpam: never,
        redPacketsPerDay: () => packets, ritual: never, welcome: () => 0.05, replyProb: () => 0.1,
      };
    }
    case 'fade': {
      const created = early();
      const death = Math.round(days * rng.range(0.4, 0.7));
      const act = linear(0.7, 0.05, created, death);
      return {
        archetype, intended: 'dying', purpose: purposeFor(rng, ['other', 'networking', 'interest', 'support']),
        createdDay: created, founders: rng.int(20, 60), founderDays: 2, founderVia: 'invite', kols: 0,
        coreShare: 0.03, regularShare: 0.4, deathDay: death, kolDepartDay: Infinity,
        activity: act, joinsPerDay: (t) => 0.3 * act(t), via: LOOSE_VIA,
        churn: () => 0.004, spamArrival: (t) => (t < days * 0.3 ? 0.01 : 0.15), adsPerDay: () => 1.2,
        removesSpam: never, redPacketsPerDay: () => 0.02, ritual: never, welcome: () => 0.1, replyProb: () => 0.15,
      };
    }
    case 'new': {
      const created = Math.max(0, days - rng.int(4, 12));
      return {
        archetype, intended: 'new', purpose: purposeFor(rng, ['interest', 'networking', 'influence', 'brand']),
        createdDay: created, founders: rng.int(15, 50), founderDays: 2, founderVia: 'invite', kols: 1,
        coreShare: 0.1, regularShare: 0.45, deathDay: Infinity, kolDepartDay: Infinity,
        activity: (t) => Math.min(1, 0.7 + (t - created) * 0.08),
        joinsPerDay: (_t, n) => 1 + n * 0.03, via: HEALTHY_VIA,
        churn: () => 0.002, spamArrival: () => 0.02, adsPerDay: () => 1, removesSpam: always,
        redPacketsPerDay: () => 0.15, ritual: always, welcome: () => 0.8, replyProb: () => 0.3,
      };
    }
  }
}
