// The public extension surface of qunpulse. Everything a consumer or a warehouse extension needs is
// exported here, so extensions import one package and never qunpulse's internal modules.
export * from './define.js';
export * from './decode.js';
export * from './settle.js';
export * from './run.js';
export * from './metrics.js';
export * from './progress.js';
export * from './extension.js';
export * from './idempotent-insert.js';
export * from './testing.js';
export { Registry } from 'prom-client';
export { chatEventContract, schemaContract, versionedContract, chatEventSchema, chatEventKey, CHAT_EVENT_SCHEMA, HEADERS, decodeWith, validateWith } from '@qunpulse/contracts';
export type { ChatEvent, MessageEvent, Contract, Decoded, VersionReader, TopicKey } from '@qunpulse/contracts';
export { ok, drop, dlq, retry, KafkaBus, readKafkaEnv, deadLetterRecord, ChatEventPublisher, repoRoot } from '@qunpulse/kafka';
export type { InRecord, StepResult, KafkaSettings } from '@qunpulse/kafka';
export { createLogger, silentLogger, Shutdown, parseEnv, envVar } from '@qunpulse/runtime';
export type { Logger } from '@qunpulse/runtime';
export { openWarehouse, readWarehouseEnv } from '@qunpulse/warehouse';
export type { Warehouse } from '@qunpulse/warehouse';
export type { RecomputeStep, RecomputeContext, GroupRef } from '@qunpulse/analytics-worker';
export { runPanel, tenantScope, groupScope, groupsScope, optionalGroupScope, ALL, grafanaDashboard } from '@qunpulse/dashboards';
export type { PanelDef, DashboardDef, VariableValues, PanelResult } from '@qunpulse/dashboards';
