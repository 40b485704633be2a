// `qunpulse identity`: links from a file are stored accepted, listed, undone; a bad file is refused
// naming the field, and nothing is stored.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess as runCli } from './support/cli-in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-identity-'));

describe('qunpulse identity', () => {
  beforeAll(() => { process.env.QUNPULSE_DATA_DIR = path.join(dir, 'data'); });

  it('links member ids from a file, lists and undoes them', async () => {
    const file = path.join(dir, 'links.json');
    writeFileSync(file, JSON.stringify({ persons: [{ person: 'crm-1', members: [{ platform: 'wecom', memberId: 'wx-li' }, { platform: 'telegram', memberId: 'tg-li' }] }] }));
    const linked = await runCli(['identity', 'link', '--tenant', 'acme', '--file', file]);
    expect(linked.code, linked.err).toBe(0);
    expect(linked.out).toBe('linked 1 persons (2 member ids) for tenant acme\n');
    expect((await runCli(['identity', 'list', '--tenant', 'acme'])).out).toBe('crm-1\taccepted\tfile\ttelegram:tg-li,wecom:wx-li\n');
    expect((await runCli(['identity', 'unlink', '--tenant', 'acme', 'crm-1'])).out).toBe('crm-1\tundone\tfile\ttelegram:tg-li,wecom:wx-li\n');
    const again = await runCli(['identity', 'unlink', '--tenant', 'acme', 'crm-1']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/person "crm-1": cannot undo, its links are undone/);
  });

  it('refuses a file with a bad field, naming it', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ persons: [{ person: 'crm-2', members: [{ platform: 'myspace', memberId: 'a' }, { platform: 'qq', memberId: 'b' }] }] }));
    const bad = await runCli(['identity', 'link', '--tenant', 'beta', '--file', file]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/persons\.0\.members\.0\.platform: platform must be one of/);
    expect((await runCli(['identity', 'list', '--tenant', 'beta'])).out).toBe('');
  });
});
