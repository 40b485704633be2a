// Alert rules over one group's facts. Pure: the same facts always give the same alerts.
import { alertId } from './alert-id.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';
import type { Alert, AlertRule, Evidence, GroupFacts, Severity } from './types.js';

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number) => (b > 0 ? a / b : a > 0 ? Infinity : 0);

function make(f: GroupFacts, rule: AlertRule, severity: Severity, evidence: Evidence, suggestedHosts: string[] = []): Alert {
  return {
    alertId: alertId({ tenantId: f.tenantId, platform: f.platform, groupId: f.groupId, rule, day: f.day }),
    tenantId: f.tenantId, platform: f.platform, groupId: f.groupId, groupName: f.groupName, purpose: f.purpose,
    rule, severity, day: f.day, evidence, reasonCodes: f.reasonCodes, suggestedHosts,
  };
}

const DEAD_OR_DYING = new Set(['dying', 'dead']);

export function evaluateRules(f: GroupFacts, t: Thresholds = DEFAULT_THRESHOLDS): Alert[] {
  const out: Alert[] = [];
  const base: Evidence = { health_score: round(f.healthScore), members: f.members, active_members_7d: f.activeMembers7d, messages_7d: f.messages7d };

  // Status transitions fire once, on the day the status changes.
  if (f.status === 'dead' && f.previousStatus !== 'dead') {
    out.push(make(f, 'group_died', 'critical', { ...base, previous_status: f.previousStatus ?? 'unknown' }));
  } else if (f.status === 'dying' && !DEAD_OR_DYING.has(f.previousStatus ?? '')) {
    out.push(make(f, 'group_dying', 'critical', { ...base, previous_status: f.previousStatus ?? 'unknown', reasons: f.reasonCodes.join(',') }));
  }

  const departed = f.departedKols.filter((k) => k.rank <= t.kolTopRank);
  if (departed.length > 0) {
    const hosts = f.remainingKols.slice(0, 3).map((k) => k.memberId);
    out.push(make(f, 'kol_departed', departed.some((k) => k.rank === 1) ? 'critical' : 'warning', {
      ...base,
      departed: departed.map((k) => k.memberId).join(','),
      departed_top_rank: Math.min(...departed.map((k) => k.rank)),
      remaining_kols: f.remainingKols.length,
    }, hosts));
  }

  if (f.status !== 'dead') {
    const churnRatio = ratio(f.leaves7d, f.leavesBaseline7d);
    if (f.leaves7d >= t.churnSpikeMinLeaves && churnRatio >= t.churnSpikeRatio) {
      out.push(make(f, 'churn_spike', 'warning', {
        ...base, leaves_7d: f.leaves7d, leaves_baseline_7d: round(f.leavesBaseline7d),
        churn_rate_7d: round(ratio(f.leaves7d, f.members + f.leaves7d), 3),
      }));
    }

    const total = f.adMessages7d + f.humanMessages7d;
    const adShare = total > 0 ? f.adMessages7d / total : 0;
    if (f.adMessages7d >= t.adSurgeMinMessages && adShare >= t.adShare && ratio(f.adMessages7d, f.adBaseline7d) >= t.adSurgeRatio) {
      out.push(make(f, 'ad_surge', 'warning', {
        ...base, ad_messages_7d: f.adMessages7d, ad_share_7d: round(adShare, 3), ad_baseline_7d: round(f.adBaseline7d),
      }));
    }

    const welcomedShare = f.newcomers7d > 0 ? f.newcomersWelcomed7d / f.newcomers7d : 1;
    if (f.newcomers7d >= t.newcomersMin && welcomedShare < t.newcomersWelcomedShare) {
      out.push(make(f, 'newcomers_ignored', 'warning', {
        ...base, newcomers_7d: f.newcomers7d, newcomers_welcomed_7d: f.newcomersWelcomed7d,
        welcomed_share_7d: round(welcomedShare, 3),
      }));
    }

    // The tenant's service level decides the breach; the alert fires on the day it breaks.
    const sla = f.sla;
    if (sla && sla.breached && !sla.breachedBefore) {
      out.push(make(f, 'sla_breached', 'warning', {
        ...base, questions_7d: sla.questions, answered_7d: sla.answered, answered_in_time_7d: sla.withinTarget,
        overdue_7d: sla.overdue, in_time_share_7d: sla.withinShare ?? 0, sla_target_minutes: sla.targetMinutes,
        p50_minutes: sla.p50Minutes ?? '-', p90_minutes: sla.p90Minutes ?? '-',
      }));
    }
  }
  return out;
}
