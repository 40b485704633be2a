import { describe, expect, it } from 'vitest';
import { UsageError } from '../command.js';
import { importCommand } from './import.js';

// Argument problems are reported before anything connects to Kafka.
describe('qunpulse import arguments', () => {
  it.each([
    [['xml', 'a.xml'], /FORMAT must be one of ndjson, telegram, slack, discord, csv/],
    [['csv'], /at least one FILE/],
    [['telegram', 'result.json'], /--tenant is required for telegram exports/],
    [['csv', 'a.csv', '--tenant', 'a b'], /--tenant may hold/],
    [['csv', 'a.csv', '--tenant', 't', '--platform', 'icq'], /--platform must be one of wechat, qq, wecom, other/],
    [['csv', 'a.csv', '--tenant', 't', '--utc-offset', '8'], /--utc-offset must look like \+08:00/],
    [['csv', 'a.csv', '--tenant', 't', '--column', 'colour=x'], /--column must be FIELD=HEADER/],
    [['ndjson', 'a.ndjson', '--speed', 'fast'], /Unknown option '--speed'/],
  ])('rejects %j', async (args, message) => {
    const run = importCommand.run(args);
    await expect(run).rejects.toThrow(UsageError);
    await expect(importCommand.run(args)).rejects.toThrow(message);
  });
});
