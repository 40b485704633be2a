// The recompute steps, in the order they run. Each step reads chat_events (and the tables of the
// steps before it) for the touched groups and writes its own tables.
import type { RecomputeStep } from './context.js';
import { kolStep } from './kol/step.js';
import { activityStep, healthStep, retentionStep } from './health/steps.js';

// kol first: the activity step reads its spammer flags.
export const RECOMPUTE_STEPS: RecomputeStep[] = [kolStep, activityStep, retentionStep, healthStep];
