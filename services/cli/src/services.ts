// The long-running services `qunpulse run` starts beside the event store and the analytics
// worker, in start order; they are stopped in reverse order.
import { startAlerterService } from './alerter-service.js';
import { startIngestService } from './ingest-service.js';
import type { Pipeline } from './pipeline.js';
import type { Runtime } from './runtime.js';

export interface RunningService {
  name: string;
  stop(): Promise<void>;
}

export type ServiceStarter = (rt: Runtime, pipeline: Pipeline) => Promise<RunningService | undefined>;

export const SERVICE_STARTERS: ServiceStarter[] = [startIngestService, startAlerterService];
