// Why an insert failed decides what the event store does next. A refusal of the data itself (a value
// ClickHouse cannot parse or store) is worth splitting the batch to find the record; anything else
// (connection refused, timeouts, a server overloaded, read-only or misconfigured) says nothing about
// the records, so the batch is retried as it is and no record is dead-lettered for it.

export type InsertFailure =
  | { kind: 'refused'; code: number; reason: string }
  | { kind: 'unavailable'; reason: string };

/** ClickHouse error codes that blame the inserted data (src/Common/ErrorCodes.cpp). */
const DATA_ERROR_CODES = new Set([
  6, // CANNOT_PARSE_TEXT
  25, // CANNOT_PARSE_ESCAPE_SEQUENCE (lone surrogates)
  26, // CANNOT_PARSE_QUOTED_STRING
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  32, // ATTEMPT_TO_READ_AFTER_EOF
  33, // CANNOT_READ_ALL_DATA
  38, // CANNOT_PARSE_DATE
  41, // CANNOT_PARSE_DATETIME
  53, // TYPE_MISMATCH
  69, // ARGUMENT_OUT_OF_BOUND
  70, // CANNOT_CONVERT_TYPE
  72, // CANNOT_PARSE_NUMBER
  117, // INCORRECT_DATA
  128, // TOO_LARGE_ARRAY_SIZE
  131, // TOO_LARGE_STRING_SIZE
  321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  376, // CANNOT_PARSE_UUID
  377, // ILLEGAL_SYNTAX_FOR_DATA_TYPE
  467, // CANNOT_PARSE_BOOL
]);

function errorCode(err: unknown): number | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const e = err as { clickhouseCode?: unknown; code?: unknown; message?: unknown };
  // chdb sets clickhouseCode; @clickhouse/client's ClickHouseError sets code as a digit string.
  for (const c of [e.clickhouseCode, e.code]) {
    if (typeof c === 'number' && Number.isInteger(c)) return c;
    if (typeof c === 'string' && /^\d+$/.test(c)) return Number(c);
  }
  const m = typeof e.message === 'string' ? /\bCode: (\d+)\. DB::Exception/.exec(e.message) : null;
  return m ? Number(m[1]) : undefined;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}

export function classifyInsertFailure(err: unknown): InsertFailure {
  const code = errorCode(err);
  if (code !== undefined && DATA_ERROR_CODES.has(code)) return { kind: 'refused', code, reason: firstLine(err) };
  return { kind: 'unavailable', reason: firstLine(err) };
}
