export * from './truth.js';
export { Simulation, simulate, DEFAULT_START, DEFAULT_PLATFORM_MIX, SimulationOptionsError, type SimulateOptions } from './simulate.js';
export { ARCHETYPES, archetypeFor, type Archetype } from './archetypes.js';
export { DAY_MS } from './group.js';
