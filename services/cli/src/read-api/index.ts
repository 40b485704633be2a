// Everything the ingest API serves a tenant besides its events: the report and panel rows.
import { combineTenantRoutes, type TenantRoutes } from '@qunpulse/ingest-api';
import type { Warehouse } from '@qunpulse/warehouse';
import { reportRoutes } from './report-routes.js';

export function readApiRoutes(wh: Warehouse): TenantRoutes {
  return combineTenantRoutes(reportRoutes(wh));
}

export { reportRoutes };
