// Each processing step says what should happen to a record: keep going, drop it on purpose,
// send it to the dead-letter topic with a reason, or retry the whole batch later.

export type StepResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'drop'; reason: string }
  | { kind: 'dlq'; reason: string; step: string }
  | { kind: 'retry'; reason: string };

export function ok(): StepResult<void>;
export function ok<T>(value: T): StepResult<T>;
export function ok<T>(value?: T): StepResult<T | undefined> {
  return { kind: 'ok', value };
}
export const drop = (reason: string): StepResult<never> => ({ kind: 'drop', reason });
export const dlq = (step: string, reason: string): StepResult<never> => ({ kind: 'dlq', reason, step });
export const retry = (reason: string): StepResult<never> => ({ kind: 'retry', reason });
