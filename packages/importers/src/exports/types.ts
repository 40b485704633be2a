/** One source record (a line, a message) and the chat events it became. */
export interface ExportRecord {
  /** Canonical values to validate, or raw bytes that could not be parsed (validated into a reason). */
  items: ({ value: unknown } | { raw: Buffer } | { invalid: InvalidRecord })[];
  /** Where the record came from, for dead-letter origins: `file:line` or `file#index`. */
  origin: string;
  /** Bytes of the input read so far, for progress. */
  bytesDone: number;
  /** Byte offset just past this record when the reader can seek there on resume; otherwise undefined. */
  seekOffset?: number;
}

/** A source line that is not a chat event the reader understands: rejected with this reason. */
export interface InvalidRecord {
  /** Names the field and the problem, e.g. `time: "25:61" is not a time of day`. */
  reason: string;
  /** The source text, for the dead-letter record. */
  raw: string;
}

export interface ResumePoint {
  /** Source records already handled; readers skip this many. */
  records: number;
  /** Byte offset to seek to, for readers that can seek (ndjson, csv). */
  offset?: number | undefined;
}

export interface ReadOptions {
  /** Tenant the export belongs to (exports other than canonical NDJSON do not name one). */
  tenantId: string;
  resume?: ResumePoint | undefined;
  /** CSV only: platform, time zone of naive times, and header overrides. */
  csv?: CsvOptions | undefined;
  /** Line-based logs (IRC, QQ, WeChat): offset of times written without one, e.g. "+08:00". */
  utcOffset?: string | undefined;
}

export const CSV_FIELDS = ['time', 'group_id', 'sender_id', 'message_id', 'kind', 'content', 'reply_to', 'mentions', 'event', 'inviter_id'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

export interface CsvOptions {
  platform?: 'wechat' | 'qq' | 'wecom' | 'other';
  /** Offset of times written without one, e.g. "+08:00" (the default: China Standard Time). */
  utcOffset?: string;
  /** Which header holds each field, overriding the recognised names. */
  columns?: Partial<Record<CsvField, string>>;
}

export type ExportReader = (file: string, opts: ReadOptions) => AsyncGenerator<ExportRecord>;
