// The weekly digest in each chat app's documented webhook body (the same shapes as alerts: see
// ../messages/payloads.ts), with the link to the report.
import type { Channel } from '../routing.js';
import type { Language } from '../types.js';
import { dingtalkUrl, feishuCardRequest, type WebhookRequest } from '../messages/payloads.js';
import { digestMarkdown, digestText } from './text.js';
import type { WeeklyDigest } from './types.js';

export function buildDigestRequest(channel: Channel, d: WeeklyDigest, lang: Language, now: number): WebhookRequest {
  const link = digestText(d, lang).linkLabel;
  switch (channel.type) {
    case 'wecom': {
      const md = digestMarkdown(d, lang);
      return { url: channel.url, body: { msgtype: 'markdown', markdown: { content: `${md.text}\n\n[${link}](${d.reportUrl})` } } };
    }
    case 'dingtalk': {
      const md = digestMarkdown(d, lang);
      return { url: dingtalkUrl(channel, now), body: { msgtype: 'markdown', markdown: { title: md.title, text: `${md.text}\n\n[${link}](${d.reportUrl})` } } };
    }
    case 'feishu': {
      const t = digestText(d, lang);
      return feishuCardRequest(channel, {
        header: { title: { tag: 'plain_text', content: t.title }, template: 'blue' },
        elements: [
          ...t.sections.map((s) => ({ tag: 'div', text: { tag: 'lark_md', content: `**${s.heading}**\n${s.lines.map((l) => `- ${l}`).join('\n')}` } })),
          { tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: link }, url: d.reportUrl, type: 'default' }] },
        ],
      }, now);
    }
    case 'slack': {
      const t = digestText(d, lang);
      const md = digestMarkdown(d, lang, (s) => `*${s}*`);
      return {
        url: channel.url,
        body: {
          text: `${md.text}\n<${d.reportUrl}|${link}>`,
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: t.title.slice(0, 150) } },
            ...t.sections.map((s) => ({ type: 'section', text: { type: 'mrkdwn', text: `*${s.heading}*\n${s.lines.map((l) => `• ${l}`).join('\n')}`.slice(0, 3000) } })),
            { type: 'context', elements: [{ type: 'mrkdwn', text: `<${d.reportUrl}|${link}>` }] },
          ],
        },
      };
    }
    case 'webhook':
      return { url: channel.url, body: { schema: 'qunpulse.digest/v1', digest: d, language: lang, text: digestMarkdown(d, lang).text } };
  }
}
