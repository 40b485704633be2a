import { fissionByGroup, fissionDepth, fissionGenerations, fissionInviters, fissionMembersByGeneration } from '../panels/fission.js';
import type { DashboardDef } from '../panels/types.js';

export const fissionDashboard: DashboardDef = {
  uid: 'qunpulse-fission',
  title: 'qunpulse · Fission',
  description: 'Growth through invitations (裂变): generations, viral coefficients, depth and how long each generation stays.',
  tags: ['qunpulse'],
  variables: [
    { name: 'tenant', includeAll: false }, { name: 'platform', includeAll: true },
    { name: 'purpose', includeAll: true }, { name: 'group', includeAll: true },
  ],
  panels: [fissionMembersByGeneration, fissionDepth, fissionGenerations, fissionByGroup, fissionInviters],
};
