import { groupActivity, groupConcentration, groupKols, groupStructure, joinsAndLeaves, retentionCohorts, speakersVsLurkers } from '../panels/group.js';
import { groupHourWeekday } from '../panels/heatmap.js';
import type { DashboardDef } from '../panels/types.js';

export const groupDashboard: DashboardDef = {
  uid: 'qunpulse-group',
  title: 'qunpulse · Group',
  description: 'One group: activity, speakers and lurkers, joins and leaves, retention, KOLs and structure.',
  tags: ['qunpulse'],
  variables: [
    { name: 'tenant', includeAll: false }, { name: 'platform', includeAll: true },
    { name: 'purpose', includeAll: true }, { name: 'group', includeAll: false },
  ],
  panels: [groupActivity, speakersVsLurkers, groupHourWeekday, joinsAndLeaves, retentionCohorts, groupKols, groupStructure, groupConcentration],
};
