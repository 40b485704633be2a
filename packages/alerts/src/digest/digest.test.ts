import { describe, expect, it } from 'vitest';
import { parseRoutingConfig } from '../routing.js';
import { buildDigestRequest } from './payloads.js';
import { digestMarkdown } from './text.js';
import type { WeeklyDigest } from './types.js';

const quiet: WeeklyDigest = {
  digestId: 'digest:acme:2026-06-01', tenantId: 'acme', weekStart: '2026-06-01', weekEnd: '2026-06-07',
  statusChanges: [], newKols: [], lostKols: [], fading: [], newcomers: { joined: 0, spoke: 0 }, reportUrl: 'https://r.example/?tenant=acme',
};

describe('weekly digest', () => {
  it('says in English that nothing changed, rather than leaving sections out', () => {
    expect(digestMarkdown(quiet, 'en').text).toBe([
      '### qunpulse weekly digest · acme · 2026-06-01 to 2026-06-07', '',
      '**Groups that changed status**', '- No group changed status this week.', '',
      '**KOL**', '- The top KOLs did not change this week.', '',
      '**Fading members worth a message**', '- No member is clearly fading this week.', '',
      "**This week's newcomers**", '- Nobody new joined this week.',
    ].join('\n'));
  });

  it('sends the digest itself to a JSON webhook', () => {
    const cfg = parseRoutingConfig({ channels: [{ name: 'hook', type: 'webhook', url: 'https://h.example/in' }] });
    const req = buildDigestRequest(cfg.channels[0]!, quiet, 'en', 0);
    expect(req.body).toMatchObject({ schema: 'qunpulse.digest/v1', digest: quiet, language: 'en' });
  });

  it('refuses a digest config naming an unknown channel or lacking the report URL', () => {
    expect(() => parseRoutingConfig({ channels: [], digest: { channels: ['ops'], reportUrl: 'https://r.example' } }, 'alerts.yaml'))
      .toThrowError(/digest\.channels\.0: no channel named "ops"/);
    expect(() => parseRoutingConfig({ digest: { channels: ['ops'] } })).toThrowError(/digest\.reportUrl: must be the URL of the report/);
    expect(() => parseRoutingConfig({ digest: { channels: [], reportUrl: 'https://r.example', sendAt: '9am' } }))
      .toThrowError(/digest\.channels: must name at least one channel[\s\S]*digest\.sendAt: must be HH:MM/);
  });
});
