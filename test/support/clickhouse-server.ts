// A ClickHouse server for the server adapter's tests, wherever one is reachable: CLICKHOUSE_TEST_URL,
// or a testcontainers ClickHouse where a Docker engine exists. Returns undefined when neither is.
export interface TestServer {
  url: string;
  username?: string;
  password?: string;
  stop(): Promise<void>;
}

export async function reachableClickHouseServer(): Promise<TestServer | undefined> {
  const url = process.env.CLICKHOUSE_TEST_URL;
  if (url) {
    return {
      url,
      ...(process.env.CLICKHOUSE_TEST_USER ? { username: process.env.CLICKHOUSE_TEST_USER } : {}),
      ...(process.env.CLICKHOUSE_TEST_PASSWORD ? { password: process.env.CLICKHOUSE_TEST_PASSWORD } : {}),
      stop: async () => {},
    };
  }
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  const { ClickHouseContainer } = await import('@testcontainers/clickhouse');
  const started = await new ClickHouseContainer('clickhouse/clickhouse-server:25.8').start();
  const opts = started.getClientOptions();
  return { url: started.getHttpUrl(), username: opts.username, password: opts.password, stop: async () => { await started.stop(); } };
}
