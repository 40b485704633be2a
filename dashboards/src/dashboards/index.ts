import { groupDashboard } from './group.js';
import { kolsDashboard } from './kols.js';
import { overviewDashboard } from './overview.js';
import { retentionDashboard } from './retention.js';
import type { DashboardDef } from '../panels/types.js';

export { groupDashboard, kolsDashboard, overviewDashboard, retentionDashboard };
export const DASHBOARDS: readonly DashboardDef[] = [overviewDashboard, groupDashboard, kolsDashboard, retentionDashboard];
