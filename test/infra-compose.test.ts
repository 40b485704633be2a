// infra/docker-compose.yml cannot run here (no Docker), so this keeps it honest: it mounts the
// generated dashboards where the provider looks, points the data source at the ClickHouse service,
// and gives the qunpulse service exactly the variables `qunpulse run` reads, each one valid.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { loadRoutingConfig, alerterEnvSchema } from '@qunpulse/alerter';
import { analyticsEnvSchema } from '@qunpulse/analytics-worker';
import { cliEnvSchema } from '@qunpulse/cli';
import { eventStoreEnvSchema } from '@qunpulse/event-store';
import { DASHBOARDS, generatedFiles } from '@qunpulse/dashboards';
import { ingestEnvSchema, tenantsFileSchema } from '@qunpulse/ingest-api';
import { parseEnv } from '@qunpulse/runtime';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const infra = path.join(root, 'infra');
const yamlFile = (p: string) => parseYaml(readFileSync(path.join(infra, p), 'utf8')) as Record<string, unknown>;

interface Service { image?: string; build?: { context: string; dockerfile: string }; environment?: Record<string, string>; volumes?: string[]; ports?: string[] }
const compose = yamlFile('docker-compose.yml') as { services: Record<string, Service> };
const svc = (name: string) => {
  const s = compose.services[name];
  if (!s) throw new Error(`docker-compose.yml has no ${name} service`);
  return s;
};
/** `${VAR:-default}` as compose would resolve it with VAR unset. */
const resolve = (v: string) => String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
const mounts = (s: Service) => new Map((s.volumes ?? []).map((v) => { const [from, to] = v.split(':'); return [to!, from!]; }));

// Every schema whose variables `qunpulse run` reads: the CLI runtime (Kafka + warehouse + log level),
// the event store, the analytics worker, the ingest API and the alerter.
const SCHEMAS: z.ZodObject[] = [cliEnvSchema, eventStoreEnvSchema, analyticsEnvSchema, ingestEnvSchema as unknown as z.ZodObject, alerterEnvSchema];

describe('infra/docker-compose.yml', () => {
  it('runs Kafka, ClickHouse, Grafana and qunpulse', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['clickhouse', 'grafana', 'kafka', 'qunpulse']);
    const build = svc('qunpulse').build!;
    expect(existsSync(path.resolve(infra, build.context, build.dockerfile))).toBe(true);
  });

  it('gives qunpulse exactly the variables its services read, each valid', () => {
    const env = Object.fromEntries(Object.entries(svc('qunpulse').environment ?? {}).map(([k, v]) => [k, resolve(v)]));
    const read = new Set(SCHEMAS.flatMap((s) => Object.keys(s.shape)));
    expect(Object.keys(env).sort()).toEqual([...read].sort());
    for (const s of SCHEMAS) expect(() => parseEnv(s, env)).not.toThrow();
    const cli = parseEnv(cliEnvSchema, env);
    expect(cli.KAFKA_BROKERS).toEqual(['kafka:9092']);
    expect(cli.CLICKHOUSE_URL).toBe('http://clickhouse:8123');
  });

  it('mounts a valid tenants file and alert routing file where the variables point', () => {
    const q = svc('qunpulse');
    const env = q.environment!;
    const m = mounts(q);
    const hostPath = (containerFile: string) => {
      const dir = path.posix.dirname(containerFile);
      const from = m.get(dir);
      if (!from) throw new Error(`${dir} is not mounted into the qunpulse service`);
      return path.join(infra, from, path.posix.basename(containerFile));
    };
    const tenants = JSON.parse(readFileSync(hostPath(env.INGEST_TENANTS_FILE!), 'utf8')) as unknown;
    expect(tenantsFileSchema.safeParse(tenants).success).toBe(true);
    const routing = loadRoutingConfig(hostPath(env.QUNPULSE_ALERTS_CONFIG!));
    expect(new Set(routing.channels.map((c) => c.type))).toEqual(new Set(['wecom', 'dingtalk', 'feishu', 'slack']));
  });

  it('gives ClickHouse the same user, password and database as qunpulse and the data source', () => {
    const ch = svc('clickhouse').environment!;
    const q = svc('qunpulse').environment!;
    expect([ch.CLICKHOUSE_USER, ch.CLICKHOUSE_PASSWORD, ch.CLICKHOUSE_DB]).toEqual([q.CLICKHOUSE_USER, q.CLICKHOUSE_PASSWORD, q.CLICKHOUSE_DATABASE]);
    const ds = (yamlFile('grafana/provisioning/datasources/clickhouse.yaml') as { datasources: { uid: string; type: string; jsonData: Record<string, unknown>; secureJsonData: Record<string, string> }[] }).datasources[0]!;
    expect(ds.type).toBe('grafana-clickhouse-datasource');
    expect(new URL(q.CLICKHOUSE_URL!).hostname).toBe(ds.jsonData.host);
    expect(String(new URL(q.CLICKHOUSE_URL!).port)).toBe(String(ds.jsonData.port));
    expect(ds.jsonData.username).toBe(ch.CLICKHOUSE_USER);
    expect(ds.jsonData.defaultDatabase).toBe(ch.CLICKHOUSE_DB);
    // Grafana expands $CLICKHOUSE_PASSWORD from its own environment.
    expect(ds.secureJsonData.password).toBe('$CLICKHOUSE_PASSWORD');
    expect(svc('grafana').environment!.CLICKHOUSE_PASSWORD).toBe(ch.CLICKHOUSE_PASSWORD);
    // Every panel and alert rule uses this data source.
    for (const f of generatedFiles()) {
      const uids = [...f.content.matchAll(/"(?:uid|datasourceUid)": "([^"]+)"/g)].map((x) => x[1]);
      expect(uids).toContain(ds.uid);
    }
  });

  it('installs the ClickHouse plugin and provisions the generated dashboards and alert rules', () => {
    const g = svc('grafana');
    expect(g.environment!.GF_INSTALL_PLUGINS).toMatch(/^grafana-clickhouse-datasource \d+\.\d+\.\d+$/);
    const m = mounts(g);
    expect(m.get('/etc/grafana/provisioning')).toBe('./grafana/provisioning');
    const provider = (yamlFile('grafana/provisioning/dashboards/qunpulse.yaml') as { providers: { options: { path: string } }[] }).providers[0]!;
    const dashDir = m.get(provider.options.path);
    expect(dashDir).toBe('./grafana/dashboards');
    const onDisk = readdirSync(path.join(infra, dashDir!)).filter((f) => f.endsWith('.json')).sort();
    expect(onDisk).toEqual(DASHBOARDS.map((d) => `${d.uid}.json`).sort());
    for (const f of generatedFiles()) expect(existsSync(path.join(root, f.path))).toBe(true);
    const home = g.environment!.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH!;
    expect(path.posix.dirname(home)).toBe(provider.options.path);
    expect(onDisk).toContain(path.posix.basename(home));
    const cps = yamlFile('grafana/provisioning/alerting/contact-points.yaml') as { contactPoints: { receivers: { type: string; settings: { url: string } }[] }[] };
    for (const r of cps.contactPoints[0]!.receivers) {
      const v = /^\$([A-Z_]+)$/.exec(r.settings.url)![1]!;
      expect(g.environment![v], `${v} is set for Grafana`).toBeTruthy();
    }
  });
});
