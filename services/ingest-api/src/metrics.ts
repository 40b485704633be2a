import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Something else in the process whose health /readyz and /metrics report (e.g. the event store). */
export interface Component {
  name: string;
  health(): { ready: boolean; detail: string; secondsWithoutProgress: number };
}

/** One registry per server, so several servers (tests, benchmarks) can live in one process. */
export function createIngestMetrics(defaults = false) {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'qunpulse_ingest_' });
  return {
    registry,
    events: new Counter({ name: 'qunpulse_ingest_events_total', help: 'Events received, by source and outcome (accepted, rejected, ignored).', labelNames: ['source', 'outcome'] as const, registers: [registry] }),
    requests: new Counter({ name: 'qunpulse_ingest_requests_total', help: 'HTTP requests by route and status code.', labelNames: ['route', 'status'] as const, registers: [registry] }),
    duration: new Histogram({
      name: 'qunpulse_ingest_request_seconds', help: 'Request duration until Kafka acknowledged, by route.', labelNames: ['route'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
    }),
    inflight: new Gauge({ name: 'qunpulse_ingest_inflight_events', help: 'Events waiting for a Kafka acknowledgement.', registers: [registry] }),
    produceFailures: new Counter({ name: 'qunpulse_ingest_produce_failures_total', help: 'Requests answered 503 because Kafka failed or was too slow.', registers: [registry] }),
    /** Reports the components' health on every scrape. */
    watchComponents(components: readonly Component[]): void {
      if (!components.length) return;
      new Gauge({
        name: 'qunpulse_component_ready', help: 'Whether a component in this process is making progress (1) or stalled (0).', labelNames: ['component'] as const, registers: [registry],
        collect() { for (const c of components) this.set({ component: c.name }, c.health().ready ? 1 : 0); },
      });
      new Gauge({
        name: 'qunpulse_component_seconds_without_progress', help: 'Seconds the oldest pending work of a component has waited (0 when none is pending).', labelNames: ['component'] as const, registers: [registry],
        collect() { for (const c of components) this.set({ component: c.name }, c.health().secondsWithoutProgress); },
      });
    },
  };
}

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;
