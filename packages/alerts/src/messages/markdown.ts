import type { Alert, Language } from '../types.js';
import { alertText, LABELS } from './text.js';

/** The Markdown body shared by WeCom and DingTalk (both render a Markdown subset). */
export function alertMarkdown(a: Alert, lang: Language, dashboardUrl?: string): { title: string; text: string } {
  const t = alertText(a, lang);
  const L = LABELS[lang];
  const title = `[${t.severityLabel}] ${t.title}: ${a.groupName || a.groupId}`;
  const lines = [
    `### ${title}`,
    `**${L.group}**: ${t.groupLabel}`,
    `**${L.day}**: ${a.day}`,
    '',
    t.detail,
    '',
    `**${L.evidence}**:`,
    ...t.evidence.map((e) => `- ${e.label}: ${e.value}`),
    '',
    `**${L.action}**: ${t.action}`,
  ];
  if (dashboardUrl) lines.push('', `[${L.open}](${dashboardUrl})`);
  return { title, text: lines.join('\n') };
}
