// Activity, retention and group health: the steps, their queries and the report section.
export * from './activity/classify.js';
export * from './activity/compute.js';
export { scopeParams, type Scope } from './activity/scope.js';
export * from './retention/compute.js';
export * from './retention/queries.js';
export * from './health/compute.js';
export * from './health/structure.js';
export * from './health/steps.js';
export * from './report/health-section.js';
