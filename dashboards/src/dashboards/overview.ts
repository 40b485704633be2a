import { dyingGroups, groupSurvival, groupsByStatus, latestHealth, recentAlerts } from '../panels/overview.js';
import { tenantHourWeekday } from '../panels/heatmap.js';
import { groupsAgainstPeers } from '../panels/peers.js';
import { tenantSegments } from '../panels/segments.js';
import type { DashboardDef } from '../panels/types.js';

export const overviewDashboard: DashboardDef = {
  uid: 'qunpulse-overview',
  title: 'qunpulse · Overview',
  description: 'Which groups are thriving or dying, and why.',
  tags: ['qunpulse'],
  variables: [{ name: 'tenant', includeAll: false }, { name: 'platform', includeAll: true }, { name: 'purpose', includeAll: true }],
  panels: [groupsByStatus, groupSurvival, dyingGroups, groupsAgainstPeers, tenantSegments, recentAlerts, latestHealth, tenantHourWeekday],
};
