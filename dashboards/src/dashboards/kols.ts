import { bridges, kolRanking, spammers, topKols } from '../panels/kols.js';
import type { DashboardDef } from '../panels/types.js';

export const kolsDashboard: DashboardDef = {
  uid: 'qunpulse-kols',
  title: 'qunpulse · KOLs',
  description: 'Tenant-wide KOL ranking, bridges between groups and spammers.',
  tags: ['qunpulse'],
  variables: [{ name: 'tenant', includeAll: false }, { name: 'platform', includeAll: true }],
  panels: [topKols, kolRanking, bridges, spammers],
};
