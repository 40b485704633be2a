import { describe, expect, it } from 'vitest';
import { evaluateRules } from './rules.js';
import { inQuietHours, parseRoutingConfig, routeAlert } from './routing.js';
import type { GroupFacts } from './types.js';

const base: GroupFacts = {
  tenantId: 'acme', platform: 'wecom', groupId: 'g1', groupName: 'VIP', purpose: 'sales', day: '2026-03-01',
  status: 'stable', previousStatus: 'stable', healthScore: 50, members: 100, activeMembers7d: 20, messages7d: 100,
  reasonCodes: [], reasonDetails: [], leaves7d: 0, leavesBaseline7d: 0, adMessages7d: 0, humanMessages7d: 100, adBaseline7d: 0,
  newcomers7d: 9, newcomersWelcomed7d: 0, departedKols: [], remainingKols: [],
};
const warning = evaluateRules(base)[0]!;
const critical = evaluateRules({ ...base, newcomers7d: 0, status: 'dying' })[0]!;

const cfg = parseRoutingConfig({
  language: 'en',
  quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai' },
  channels: [
    { name: 'ops-wecom', type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' },
    { name: 'acme-slack', type: 'slack', url: 'https://hooks.slack.com/services/x' },
  ],
  routes: [
    { channel: 'ops-wecom', language: 'zh' },
    { channel: 'acme-slack', tenants: ['acme'], severities: ['critical'] },
  ],
});

describe('routing config', () => {
  it('names the field and the reason for a bad config', () => {
    expect(() => parseRoutingConfig({ channels: [{ name: 'a', type: 'teams', url: 'x' }], routes: [{ channel: 'b' }] }, 'alerts.yaml'))
      .toThrowError(/alerts\.yaml[\s\S]*channels\.0\.type: must be one of wecom[\s\S]*channels\.0\.url: must be the webhook URL/);
    expect(() => parseRoutingConfig({ channels: [], routes: [{ channel: 'nope' }] }))
      .toThrowError(/routes\.0\.channel: no channel named "nope"/);
    expect(() => parseRoutingConfig({ quietHours: { start: '25:00', end: '08:00' } })).toThrowError(/quietHours\.start: must be HH:MM/);
  });

  it('routes by tenant and severity, with per-route language', () => {
    const noon = new Date('2026-03-01T04:00:00Z'); // 12:00 in Shanghai
    expect(routeAlert(warning, cfg, noon).map((d) => [d.channel.name, d.language, d.held])).toEqual([['ops-wecom', 'zh', undefined]]);
    expect(routeAlert(critical, cfg, noon).map((d) => d.channel.name)).toEqual(['ops-wecom', 'acme-slack']);
    expect(routeAlert({ ...critical, tenantId: 'other' }, cfg, noon).map((d) => d.channel.name)).toEqual(['ops-wecom']);
  });

  it('holds non-critical alerts during quiet hours across midnight', () => {
    const night = new Date('2026-03-01T15:30:00Z'); // 23:30 in Shanghai
    expect(inQuietHours(cfg.quietHours!, night)).toBe(true);
    expect(inQuietHours(cfg.quietHours!, new Date('2026-03-01T00:30:00Z'))).toBe(false);
    expect(routeAlert(warning, cfg, night)[0]?.held).toMatch(/quiet hours 22:00-08:00/);
    expect(routeAlert(critical, cfg, night)[0]?.held).toBeUndefined();
  });

  it('says when a held alert may go out: the end of the quiet hours', () => {
    const night = new Date('2026-03-01T15:30:20Z'); // 23:30:20 in Shanghai
    expect(new Date(routeAlert(warning, cfg, night)[0]!.heldUntil!).toISOString()).toBe('2026-03-02T00:00:00.000Z'); // 08:00
    expect(routeAlert(critical, cfg, night)[0]?.heldUntil).toBeUndefined();
  });
});
