// Local stand-ins for chat-app webhooks on 127.0.0.1: each path records what it received and answers
// the way the platform does (WeCom/DingTalk {errcode}, Feishu {code}, Slack "ok", JSON webhook 200).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
  /** The HTTP status this stand-in answered. */
  status: number;
}

export interface WebhookServer {
  url(path: string): string;
  received(path: string): Received[];
  /** Makes `path` answer HTTP `status` for the next `times` requests. */
  failNext(path: string, times: number, status?: number): void;
  close(): Promise<void>;
}

const REPLY: Record<string, string> = {
  wecom: '{"errcode":0,"errmsg":"ok"}',
  dingtalk: '{"errcode":0,"errmsg":"ok"}',
  feishu: '{"code":0,"msg":"success","data":{}}',
  slack: 'ok',
};

export async function startWebhookServer(): Promise<WebhookServer> {
  const log: Received[] = [];
  const failures = new Map<string, { times: number; status: number }>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = u.pathname.replace(/^\//, '');
      let body: unknown;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { body = Buffer.concat(chunks).toString('utf8'); }
      const received: Received = { path, query: u.searchParams, headers: req.headers, body, at: Date.now(), status: 200 };
      log.push(received);
      const fail = failures.get(path);
      if (fail && fail.times > 0) {
        fail.times -= 1;
        received.status = fail.status;
        res.writeHead(fail.status, { 'content-type': 'text/plain' }).end('upstream unavailable');
        return;
      }
      const kind = path.split('-')[0]!;
      res.writeHead(200, { 'content-type': kind === 'slack' ? 'text/plain' : 'application/json' }).end(REPLY[kind] ?? '{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}/${path}`,
    received: (path) => log.filter((r) => r.path === path),
    failNext: (path, times, status = 503) => { failures.set(path, { times, status }); },
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
