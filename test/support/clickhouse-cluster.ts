// A ClickHouse cluster for the cluster tests, wherever one is reachable: CLICKHOUSE_TEST_URL with
// CLICKHOUSE_TEST_CLUSTER (a server of a cluster you run, and the cluster's name), or
// infra/clickhouse-cluster/docker-compose.yml (2 shards × 2 replicas, Keeper) started where a
// Docker engine exists. Otherwise says why there is none.
import path from 'node:path';

export interface TestCluster {
  url: string;
  cluster: string;
  username?: string;
  password?: string;
  stop(): Promise<void>;
}

export type ClusterProbe = { cluster: TestCluster } | { missing: string };

const COMPOSE_DIR = path.resolve(new URL('../../infra/clickhouse-cluster', import.meta.url).pathname);

async function pinged(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(new URL('/ping', url));
      if (res.ok) return;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`the compose cluster did not answer at ${url} within the start-up time`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function reachableClickHouseCluster(): Promise<ClusterProbe> {
  const url = process.env.CLICKHOUSE_TEST_URL;
  const name = process.env.CLICKHOUSE_TEST_CLUSTER;
  if (url && name) {
    return {
      cluster: {
        url, cluster: name,
        ...(process.env.CLICKHOUSE_TEST_USER ? { username: process.env.CLICKHOUSE_TEST_USER } : {}),
        ...(process.env.CLICKHOUSE_TEST_PASSWORD ? { password: process.env.CLICKHOUSE_TEST_PASSWORD } : {}),
        stop: async () => {},
      },
    };
  }
  const { getContainerRuntimeClient, DockerComposeEnvironment } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch (err) {
    const why = url ? 'CLICKHOUSE_TEST_URL is set but CLICKHOUSE_TEST_CLUSTER (the cluster\'s name) is not' : 'CLICKHOUSE_TEST_URL and CLICKHOUSE_TEST_CLUSTER are unset';
    return { missing: `${why}, and no Docker engine answers (${(err as Error).message.split('\n')[0]})` };
  }
  const env = await new DockerComposeEnvironment(COMPOSE_DIR, 'docker-compose.yml').withStartupTimeout(180_000).up();
  const composeUrl = 'http://127.0.0.1:8123';
  await pinged(composeUrl, Date.now() + 180_000);
  return { cluster: { url: composeUrl, cluster: 'qunpulse', stop: async () => { await env.down({ removeVolumes: true }); } } };
}
