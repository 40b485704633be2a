// The real-data evaluation on the committed IRC samples: the truth comes from ChanServ's mode lines
// only, and the table counts truth members in the top k for each ranking and horizon.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';
import { ircChanServOps } from './truth.js';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../packages/importers/samples');

describe('qunpulse eval', () => {
  afterEach(() => { vi.restoreAllMocks(); });

  it('takes the truth from ChanServ +o mode lines, not from ops set by people', async () => {
    expect([...await ircChanServOps(path.join(SAMPLES, 'irc'))].sort()).toEqual(['jgraham', 'ms2ger']);
  });

  it('prints truth members in the top k for the composite, message count and PageRank, per horizon', async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['eval', `samples=irc:${path.join(SAMPLES, 'irc')}`, '--json'])).toBe(0);
    const rows = JSON.parse(out) as { archive: string; horizon: string; k: number; composite: number; messages: number; pagerank: number; last: string }[];
    expect(rows.map((r) => r.horizon)).toEqual(['current', 'established']);
    for (const r of rows) {
      // jgraham and ms2ger posted on the last day; gsnedders and webben (2006) fall outside both windows.
      expect(r).toMatchObject({ archive: 'samples', k: 2, composite: 2, messages: 2, pagerank: 2, last: '2012-03-20' });
    }
  });

  it('counts a truth member the tenant lists as a bot for no ranking: k shrinks, nobody is charged for it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eval-exclude-'));
    try {
      writeFileSync(path.join(dir, 'bots'), 'jgraham  # listed as a bot account\n');
      let out = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      expect(await main(['eval', `samples=irc:${path.join(SAMPLES, 'irc')}`, '--exclude', path.join(dir, 'bots'), '--json'])).toBe(0);
      const rows = JSON.parse(out) as { k: number; composite: number; messages: number; pagerank: number }[];
      for (const r of rows) expect(r).toMatchObject({ k: 1, composite: 1, messages: 1, pagerank: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a listed bot out of k even when the spam rule flagged it first', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eval-spam-bot-'));
    try {
      // ChanServ ops the channel's bug bot and alice; the bot posts a dozen links nobody answers.
      const bot = Array.from({ length: 12 }, (_, i) => `[10:${String(i + 10).padStart(2, '0')}:00] <bugbot2> Bug https://bugs.example.org/${i} NEW`);
      writeFileSync(path.join(dir, '#chan_20120320.log'), [
        '[10:00:00] *** ChanServ sets mode: +oo bugbot2 alice', '[10:01:00] <bob> is the build broken?', '[10:02:00] <alice> bob: yes, fixing',
        ...bot, '[10:30:00] <bob> alice: thanks',
      ].join('\n') + '\n');
      writeFileSync(path.join(dir, 'bots'), 'bugbot2\n');
      let out = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const ks = async (...extra: string[]) => {
        out = '';
        expect(await main(['eval', `chan=irc:${path.join(dir, '#chan_20120320.log')}`, ...extra, '--json'])).toBe(0);
        return (JSON.parse(out) as { k: number }[]).map((r) => r.k);
      };
      // Unlisted, the bot is a truth member no ranking can place (the spam rule flags it): k = 2.
      expect(await ks()).toEqual([2, 2]);
      expect(await ks('--exclude', path.join(dir, 'bots'))).toEqual([1, 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a bad archive spec', async () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err += String(chunk); return true; });
    expect(await main(['eval', 'zulip-without-truth=zulip:/nowhere'])).toBe(2);
    expect(err).toContain('give a truth file');
  });
});
