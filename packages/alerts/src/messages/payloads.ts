// Each chat app's documented webhook body, signing and success response.
//   WeCom group robot:   POST {msgtype:"markdown", markdown:{content}}          → {errcode:0}
//   DingTalk robot:      POST ?timestamp&sign, {msgtype:"markdown", markdown:{title,text}} → {errcode:0}
//                        sign = urlencode(base64(HMAC-SHA256(key=secret, `${timestamp}\n${secret}`)))
//   Feishu/Lark bot:     POST {msg_type:"interactive", card, timestamp?, sign?}  → {code:0}
//                        sign = base64(HMAC-SHA256(key=`${timestamp}\n${secret}`, empty message))
//   Slack incoming hook: POST {text, blocks}                                     → "ok"
//   Generic webhook:     POST the alert as JSON with the rendered text           → any 2xx
import { createHmac } from 'node:crypto';
import type { Alert, ChannelType, Language } from '../types.js';
import type { Channel } from '../routing.js';
import { alertMarkdown } from './markdown.js';
import { alertText, LABELS } from './text.js';

export interface WebhookRequest {
  url: string;
  body: unknown;
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

export function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/** The DingTalk robot's URL, signed when the channel has a secret. */
export function dingtalkUrl(channel: Channel, now: number): string {
  return channel.secret ? withQuery(channel.url, { timestamp: String(now), sign: dingtalkSign(channel.secret, now) }) : channel.url;
}

/** A Feishu interactive card request, signed in the body when the channel has a secret. */
export function feishuCardRequest(channel: Channel, card: unknown, now: number): WebhookRequest {
  const body: Record<string, unknown> = { msg_type: 'interactive', card };
  if (channel.secret) {
    const ts = Math.floor(now / 1000);
    body.timestamp = String(ts);
    body.sign = feishuSign(channel.secret, ts);
  }
  return { url: channel.url, body };
}

export function buildRequest(channel: Channel, a: Alert, lang: Language, now: number, dashboardUrl?: string): WebhookRequest {
  const t = alertText(a, lang);
  const L = LABELS[lang];
  switch (channel.type) {
    case 'wecom': {
      const md = alertMarkdown(a, lang, dashboardUrl);
      return { url: channel.url, body: { msgtype: 'markdown', markdown: { content: md.text } } };
    }
    case 'dingtalk': {
      const md = alertMarkdown(a, lang, dashboardUrl);
      return { url: dingtalkUrl(channel, now), body: { msgtype: 'markdown', markdown: { title: md.title, text: md.text } } };
    }
    case 'feishu': {
      const elements: unknown[] = [
        { tag: 'div', text: { tag: 'lark_md', content: `**${L.group}**: ${t.groupLabel}\n**${L.day}**: ${a.day}\n${t.detail}` } },
        { tag: 'div', text: { tag: 'lark_md', content: `**${L.evidence}**\n${t.evidence.map((e) => `${e.label}: ${e.value}`).join('\n')}` } },
        { tag: 'div', text: { tag: 'lark_md', content: `**${L.action}**: ${t.action}` } },
      ];
      if (dashboardUrl) elements.push({ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: L.open }, url: dashboardUrl, type: 'default' }] });
      return feishuCardRequest(channel, {
        header: { title: { tag: 'plain_text', content: `[${t.severityLabel}] ${t.title}: ${a.groupName || a.groupId}` }, template: a.severity === 'critical' ? 'red' : 'orange' },
        elements,
      }, now);
    }
    case 'slack': {
      const head = `[${t.severityLabel}] ${t.title}: ${a.groupName || a.groupId}`;
      const evidence = t.evidence.map((e) => `• ${e.label}: ${e.value}`).join('\n');
      const blocks: unknown[] = [
        { type: 'header', text: { type: 'plain_text', text: head.slice(0, 150) } },
        { type: 'section', text: { type: 'mrkdwn', text: `*${L.group}*: ${t.groupLabel}\n*${L.day}*: ${a.day}\n${t.detail}` } },
        { type: 'section', text: { type: 'mrkdwn', text: `*${L.evidence}*\n${evidence}` } },
        { type: 'section', text: { type: 'mrkdwn', text: `*${L.action}*: ${t.action}` } },
      ];
      if (dashboardUrl) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${dashboardUrl}|${L.open}>` }] });
      return { url: channel.url, body: { text: `${head}\n${t.detail}\n${L.action}: ${t.action}`, blocks } };
    }
    case 'webhook':
      return {
        url: channel.url,
        body: {
          schema: 'qunpulse.alert/v1',
          alert: a,
          language: lang,
          title: t.title, detail: t.detail, action: t.action, severity: a.severity,
          ...(dashboardUrl ? { dashboardUrl } : {}),
        },
      };
  }
}

/**
 * WeCom, DingTalk and Feishu answer HTTP 200 with an error code in the body when they refuse a
 * message (bad signature, rate limit), so a 200 alone is not success.
 */
export function responseError(type: ChannelType, status: number, text: string): string | undefined {
  if (status < 200 || status >= 300) return `HTTP ${status}: ${text.slice(0, 300)}`;
  if (type === 'slack' || type === 'webhook') return undefined;
  let json: { errcode?: number; errmsg?: string; code?: number; msg?: string; StatusCode?: number };
  try { json = JSON.parse(text) as typeof json; } catch { return `unexpected response: ${text.slice(0, 300)}`; }
  if (type === 'feishu') {
    const code = json.code ?? json.StatusCode ?? 0;
    return code === 0 ? undefined : `feishu code ${code}: ${json.msg ?? ''}`;
  }
  return (json.errcode ?? 0) === 0 ? undefined : `${type} errcode ${json.errcode}: ${json.errmsg ?? ''}`;
}
