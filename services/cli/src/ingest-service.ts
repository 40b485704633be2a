// Runs the ingest API inside `qunpulse run` when tenants are configured (INGEST_TENANTS_FILE or
// INGEST_TENANTS_JSON); without them there is nobody to authenticate, so it stays off.
import { readIngestEnv, startIngestApi } from '@qunpulse/ingest-api';
import { readApiRoutes } from './read-api/index.js';
import { eraseMember } from '@qunpulse/warehouse';
import type { ServiceStarter } from './services.js';

export const startIngestService: ServiceStarter = async (rt, pipeline) => {
  if (!process.env.INGEST_TENANTS_FILE && !process.env.INGEST_TENANTS_JSON) {
    rt.log.info('ingest API off: set INGEST_TENANTS_FILE to serve POST /v1/events and the webhooks');
    return undefined;
  }
  // The API's /readyz and /metrics speak for the whole process, so they report the event store too.
  // The same tokens read the tenant's report and panel rows (GET /v1/report, /v1/panels), and erase
  // its members with the warehouse this process holds.
  const api = await startIngestApi(rt.bus, readIngestEnv(), rt.log, [{ name: 'event-store', health: () => pipeline.eventStore.health() }], [pipeline.metrics], readApiRoutes(rt.warehouse),
    (call) => eraseMember(rt.warehouse, { ...call, via: 'http' }));
  return { name: 'ingest-api', stop: () => api.stop() };
};
