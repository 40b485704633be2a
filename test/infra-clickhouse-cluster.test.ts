// infra/clickhouse-cluster cannot run here (no Docker), so this keeps it honest: the servers the
// compose file runs are the replicas cluster.xml names, each with its own shard and replica macros,
// all pointing at the Keeper service.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const dir = path.resolve(new URL('../infra/clickhouse-cluster', import.meta.url).pathname);
const compose = parseYaml(readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { hostname?: string; environment?: Record<string, string>; volumes?: string[]; ports?: string[]; image?: string }>;
};
const clusterXml = readFileSync(path.join(dir, 'cluster.xml'), 'utf8');
const keeperXml = readFileSync(path.join(dir, 'keeper.xml'), 'utf8');

/** The shards of <remote_servers><qunpulse>, each a list of replica hosts. */
function shards(): string[][] {
  const cluster = /<qunpulse>([\s\S]*?)<\/qunpulse>/.exec(clusterXml)![1]!;
  return [...cluster.matchAll(/<shard>([\s\S]*?)<\/shard>/g)].map((m) => [...m[1]!.matchAll(/<host>([^<]+)<\/host>/g)].map((h) => h[1]!));
}

describe('infra/clickhouse-cluster', () => {
  it('runs 2 shards × 2 replicas, each server with the shard and replica the cluster gives it', () => {
    const layout = shards();
    expect(layout.map((s) => s.length)).toEqual([2, 2]);
    expect(clusterXml.match(/<internal_replication>true<\/internal_replication>/g)).toHaveLength(2);
    const servers = Object.entries(compose.services).filter(([name]) => name !== 'keeper');
    expect(servers.map(([name]) => name).sort()).toEqual(layout.flat().sort());
    layout.forEach((hosts, i) => {
      for (const host of hosts) {
        const s = compose.services[host]!;
        expect(s.hostname).toBe(host);
        expect(s.environment?.SHARD).toBe(String(i + 1).padStart(2, '0'));
        expect(s.environment?.REPLICA).toBe(host);
      }
    });
    expect(servers.map(([, s]) => s.ports?.[0]).sort()).toEqual(['8123:8123', '8124:8123', '8125:8123', '8126:8123']);
  });

  it('points every server at the Keeper service and takes macros from the environment', () => {
    const keeperPort = /<tcp_port>(\d+)<\/tcp_port>/.exec(keeperXml)![1];
    expect(clusterXml).toContain(`<node><host>keeper</host><port>${keeperPort}</port></node>`);
    expect(clusterXml).toContain('<shard from_env="SHARD"/>');
    expect(clusterXml).toContain('<replica from_env="REPLICA"/>');
    expect(clusterXml).toContain('<default_replica_path>/clickhouse/tables/{uuid}/{shard}</default_replica_path>');
    expect(compose.services.keeper?.volumes?.[0]).toBe('./keeper.xml:/etc/clickhouse-keeper/keeper_config.xml:ro');
  });
});
