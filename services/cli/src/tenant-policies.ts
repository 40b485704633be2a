// The tenants file read by the commands that bring data in (`import`, `analyze`): the same file and
// the same policies the ingest API applies, so a tenant's text is kept only where it opted in.
import { noConfiguredPolicies, type PolicyLookup } from '@qunpulse/importers';
import { TenantDirectory } from '@qunpulse/ingest-api';

export const TENANTS_OPTION_HELP = `--tenants FILE       tenants file with privacy settings (default: $INGEST_TENANTS_FILE); without
                       one, message text is dropped and member ids are kept`;

/** Policies from --tenants, else INGEST_TENANTS_FILE / INGEST_TENANTS_JSON, else none (text dropped). */
export function tenantPolicies(file: string | undefined, env: Record<string, string | undefined> = process.env): PolicyLookup {
  const path = file ?? (env.INGEST_TENANTS_FILE?.trim() || undefined);
  const json = env.INGEST_TENANTS_JSON?.trim() || undefined;
  if (path !== undefined) return TenantDirectory.load({ file: path }).policies();
  if (json !== undefined) return TenantDirectory.load({ json }).policies();
  return noConfiguredPolicies;
}
