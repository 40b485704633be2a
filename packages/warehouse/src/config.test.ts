import { describe, expect, it } from 'vitest';
import { openWarehouse, readWarehouseEnv } from './config.js';

describe('warehouse configuration', () => {
  it('refuses a cluster without a server to reach it through, naming the variable', async () => {
    const env = readWarehouseEnv({ CLICKHOUSE_CLUSTER: 'qunpulse' });
    await expect(openWarehouse(env, '/nonexistent')).rejects.toThrow(/^CLICKHOUSE_CLUSTER: a cluster is reached through CLICKHOUSE_URL/);
  });

  it('refuses a cluster name that is not a plain name', () => {
    expect(() => readWarehouseEnv({ CLICKHOUSE_CLUSTER: 'a cluster' })).toThrow(/CLICKHOUSE_CLUSTER/);
  });
});
