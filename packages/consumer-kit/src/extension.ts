// A warehouse extension: what a team adds next to qunpulse's own tables. Its migrations live in
// their own directory and ledger (namespace), so their numbers never collide with qunpulse's;
// its recompute steps run after qunpulse's for the groups the worker touched or judged; its panels
// are written like qunpulse's (SQL with Grafana variables) and run by the report the same way.
import type { RecomputeStep } from '@qunpulse/analytics-worker';
import type { DashboardDef, PanelDef } from '@qunpulse/dashboards';
import { migrate, NAMESPACE_PATTERN, type Warehouse } from '@qunpulse/warehouse';
import type { ConsumerDefinition } from './define.js';

export interface Extension {
  /** Lower-case name; every table it creates starts with `<namespace>_`, and its ledger key is the namespace. */
  namespace: string;
  /** Directory of its numbered migrations (`0001_name.sql`, …). */
  migrationsDir: string;
  /** Consumers `qunpulse run` starts next to its own, given the warehouse they write to. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each consumer reads its own value type
  consumers?: (deps: { warehouse: Warehouse }) => ConsumerDefinition<any>[];
  /** Run after qunpulse's steps, in order; names are prefixed with the namespace in timings and logs. */
  steps?: RecomputeStep[];
  panels?: PanelDef[];
}

export function defineExtension(ext: Extension): Extension {
  if (!NAMESPACE_PATTERN.test(ext.namespace)) {
    throw new Error(`extension namespace ${JSON.stringify(ext.namespace)}: must be lower-case letters, digits and "_", starting with a letter`);
  }
  for (const p of ext.panels ?? []) {
    if (!p.id.startsWith(`${ext.namespace}_`)) throw new Error(`extension ${ext.namespace}: panel id ${JSON.stringify(p.id)} must start with "${ext.namespace}_"`);
  }
  return ext;
}

/** Applies the extension's pending migrations (embedded or server alike); returns the versions applied. */
export function migrateExtension(wh: Warehouse, ext: Extension, opts: { cluster?: string } = {}): Promise<number[]> {
  return migrate(wh, { dir: ext.migrationsDir, namespace: ext.namespace, ...(opts.cluster ? { cluster: opts.cluster } : {}) });
}

/**
 * The extension's panels as a dashboard: for the report (`qunpulse report` with QUNPULSE_EXTENSIONS)
 * and for Grafana (`grafanaDashboard(extensionDashboard(ext))`). The report runs it for the tenant
 * with every group selected, so write group filters with optionalGroupScope().
 */
export function extensionDashboard(ext: Extension): DashboardDef {
  return {
    uid: `qunpulse-ext-${ext.namespace.replaceAll('_', '-')}`,
    title: `qunpulse · ${ext.namespace}`,
    description: `Panels of the ${ext.namespace} extension.`,
    tags: ['qunpulse', 'extension'],
    variables: [
      { name: 'tenant', includeAll: false }, { name: 'platform', includeAll: true },
      { name: 'purpose', includeAll: true }, { name: 'group', includeAll: true },
    ],
    panels: ext.panels ?? [],
  };
}

/** qunpulse's recompute steps followed by the extensions', each named `<namespace>:<step>`. */
export function withExtensionSteps(steps: readonly RecomputeStep[], extensions: readonly Extension[]): RecomputeStep[] {
  return [...steps, ...extensions.flatMap((e) => (e.steps ?? []).map((s) => ({ name: `${e.namespace}:${s.name}`, run: s.run })))];
}
