// A contract is what a consumer reads: the schema versions it accepts, told apart by the record's
// schema header. A new major version rolls out by consumers learning to read it first (each older
// version is upgraded to the newest shape on read), producers switching later; records written
// before either stay readable, and records without the header are read as the oldest version.
import type { z } from 'zod';
import type { ChatEvent } from './chat-event.js';
import { CHAT_EVENT_SCHEMA, HEADERS } from './headers.js';
import { decodeChatEvent, decodeWith, type Decoded } from './validate.js';

export interface Contract<T> {
  /** Schema header values this contract reads, oldest first (e.g. `chat-event/v1`). */
  readonly schemas: readonly string[];
  /** The record's value as T, or the field and the reason it is not readable. */
  decode(bytes: Uint8Array, headers: Readonly<Record<string, string>>, now: number): Decoded<T>;
}

/** How one schema version is read: bytes to the consumer's (newest) shape. */
export type VersionReader<T> = (bytes: Uint8Array, now: number) => Decoded<T>;

const SCHEMA_NAME = /^[a-z0-9][a-z0-9-]*\/v\d+$/;

/**
 * A contract over several schema versions. `versions` maps each schema header value to its reader;
 * the first key is also what a record without the header is read as.
 */
export function versionedContract<T>(versions: Record<string, VersionReader<T>>): Contract<T> {
  const schemas = Object.keys(versions);
  if (schemas.length === 0) throw new Error('versionedContract: versions must name at least one schema');
  for (const s of schemas) {
    if (!SCHEMA_NAME.test(s)) throw new Error(`versionedContract: schema name ${JSON.stringify(s)} must look like "name/v1"`);
  }
  const unlabelled = schemas[0]!;
  return {
    schemas,
    decode(bytes, headers, now) {
      const schema = headers[HEADERS.schema] ?? unlabelled;
      const read = versions[schema];
      if (!read) {
        return {
          ok: false, field: `header ${HEADERS.schema}`,
          reason: `header ${HEADERS.schema}: ${JSON.stringify(schema.slice(0, 80))} is not a schema this consumer reads (${schemas.join(', ')})`,
        };
      }
      return read(bytes, now);
    },
  };
}

/** A contract of one version whose values are whatever `schema` parses (unknown fields are stripped). */
export function schemaContract<T>(schemaName: string, schema: z.ZodType<T>): Contract<T> {
  return versionedContract({ [schemaName]: (bytes) => decodeWith(schema, bytes) });
}

/** chat-event/v1, with the same checks as ingest (including the bound on future timestamps). */
export const chatEventContract: Contract<ChatEvent> = versionedContract({
  [CHAT_EVENT_SCHEMA]: (bytes, now) => {
    const v = decodeChatEvent(bytes, now);
    return v.ok ? { ok: true, value: v.event } : v;
  },
});
