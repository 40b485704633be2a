import { groupDashboard } from './group.js';
import { kolsDashboard } from './kols.js';
import { overviewDashboard } from './overview.js';
import { retentionDashboard } from './retention.js';
import { slaDashboard } from './sla.js';
import { fissionDashboard } from './fission.js';
import type { DashboardDef } from '../panels/types.js';

export { fissionDashboard, groupDashboard, kolsDashboard, overviewDashboard, retentionDashboard, slaDashboard };
export const DASHBOARDS: readonly DashboardDef[] = [overviewDashboard, groupDashboard, kolsDashboard, retentionDashboard, slaDashboard, fissionDashboard];
