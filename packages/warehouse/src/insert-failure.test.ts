import { describe, expect, it } from 'vitest';
import { classifyInsertFailure } from './insert-failure.js';

describe('insert failures', () => {
  it('blame the records for ClickHouse parse and range errors, from chdb, the HTTP client or the message alone', () => {
    const chdb = Object.assign(new Error('Code: 25. DB::Exception: Cannot parse escape sequence: missing second part of surrogate pair.\n: While executing'), { clickhouseCode: 25, code: 'CHDB_INSERT' });
    expect(classifyInsertFailure(chdb)).toEqual({ kind: 'refused', code: 25, reason: 'Code: 25. DB::Exception: Cannot parse escape sequence: missing second part of surrogate pair.' });
    expect(classifyInsertFailure(Object.assign(new Error('Unsigned type must not contain'), { code: '72', type: 'CANNOT_PARSE_NUMBER' }))).toMatchObject({ kind: 'refused', code: 72 });
    expect(classifyInsertFailure(new Error('Code: 117. DB::Exception: bad data'))).toMatchObject({ kind: 'refused', code: 117 });
  });

  it('treat everything else as the warehouse being unavailable: network, timeouts, overload, missing tables', () => {
    expect(classifyInsertFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' }))).toEqual({ kind: 'unavailable', reason: 'connect ECONNREFUSED 127.0.0.1:8123' });
    expect(classifyInsertFailure(new Error('Timeout error.')).kind).toBe('unavailable');
    expect(classifyInsertFailure(Object.assign(new Error('Too many parts'), { code: '252' })).kind).toBe('unavailable');
    expect(classifyInsertFailure(new Error('Code: 60. DB::Exception: Table qunpulse.chat_events does not exist')).kind).toBe('unavailable');
    expect(classifyInsertFailure('socket hang up').kind).toBe('unavailable');
  });
});
