// The ingest HTTP server (node:http): POST /v1/events, platform webhooks, health and metrics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KafkaBus, Producer } from '@qunpulse/kafka';
import { SignatureError } from '@qunpulse/importers';
import { silentLogger, type Logger } from '@qunpulse/runtime';
import { BodyTooLarge, readBody } from './body.js';
import { BodyError, parseEventsBody } from './events-body.js';
import { ERASURE_PATH, erasureTarget, ErasureRequestError, type EraseMember } from './erasure.js';
import { Ingestor, KafkaUnavailable, Overloaded, type ItemResult } from './ingestor.js';
import { coalescingProducer } from './coalescing-producer.js';
import { patientProducer } from './patient-producer.js';
import { JSON_TYPES, NDJSON_TYPES, requireMediaType, UnsupportedMediaType } from './media-type.js';
import { createIngestMetrics, type Component, type IngestMetrics } from './metrics.js';
import { RateLimited, TenantRateLimiter, type RateLimit } from './rate-limit.js';
import { hashToken, type TenantConfig, type TenantDirectory } from './tenants.js';
import type { TenantRoutes } from './tenant-routes.js';
import { configured, handleWebhook, PayloadError, WEBHOOK_PLATFORMS, type WebhookPlatform } from './webhooks.js';

export interface IngestLimits {
  maxBodyBytes: number;
  maxBatchEvents: number;
  maxInflightEvents: number;
  produceTimeoutMs: number;
  /** Requests per second and burst of a tenant that sets no `rateLimit` of its own. */
  tenantRateLimit: RateLimit;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxBodyBytes: 10 * 1024 * 1024, maxBatchEvents: 10_000, maxInflightEvents: 100_000, produceTimeoutMs: 15_000,
  tenantRateLimit: { requestsPerSecond: 500, burst: 1_000 },
};

export interface IngestServerDeps {
  bus: KafkaBus;
  producer: Producer;
  tenants: TenantDirectory;
  limits?: Partial<IngestLimits>;
  log?: Logger;
  metrics?: IngestMetrics;
  now?: () => number;
  components?: Component[];
  /** Other metrics of the process served on /metrics too (e.g. the consumers'). */
  registries?: readonly Pick<IngestMetrics['registry'], 'metrics'>[];
  /** Read routes (report, panels, identity) answered for the token's tenant. */
  tenantRoutes?: TenantRoutes;
  /** Serves DELETE /v1/tenants/{tenant}/members/{member} (given by `qunpulse run`, which holds the warehouse). */
  erase?: EraseMember;
}

export interface IngestServer {
  server: Server;
  metrics: IngestMetrics;
  listen(port: number, host: string): Promise<{ port: number; url: string }>;
  /** Stops accepting connections and waits for requests in progress to finish. */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

const EVENTS_TYPES = [...JSON_TYPES, ...NDJSON_TYPES];

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': Buffer.byteLength(text), ...headers,
  });
  res.end(text);
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

function summarise(results: ItemResult[]) {
  const accepted = results.filter((r) => r.status === 'accepted').length;
  return { accepted, rejected: results.length - accepted, results };
}

export function createIngestServer(deps: IngestServerDeps): IngestServer {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const log = deps.log ?? silentLogger();
  const metrics = deps.metrics ?? createIngestMetrics();
  const ingestor = new Ingestor(deps.bus, coalescingProducer(patientProducer(deps.producer, limits.produceTimeoutMs)), metrics, limits);
  const now = deps.now ?? Date.now;
  const rateLimiter = new TenantRateLimiter(limits.tenantRateLimit, now);
  const components = deps.components ?? [];
  metrics.watchComponents(components);
  let draining = false;

  function authenticate(req: IncomingMessage): TenantConfig {
    const token = bearer(req);
    if (!token) throw new HttpError(401, 'Authorization: expected "Bearer <token>"', { 'www-authenticate': 'Bearer' });
    const tenant = deps.tenants.byToken(token);
    if (!tenant) throw new HttpError(401, 'Authorization: unknown token', { 'www-authenticate': 'Bearer error="invalid_token"' });
    rateLimiter.take(tenant.id, tenant.rateLimit);
    return tenant;
  }

  async function deleteMember(erase: EraseMember, match: RegExpExecArray, req: IncomingMessage, res: ServerResponse): Promise<number> {
    const tenant = authenticate(req);
    const token = bearer(req)!;
    const target = erasureTarget(match);
    if (target.tenantId !== tenant.id) throw new HttpError(403, `Authorization: this token is tenant ${tenant.id}'s; it may erase only that tenant's members`);
    const result = await erase({ ...target, requestedBy: `tenant ${tenant.id}, token sha256:${hashToken(token).slice(0, 12)}` });
    log.info({ tenant: tenant.id }, 'member erased on request');
    send(res, 200, result);
    return 200;
  }

  async function postEvents(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const tenant = authenticate(req);
    const type = requireMediaType(req.headers['content-type'], EVENTS_TYPES);
    const items = parseEventsBody(await readBody(req, limits.maxBodyBytes), type);
    if (items.length === 0) throw new HttpError(400, '(body): no events');
    if (items.length > limits.maxBatchEvents) throw new HttpError(413, `(body): ${items.length} events; at most ${limits.maxBatchEvents} per request`);
    const out = summarise(await ingestor.publish(tenant, 'http', items));
    const status = out.rejected === 0 ? 200 : out.accepted === 0 ? 400 : 207;
    send(res, status, out);
    return status;
  }

  async function postWebhook(platform: WebhookPlatform, tenantId: string, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<number> {
    const tenant = deps.tenants.get(tenantId);
    if (!tenant || !configured(tenant, platform)) throw new HttpError(404, `no ${platform} webhook is configured for tenant ${tenantId}`);
    // WeCom posts encrypted XML; every other platform posts JSON.
    if (platform !== 'wecom') requireMediaType(req.headers['content-type'], JSON_TYPES);
    const body = req.method === 'GET' ? Buffer.alloc(0) : await readBody(req, limits.maxBodyBytes);
    const outcome = handleWebhook(platform, tenant, { method: req.method ?? 'POST', headers: req.headers, query, body }, now());
    // Counted once the signature holds, so nobody without the secret can spend a tenant's budget.
    rateLimiter.take(tenant.id, tenant.rateLimit);
    if (outcome.kind === 'answer') {
      res.writeHead(200, { 'content-type': outcome.contentType });
      res.end(outcome.body);
      return 200;
    }
    const { events, ignored } = outcome.converted;
    metrics.events.inc({ source: `webhook:${platform}`, outcome: 'ignored' }, ignored.length);
    const results = events.length ? await ingestor.publish(tenant, `webhook:${platform}`, events.map((value) => ({ value }))) : [];
    if (outcome.reply === 'wecom') send(res, 200, 'success');
    else send(res, 200, { ...summarise(results), ignored });
    return 200;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<{ route: string; status: number }> {
    const url = new URL(req.url ?? '/', 'http://ingest');
    const path = url.pathname;
    if (path === '/healthz') { send(res, 200, { status: 'ok' }); return { route: 'healthz', status: 200 }; }
    if (path === '/readyz') {
      const unready = components.map((c) => ({ name: c.name, ...c.health() })).filter((c) => !c.ready);
      const ready = !draining && ingestor.ready() && unready.length === 0;
      const status = ready ? 'ready' : draining ? 'draining' : !ingestor.ready() ? 'kafka unavailable or saturated' : 'stalled';
      send(res, ready ? 200 : 503, { status, ...(unready.length ? { components: Object.fromEntries(unready.map((c) => [c.name, c.detail])) } : {}) });
      return { route: 'readyz', status: ready ? 200 : 503 };
    }
    if (path === '/metrics') {
      const text = (await Promise.all([metrics.registry, ...(deps.registries ?? [])].map((r) => r.metrics()))).join('\n');
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(text);
      return { route: 'metrics', status: 200 };
    }
    if (path === '/v1/events') {
      if (req.method !== 'POST') throw new HttpError(405, 'use POST', { allow: 'POST' });
      return { route: 'events', status: await postEvents(req, res) };
    }
    const erasure = deps.erase ? ERASURE_PATH.exec(path) : null;
    if (erasure) {
      if (req.method !== 'DELETE') throw new HttpError(405, 'use DELETE', { allow: 'DELETE' });
      return { route: 'erasure', status: await deleteMember(deps.erase!, erasure, req, res) };
    }
    const routes = deps.tenantRoutes;
    if (routes && routes.prefixes.some((p) => path === p || path.startsWith(`${p}/`))) {
      const tenant = authenticate(req);
      const out = await routes.handle({
        tenant: tenant.id, method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers,
        body: () => readBody(req, limits.maxBodyBytes),
      });
      if (!out) throw new HttpError(404, `no route for ${req.method} ${path}`);
      send(res, out.status, out.body, out.headers);
      return { route: routes.prefixes.find((p) => path === p || path.startsWith(`${p}/`))!, status: out.status };
    }
    const hook = /^\/v1\/webhooks\/([a-z]+)\/([A-Za-z0-9._-]{1,64})$/.exec(path);
    if (hook && (WEBHOOK_PLATFORMS as readonly string[]).includes(hook[1]!)) {
      const platform = hook[1] as WebhookPlatform;
      const allowed = platform === 'wecom' ? ['GET', 'POST'] : ['POST'];
      if (!allowed.includes(req.method ?? '')) throw new HttpError(405, `use ${allowed.join(' or ')}`, { allow: allowed.join(', ') });
      return { route: `webhook:${platform}`, status: await postWebhook(platform, hook[2]!, req, res, url.searchParams) };
    }
    throw new HttpError(404, `no route for ${req.method} ${path}`);
  }

  function errorStatus(err: unknown): { status: number; message: string; headers: Record<string, string> } {
    if (err instanceof HttpError) return { status: err.status, message: err.message, headers: err.headers };
    if (err instanceof BodyTooLarge) return { status: 413, message: `(body): larger than ${err.limit} bytes`, headers: {} };
    if (err instanceof BodyError || err instanceof PayloadError || err instanceof ErasureRequestError) return { status: 400, message: err.message, headers: {} };
    if (err instanceof SignatureError) return { status: 401, message: `signature: ${err.message}`, headers: {} };
    if (err instanceof UnsupportedMediaType) return { status: 415, message: err.message, headers: { accept: err.accepted.join(', ') } };
    if (err instanceof RateLimited) return { status: 429, message: err.message, headers: { 'retry-after': String(err.retryAfterSeconds) } };
    if (err instanceof Overloaded) return { status: 429, message: err.message, headers: { 'retry-after': String(err.retryAfterSeconds) } };
    if (err instanceof KafkaUnavailable) return { status: 503, message: err.message, headers: { 'retry-after': String(err.retryAfterSeconds) } };
    return { status: 500, message: 'internal error', headers: {} };
  }

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const finish = (routeName: string, status: number) => {
      metrics.requests.inc({ route: routeName, status: String(status) });
      metrics.duration.observe({ route: routeName }, Number(process.hrtime.bigint() - started) / 1e9);
    };
    route(req, res).then(({ route: r, status }) => finish(r, status), (err: unknown) => {
      const e = errorStatus(err);
      // An erasure's path names the member: neither logs nor metric labels may keep it.
      const erasing = ERASURE_PATH.test((req.url ?? '').split('?')[0]!);
      if (e.status >= 500) log.warn({ err, url: erasing ? '/v1/tenants/…/members/…' : req.url }, 'ingest request failed');
      if (!res.headersSent) {
        // A refused body is not read to the end; closing the connection stops the client sending it.
        send(res, e.status, { error: e.message }, e.status === 413 ? { ...e.headers, connection: 'close' } : e.headers);
      }
      finish(erasing ? 'erasure' : req.url?.startsWith('/v1/webhooks/') ? 'webhook' : req.url?.split('?')[0] ?? '', e.status);
    });
  });
  server.keepAliveTimeout = 65_000;

  return {
    server,
    metrics,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const { port: bound } = server.address() as AddressInfo;
          resolve({ port: bound, url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}` });
        });
      });
    },
    close() {
      draining = true;
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
