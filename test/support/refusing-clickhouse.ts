// A stand-in for a ClickHouse server's HTTP interface that refuses every INSERT the way an
// overloaded server does (HTTP 500, TOO_MANY_PARTS), and answers anything else with an empty
// success, so the official client opens against it and fails its inserts with the real error object.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RefusingClickHouse {
  url: string;
  refused: number;
  close(): Promise<void>;
}

const TOO_MANY_PARTS = 'Code: 252. DB::Exception: Too many parts (3001 with average size of 12.40 KiB) in table \'qunpulse.chat_events\'. ' +
  'Merges are processing significantly slower than inserts. (TOO_MANY_PARTS) (version 25.8.1.1)\n';

export async function startRefusingClickHouse(): Promise<RefusingClickHouse> {
  const state = { refused: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? Buffer.concat(chunks).toString('utf8');
      if (/^\s*INSERT\b/i.test(query)) {
        state.refused++;
        res.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8', 'x-clickhouse-exception-code': '252' });
        res.end(TOO_MANY_PARTS);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8' });
      res.end('');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get refused() { return state.refused; },
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}
