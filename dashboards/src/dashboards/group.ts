import { groupActivity, groupConcentration, groupKols, groupStructure, joinsAndLeaves, retentionCohorts, speakersVsLurkers } from '../panels/group.js';
import { groupHourWeekday } from '../panels/heatmap.js';
import { groupPeers } from '../panels/peers.js';
import { memberSegments, segmentMoves } from '../panels/segments.js';
import type { DashboardDef } from '../panels/types.js';

export const groupDashboard: DashboardDef = {
  uid: 'qunpulse-group',
  title: 'qunpulse · Group',
  description: 'One group: how it compares with its peers, activity, speakers and lurkers, joins and leaves, retention, KOLs, member segments and structure.',
  tags: ['qunpulse'],
  variables: [
    { name: 'tenant', includeAll: false }, { name: 'platform', includeAll: true },
    { name: 'purpose', includeAll: true }, { name: 'group', includeAll: false },
  ],
  panels: [groupPeers, groupActivity, speakersVsLurkers, groupHourWeekday, joinsAndLeaves, retentionCohorts, groupKols, memberSegments, segmentMoves, groupStructure, groupConcentration],
};
