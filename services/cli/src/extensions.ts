// Warehouse extensions named by QUNPULSE_EXTENSIONS: loaded, migrated under their namespace, their
// consumers started next to the event store and their recompute steps run after qunpulse's.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { defineExtension, migrateExtension, runConsumer, withExtensionSteps, type Extension, type Registry, type RunningConsumer } from '@qunpulse/consumer-kit';
import type { RecomputeStep } from '@qunpulse/analytics-worker';
import type { KafkaBus } from '@qunpulse/kafka';
import { envVar, parseEnv, type Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';

export const extensionsEnvSchema = z.object({
  /** Comma-separated modules (paths or package names) whose default export is an Extension. */
  QUNPULSE_EXTENSIONS: envVar.list().default([]),
});

export async function loadExtensions(specs: readonly string[]): Promise<Extension[]> {
  const out: Extension[] = [];
  for (const spec of specs) {
    const target = spec.startsWith('.') || path.isAbsolute(spec) ? pathToFileURL(path.resolve(spec)).href : spec;
    let mod: { default?: unknown };
    try {
      mod = (await import(target)) as { default?: unknown };
    } catch (err) {
      throw new Error(`QUNPULSE_EXTENSIONS: cannot load ${spec}: ${(err as Error).message}`, { cause: err });
    }
    const ext = mod.default as Extension | undefined;
    if (!ext || typeof ext !== 'object' || typeof ext.namespace !== 'string' || typeof ext.migrationsDir !== 'string') {
      throw new Error(`QUNPULSE_EXTENSIONS: ${spec} must default-export an extension (defineExtension({ namespace, migrationsDir, … }))`);
    }
    if (out.some((e) => e.namespace === ext.namespace)) throw new Error(`QUNPULSE_EXTENSIONS: two extensions use the namespace ${ext.namespace}`);
    out.push(defineExtension(ext));
  }
  return out;
}

/** The extensions QUNPULSE_EXTENSIONS names (none when unset). */
export function configuredExtensions(env: Record<string, string | undefined> = process.env): Promise<Extension[]> {
  return loadExtensions(parseEnv(extensionsEnvSchema, env).QUNPULSE_EXTENSIONS);
}

/** Applies each extension's pending migrations, as qunpulse's own are applied on opening the warehouse. */
export async function migrateExtensions(wh: Warehouse, extensions: readonly Extension[], log: Logger, cluster?: string): Promise<void> {
  for (const ext of extensions) {
    const applied = await migrateExtension(wh, ext, cluster ? { cluster } : {});
    log.info({ extension: ext.namespace, migrationsApplied: applied }, 'extension ready');
  }
}

export interface RunningExtensions {
  steps(base: readonly RecomputeStep[]): RecomputeStep[];
  /** Stops their consumers (each commits the batch in hand). */
  stop(): Promise<void>;
}

/** Loads the configured extensions, applies their migrations and starts their consumers. */
export async function startExtensions(deps: { bus: KafkaBus; warehouse: Warehouse; log: Logger; registry?: Registry; cluster?: string }, env: Record<string, string | undefined> = process.env): Promise<RunningExtensions> {
  const extensions = await configuredExtensions(env);
  const consumers: RunningConsumer[] = [];
  await migrateExtensions(deps.warehouse, extensions, deps.log, deps.cluster);
  for (const ext of extensions) {
    for (const def of ext.consumers?.({ warehouse: deps.warehouse }) ?? []) {
      consumers.push(await runConsumer(def, { bus: deps.bus, log: deps.log, ...(deps.registry ? { registry: deps.registry } : {}) }));
    }
  }
  return {
    steps: (base) => withExtensionSteps(base, extensions),
    async stop() {
      for (const c of consumers.reverse()) await c.stop();
    },
  };
}
