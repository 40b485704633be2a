import { slaByGroup, slaByStaff, slaOverTime } from '../panels/sla.js';
import type { DashboardDef } from '../panels/types.js';

export const slaDashboard: DashboardDef = {
  uid: 'qunpulse-sla',
  title: 'qunpulse · Response times',
  description: 'Support and sales groups: how long members wait for a staff reply in work hours, and whether the service level holds.',
  tags: ['qunpulse'],
  variables: [
    { name: 'tenant', includeAll: false }, { name: 'platform', includeAll: true },
    { name: 'purpose', includeAll: true }, { name: 'group', includeAll: true },
  ],
  panels: [slaByGroup, slaOverTime, slaByStaff],
};
