// Everything the ingest API serves a tenant besides its events: the report, panel rows and person links.
import { combineTenantRoutes, type TenantRoutes } from '@qunpulse/ingest-api';
import type { Warehouse } from '@qunpulse/warehouse';
import { identityRoutes } from './identity-routes.js';
import { reportRoutes } from './report-routes.js';

export function readApiRoutes(wh: Warehouse): TenantRoutes {
  return combineTenantRoutes(reportRoutes(wh), identityRoutes(wh));
}

export { identityRoutes, reportRoutes };
