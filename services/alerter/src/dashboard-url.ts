import type { Alert } from '@qunpulse/alerts';

/** Link to the Group dashboard with the alert's group selected. */
export function groupDashboardUrl(base: string, a: Alert): string {
  const u = new URL(base.replace(/\/$/, '') + '/d/qunpulse-group/qunpulse-group');
  u.searchParams.set('var-tenant', a.tenantId);
  u.searchParams.set('var-platform', a.platform);
  u.searchParams.set('var-purpose', '__all');
  u.searchParams.set('var-group', a.groupId);
  return u.toString();
}
