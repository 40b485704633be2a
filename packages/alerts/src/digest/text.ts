// What the weekly digest says, in Chinese or English, as Markdown lines (WeCom, DingTalk and Feishu
// render a Markdown subset; Slack gets the same lines in its mrkdwn).
import type { Language } from '../types.js';
import type { WeeklyDigest } from './types.js';

const STATUS: Record<Language, Record<string, string>> = {
  zh: { thriving: '活跃', stable: '稳定', declining: '下滑', dying: '濒死', dead: '沉寂', new: '新群' },
  en: { thriving: 'thriving', stable: 'stable', declining: 'declining', dying: 'dying', dead: 'dead', new: 'new' },
};

const L = {
  zh: {
    title: (d: WeeklyDigest) => `qunpulse 周报 · ${d.tenantId} · ${d.weekStart} 至 ${d.weekEnd}`,
    status: '本周状态变化的群', noStatus: '本周没有群改变状态。',
    newKols: '新晋KOL', lostKols: '跌出前列的KOL', noKols: '本周KOL前列没有变化。',
    fading: '值得联系的渐冷成员', noFading: '本周没有明显渐冷的成员。',
    fadingLine: (before: number, recent: number) => `近14天 ${recent} 条消息,此前每14天约 ${before} 条`,
    newcomers: '本周新人留存',
    newcomerLine: (joined: number, spoke: number) => (joined === 0 ? '本周没有新人加入。' : `${joined} 人加入,其中 ${spoke} 人仍在群内并已发言(${Math.round((spoke / joined) * 100)}%)。`),
    rank: (r: number) => `第${r}名`, open: '查看完整报告',
  },
  en: {
    title: (d: WeeklyDigest) => `qunpulse weekly digest · ${d.tenantId} · ${d.weekStart} to ${d.weekEnd}`,
    status: 'Groups that changed status', noStatus: 'No group changed status this week.',
    newKols: 'New KOLs', lostKols: 'KOLs who dropped out', noKols: 'The top KOLs did not change this week.',
    fading: 'Fading members worth a message', noFading: 'No member is clearly fading this week.',
    fadingLine: (before: number, recent: number) => `${recent} messages in the last 14 days, about ${before} per 14 days before`,
    newcomers: "This week's newcomers",
    newcomerLine: (joined: number, spoke: number) => (joined === 0 ? 'Nobody new joined this week.' : `${joined} joined; ${spoke} are still here and have spoken (${Math.round((spoke / joined) * 100)}%).`),
    rank: (r: number) => `#${r}`, open: 'Open the full report',
  },
} as const;

const status = (lang: Language, s: string) => STATUS[lang][s] ?? s;

export interface DigestText {
  title: string;
  /** Sections, each a heading and its lines (Markdown list items). */
  sections: { heading: string; lines: string[] }[];
  linkLabel: string;
}

export function digestText(d: WeeklyDigest, lang: Language): DigestText {
  const t = L[lang];
  const kols = (list: WeeklyDigest['newKols']) => list.map((k) => `${k.member} (${k.platforms.join(', ')}, ${t.rank(k.rank)})`).join(lang === 'zh' ? '、' : ', ');
  const kolLines = [
    ...(d.newKols.length ? [`${t.newKols}: ${kols(d.newKols)}`] : []),
    ...(d.lostKols.length ? [`${t.lostKols}: ${kols(d.lostKols)}`] : []),
  ];
  return {
    title: t.title(d),
    sections: [
      { heading: t.status, lines: d.statusChanges.length ? d.statusChanges.map((c) => `${c.groupName || c.groupId}: ${status(lang, c.from)} → ${status(lang, c.to)}`) : [t.noStatus] },
      { heading: 'KOL', lines: kolLines.length ? kolLines : [t.noKols] },
      { heading: t.fading, lines: d.fading.length ? d.fading.map((f) => `${f.memberId} @ ${f.groupName || f.groupId}: ${t.fadingLine(f.before, f.recent)}`) : [t.noFading] },
      { heading: t.newcomers, lines: [t.newcomerLine(d.newcomers.joined, d.newcomers.spoke)] },
    ],
    linkLabel: t.open,
  };
}

/** The digest as one Markdown text (WeCom, DingTalk, Feishu). */
export function digestMarkdown(d: WeeklyDigest, lang: Language, bold = (s: string) => `**${s}**`): { title: string; text: string } {
  const t = digestText(d, lang);
  const lines = [`### ${t.title}`];
  for (const s of t.sections) lines.push('', bold(s.heading), ...s.lines.map((l) => `- ${l}`));
  return { title: t.title, text: lines.join('\n') };
}
