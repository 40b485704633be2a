import { memberSurvival, peopleRetentionByWeek, retentionByInviter, retentionByPath, retentionByWeek } from '../panels/retention.js';
import type { DashboardDef } from '../panels/types.js';

export const retentionDashboard: DashboardDef = {
  uid: 'qunpulse-retention',
  title: 'qunpulse · Retention',
  description: 'Retention by join week, join path and inviter, and the member survival curve.',
  tags: ['qunpulse'],
  variables: [
    { name: 'tenant', includeAll: false }, { name: 'platform', includeAll: true },
    { name: 'purpose', includeAll: true }, { name: 'group', includeAll: true },
  ],
  panels: [retentionByWeek, peopleRetentionByWeek, retentionByPath, memberSurvival, retentionByInviter],
};
