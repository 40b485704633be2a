import type { ChatEventInput } from '@qunpulse/contracts';
import { readJson } from '@qunpulse/contracts';

/** What one platform delivery turned into: chat events, and notes on the parts that carry none. */
export interface Converted {
  events: ChatEventInput[];
  /** Readable notes for deliveries or parts that map to no chat event (e.g. an edited message). */
  ignored: string[];
}

export class SignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureError';
  }
}

/** A delivery that is authentic but cannot be read (bad JSON, bad XML, wrong shape). */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

export function parseJsonBody(body: Buffer): unknown {
  const read = readJson(body);
  if (read.ok) return read.value;
  throw new PayloadError(`(body): ${read.reason}`);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
