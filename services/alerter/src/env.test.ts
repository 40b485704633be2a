import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRoutingConfig } from './config-file.js';
import { readAlerterEnv } from './env.js';

describe('alerter env', () => {
  it('defaults to enabled with no routing file', () => {
    expect(readAlerterEnv({})).toEqual({ QUNPULSE_ALERTS_ENABLED: true, QUNPULSE_ALERTS_POLL_MS: 5_000 });
  });

  it('names a bad variable', () => {
    expect(() => readAlerterEnv({ QUNPULSE_ALERTS_ENABLED: 'maybe' })).toThrow(/QUNPULSE_ALERTS_ENABLED: must be true or false \(got "maybe"\)/);
    expect(() => readAlerterEnv({ QUNPULSE_ALERTS_POLL_MS: '5s' })).toThrow(/QUNPULSE_ALERTS_POLL_MS: must be a whole number \(got "5s"\)/);
  });
});

describe('routing file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-alerts-'));

  it('reads YAML with defaults filled in', () => {
    const file = path.join(dir, 'alerts.yaml');
    writeFileSync(file, [
      'language: en',
      'channels:',
      '  - { name: ops, type: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=x", secret: SEC }',
      'routes:',
      '  - { channel: ops, severities: [critical] }',
    ].join('\n'));
    const cfg = loadRoutingConfig(file);
    expect(cfg.language).toBe('en');
    expect(cfg.channels[0]).toMatchObject({ type: 'dingtalk', secret: 'SEC', maxPerMinute: 20 });
    expect(cfg.delivery).toMatchObject({ attempts: 100, backoffMs: 1_000, maxBackoffMs: 300_000, giveUpAfterHours: 24 });
  });

  it('names the file and the field for a bad config, and says when the file is not YAML', () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'routes:\n  - { channel: nowhere }\n');
    expect(() => loadRoutingConfig(bad)).toThrow(/bad\.yaml[\s\S]*routes\.0\.channel: no channel named "nowhere"/);
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'channels: [\n');
    expect(() => loadRoutingConfig(broken)).toThrow(/broken\.yaml is not valid YAML/);
    expect(() => loadRoutingConfig(path.join(dir, 'missing.yaml'))).toThrow(/cannot read alert routing config/);
  });
});
