import { bridges, establishedKols, kolRanking, spammers, topKols } from '../panels/kols.js';
import type { DashboardDef } from '../panels/types.js';

export const kolsDashboard: DashboardDef = {
  uid: 'qunpulse-kols',
  title: 'qunpulse · KOLs',
  description: 'Tenant-wide KOL rankings now and over about a year, bridges between groups and spammers.',
  tags: ['qunpulse'],
  variables: [{ name: 'tenant', includeAll: false }, { name: 'platform', includeAll: true }],
  panels: [topKols, establishedKols, kolRanking, bridges, spammers],
};
