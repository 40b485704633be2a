import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../rules.js';
import type { Channel } from '../routing.js';
import type { GroupFacts } from '../types.js';
import { buildRequest, responseError } from './payloads.js';

const facts: GroupFacts = {
  tenantId: 't', platform: 'wecom', groupId: 'g7', groupName: '读书会', purpose: 'interest', day: '2026-03-01',
  status: 'stable', previousStatus: 'stable', healthScore: 40, members: 60, activeMembers7d: 10, messages7d: 50,
  reasonCodes: [], reasonDetails: [], leaves7d: 0, leavesBaseline7d: 0, adMessages7d: 0, humanMessages7d: 50, adBaseline7d: 0,
  newcomers7d: 0, newcomersWelcomed7d: 0,
  departedKols: [{ memberId: 'alice', rank: 1, score: 1 }], remainingKols: [{ memberId: 'bob', rank: 2, score: 0.6 }],
};
const alert = evaluateRules(facts)[0]!;
const ch = (type: Channel['type'], secret?: string): Channel =>
  ({ name: type, type, url: 'https://example.com/hook?key=abc', maxPerMinute: 20, ...(secret ? { secret } : {}) });
const NOW = 1_772_000_000_123;

describe('webhook payloads', () => {
  it('WeCom: markdown message naming the group, evidence and suggested host', () => {
    const req = buildRequest(ch('wecom'), alert, 'zh', NOW);
    const body = req.body as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('读书会');
    expect(body.markdown.content).toContain('核心KOL离开');
    expect(body.markdown.content).toContain('bob');
  });

  it('DingTalk: signs timestamp and secret into the query string', () => {
    const req = buildRequest(ch('dingtalk', 'SEC123'), alert, 'en', NOW);
    const u = new URL(req.url);
    expect(u.searchParams.get('key')).toBe('abc');
    expect(u.searchParams.get('timestamp')).toBe(String(NOW));
    const expected = createHmac('sha256', 'SEC123').update(`${NOW}\nSEC123`).digest('base64');
    expect(u.searchParams.get('sign')).toBe(expected);
    const body = req.body as { msgtype: string; markdown: { title: string; text: string } };
    expect(body.markdown.title).toMatch(/KOL departed/);
    expect(body.markdown.text).toContain('Ask the next most central members to host: bob');
  });

  it('Feishu: interactive card with seconds timestamp and signature', () => {
    const body = buildRequest(ch('feishu', 's'), alert, 'zh', NOW).body as Record<string, unknown>;
    expect(body.msg_type).toBe('interactive');
    const ts = Math.floor(NOW / 1000);
    expect(body.timestamp).toBe(String(ts));
    expect(body.sign).toBe(createHmac('sha256', `${ts}\ns`).update('').digest('base64'));
  });

  it('Slack: text fallback plus blocks', () => {
    const body = buildRequest(ch('slack'), alert, 'en', NOW).body as { text: string; blocks: { type: string }[] };
    expect(body.text).toContain('KOL departed');
    expect(body.blocks[0]?.type).toBe('header');
  });

  it('treats app-level error codes in a 200 response as failures', () => {
    expect(responseError('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toBeUndefined();
    expect(responseError('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toMatch(/310000/);
    expect(responseError('feishu', 200, '{"code":19021,"msg":"sign match fail"}')).toMatch(/19021/);
    expect(responseError('slack', 500, 'oops')).toBe('HTTP 500: oops');
    expect(responseError('webhook', 204, '')).toBeUndefined();
  });
});
