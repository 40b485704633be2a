// What an alert says, in Chinese or English: what happened, the numbers, and what to do next.
import type { Alert, AlertRule, Evidence, Language, Severity } from '../types.js';

export interface AlertText {
  title: string;
  /** What happened, one sentence with the key numbers. */
  detail: string;
  /** The suggested next step, drawn from the rule (and the departed KOL's successors). */
  action: string;
  /** Evidence as label/value lines. */
  evidence: { label: string; value: string }[];
  severityLabel: string;
  groupLabel: string;
}

const SEVERITY: Record<Language, Record<Severity, string>> = {
  zh: { info: '提示', warning: '警告', critical: '严重' },
  en: { info: 'info', warning: 'warning', critical: 'critical' },
};

const EVIDENCE_LABELS: Record<Language, Record<string, string>> = {
  zh: {
    health_score: '健康分', members: '成员数', active_members_7d: '7日活跃成员', messages_7d: '7日消息数',
    previous_status: '之前状态', reasons: '原因代码', departed: '离开的KOL', departed_top_rank: '离开者最高排名',
    remaining_kols: '剩余KOL数', leaves_7d: '7日退群', leaves_baseline_7d: '此前每7日平均退群', churn_rate_7d: '7日流失率',
    ad_messages_7d: '7日广告消息', ad_share_7d: '广告占比', ad_baseline_7d: '此前每7日平均广告',
    newcomers_7d: '7日新人', newcomers_welcomed_7d: '被欢迎的新人', welcomed_share_7d: '新人被回应比例',
    questions_7d: '7日待回复提问', answered_7d: '已回复', answered_in_time_7d: '按时回复', overdue_7d: '超时未回复',
    in_time_share_7d: '按时回复率', sla_target_minutes: '目标响应(工作分钟)', p50_minutes: '响应中位数(分钟)', p90_minutes: '响应P90(分钟)',
  },
  en: {
    health_score: 'health score', members: 'members', active_members_7d: 'active members (7d)', messages_7d: 'messages (7d)',
    previous_status: 'previous status', reasons: 'reason codes', departed: 'departed KOLs', departed_top_rank: 'highest departed rank',
    remaining_kols: 'remaining KOLs', leaves_7d: 'leaves (7d)', leaves_baseline_7d: 'usual leaves per 7d', churn_rate_7d: 'churn rate (7d)',
    ad_messages_7d: 'ad messages (7d)', ad_share_7d: 'ad share', ad_baseline_7d: 'usual ads per 7d',
    newcomers_7d: 'newcomers (7d)', newcomers_welcomed_7d: 'newcomers welcomed', welcomed_share_7d: 'share welcomed',
    questions_7d: 'questions waiting for staff (7d)', answered_7d: 'answered', answered_in_time_7d: 'answered in time', overdue_7d: 'unanswered past target',
    in_time_share_7d: 'share answered in time', sla_target_minutes: 'target (work minutes)', p50_minutes: 'median response (min)', p90_minutes: 'p90 response (min)',
  },
};

const pct = (v: number | string | undefined) => `${Math.round(Number(v ?? 0) * 100)}%`;

type Phrase = (e: Evidence, a: Alert) => string;

/** A rule's name as its alerts are titled. */
export function ruleTitle(rule: AlertRule, lang: Language): string {
  return TITLES[lang][rule];
}

const TITLES: Record<Language, Record<AlertRule, string>> = {
  zh: {
    group_dying: '群进入濒死状态', group_died: '群已沉寂', kol_departed: '核心KOL离开', churn_spike: '退群激增',
    ad_surge: '广告激增', newcomers_ignored: '新人无人理睬', sla_breached: '响应超时',
  },
  en: {
    group_dying: 'Group turned dying', group_died: 'Group died', kol_departed: 'KOL departed', churn_spike: 'Churn spike',
    ad_surge: 'Ad surge', newcomers_ignored: 'Newcomers ignored', sla_breached: 'Response SLA broken',
  },
};

const DETAILS: Record<Language, Record<AlertRule, Phrase>> = {
  zh: {
    group_dying: (e) => `健康分降至 ${e.health_score},近7日仅 ${e.active_members_7d}/${e.members} 人发言、${e.messages_7d} 条消息(之前状态:${e.previous_status})。`,
    group_died: (e) => `近7日没有真人对话:${e.messages_7d} 条消息、${e.active_members_7d} 人活跃,成员 ${e.members} 人。`,
    kol_departed: (e) => `排名第 ${e.departed_top_rank} 的KOL已退群(${e.departed}),群内剩余KOL ${e.remaining_kols} 人。`,
    churn_spike: (e) => `近7日 ${e.leaves_7d} 人退群,是此前平均(${e.leaves_baseline_7d})的数倍,流失率 ${pct(e.churn_rate_7d)}。`,
    ad_surge: (e) => `近7日广告 ${e.ad_messages_7d} 条,占全部消息 ${pct(e.ad_share_7d)},此前平均每7日 ${e.ad_baseline_7d} 条。`,
    newcomers_ignored: (e) => `近7日 ${e.newcomers_7d} 位新人入群,只有 ${e.newcomers_welcomed_7d} 位得到回应(${pct(e.welcomed_share_7d)})。`,
    sla_breached: (e) => `近7日成员提问 ${e.questions_7d} 次,只有 ${pct(e.in_time_share_7d)} 在 ${e.sla_target_minutes} 个工作分钟内得到员工回复;${e.overdue_7d} 个仍超时未回复,响应P90为 ${e.p90_minutes} 分钟。`,
  },
  en: {
    group_dying: (e) => `Health score fell to ${e.health_score}; only ${e.active_members_7d} of ${e.members} members spoke in 7 days, ${e.messages_7d} messages (was ${e.previous_status}).`,
    group_died: (e) => `No real conversation in 7 days: ${e.messages_7d} messages, ${e.active_members_7d} active of ${e.members} members.`,
    kol_departed: (e) => `The rank-${e.departed_top_rank} KOL left the group (${e.departed}); ${e.remaining_kols} KOLs remain.`,
    churn_spike: (e) => `${e.leaves_7d} members left in 7 days against a usual ${e.leaves_baseline_7d}; churn rate ${pct(e.churn_rate_7d)}.`,
    ad_surge: (e) => `${e.ad_messages_7d} ad messages in 7 days, ${pct(e.ad_share_7d)} of all messages, against a usual ${e.ad_baseline_7d}.`,
    newcomers_ignored: (e) => `${e.newcomers_7d} newcomers joined in 7 days and only ${e.newcomers_welcomed_7d} got a reply (${pct(e.welcomed_share_7d)}).`,
    sla_breached: (e) => `Members asked ${e.questions_7d} times in 7 days and only ${pct(e.in_time_share_7d)} got a staff reply within ${e.sla_target_minutes} work minutes; ${e.overdue_7d} are still unanswered past the target, p90 response ${e.p90_minutes} min.`,
  },
};

const ACTIONS: Record<Language, Record<AlertRule, Phrase>> = {
  zh: {
    group_dying: () => '安排一次固定的群仪式(如每周分享/答疑),请核心成员带头发言,清理广告并设置入群门槛。',
    group_died: () => '决定是重启(新主题+核心成员邀请制)还是归档;把仍活跃的成员引导到健康的群。',
    kol_departed: (_e, a) => a.suggestedHosts.length
      ? `请下一批最核心的成员主持讨论:${a.suggestedHosts.join('、')};一对一联系他们并给予身份认可。`
      : '群内已无其他核心成员:尽快邀请新的KOL或由运营亲自主持。',
    churn_spike: () => '私聊最近退群的成员了解原因,检查是否有广告或争吵;本周安排一次有价值的分享。',
    ad_surge: () => '移除发广告的成员,开启入群审核或邀请制,并在群公告中重申群规。',
    newcomers_ignored: () => '指定一位欢迎官,新人入群后一小时内@欢迎并引导自我介绍。',
    sla_breached: () => '先回复超时未答的提问;排好工作时间内的值班客服,并为常见问题准备快捷回复。',
  },
  en: {
    group_dying: () => 'Start a regular ritual (weekly share or Q&A), ask core members to lead the conversation, clear ads and add an entry threshold.',
    group_died: () => 'Decide to relaunch (new topic, invitation-only with core members) or archive; move still-active members to a healthy group.',
    kol_departed: (_e, a) => a.suggestedHosts.length
      ? `Ask the next most central members to host: ${a.suggestedHosts.join(', ')}; reach out one-to-one and give them a visible role.`
      : 'No other central members remain: invite a new KOL or have an operator host the group now.',
    churn_spike: () => 'Message recent leavers to learn why, check for ads or conflict, and schedule something of value this week.',
    ad_surge: () => 'Remove the advertisers, require approval or invitation to join, and restate the group rules.',
    newcomers_ignored: () => 'Assign a welcomer who greets every newcomer within an hour and invites an introduction.',
    sla_breached: () => 'Answer the overdue questions first; put someone on duty for the group in work hours and prepare quick replies for common questions.',
  },
};

export function alertText(a: Alert, lang: Language): AlertText {
  const labels = EVIDENCE_LABELS[lang];
  return {
    title: TITLES[lang][a.rule],
    detail: DETAILS[lang][a.rule](a.evidence, a),
    action: ACTIONS[lang][a.rule](a.evidence, a),
    evidence: Object.entries(a.evidence).map(([k, v]) => ({ label: labels[k] ?? k, value: String(v) })),
    severityLabel: SEVERITY[lang][a.severity],
    groupLabel: `${a.groupName || a.groupId} (${a.platform}/${a.groupId})`,
  };
}

export const LABELS: Record<Language, { group: string; day: string; evidence: string; action: string; open: string }> = {
  zh: { group: '群', day: '日期', evidence: '依据', action: '建议', open: '查看看板' },
  en: { group: 'Group', day: 'Day', evidence: 'Evidence', action: 'Suggested action', open: 'Open dashboard' },
};
