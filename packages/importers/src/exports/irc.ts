// IRC channel logs: one file per channel and day (or one per channel with date lines), as text or
// as an HTML rendering, or a folder of them (read in name order). Messages become message events;
// "nick: …" / "nick, …" addressed to someone who spoke in the channel before is a reply to that
// member's latest message; a member's first join becomes member_joined. Parts and quits end a
// session, not a membership (regulars quit daily), so they become nothing; nor do mode and nick
// changes, which carry no interaction (`parseIrcLine` still reads them, e.g. for operator lists),
// though a nick change that only adds a suffix is followed for the rest of the session (below).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ChatEventInput } from '@qunpulse/contracts';
import { readLines } from '../lines.js';
import { htmlLineText, ircTimestamp, parseIrcLine } from './irc-line.js';
import type { ExportReader, ExportRecord } from './types.js';

/**
 * Away and status words people append to their nick while away ("bsmedberg-away", "ted_afk",
 * "kats|lunch", "smaug-bbl"), after a separator: the same person, not a new member.
 */
const AWAY_SUFFIX = /[-_|^`]+(?:away|afk|bbl|brb|lunch|food|dinner|eat|zzz+|sleep|sleeping|off|offline|mtg|meeting|busy|gone|idle|out|pto|vacation|holiday|phone|travel|travelling|traveling)[-_^`\d]*$/;

/**
 * One member per nick with the decorations people add while away or reconnecting stripped:
 * "Dbaron", "dbaron_", "dbaron|away", "dbaron^", "dbaron-afk" and "dbaron_away" are the same
 * person. A nick alone can't say more ("paul_irish" need not be "paul"); `IrcSessions` adds what the
 * log's nick changes say.
 */
export function ircMemberId(nick: string): string {
  const lower = nick.toLowerCase();
  return lower.split('|')[0]!.replace(AWAY_SUFFIX, '').replace(/[_`^-]+$/, '') || lower;
}

/**
 * Who each nick in a channel is while its session lasts. "bz is now known as bz_weekend" says that
 * the same connection now speaks as bz_weekend, so its lines are bz's until it quits, parts, joins
 * anew or changes nick again. Only a change that adds a suffix after a separator is followed: a
 * guest who takes a registered name ("Guest42 is now known as dbaron") is more likely its owner
 * identifying than a new person, so a change to an unrelated name keeps the name's own member.
 */
export class IrcSessions {
  private readonly byChannel = new Map<string, Map<string, string>>();

  memberOf(channel: string, nick: string): string {
    return this.byChannel.get(channel)?.get(nick.toLowerCase()) ?? ircMemberId(nick);
  }

  /** `nick` renamed itself `to`. */
  renamed(channel: string, nick: string, to: string): void {
    const member = this.memberOf(channel, nick);
    let nicks = this.byChannel.get(channel);
    nicks?.delete(nick.toLowerCase());
    const own = ircMemberId(to);
    if (own === member || !own.startsWith(member) || !/[-_`^|]/.test(own.charAt(member.length))) {
      nicks?.delete(to.toLowerCase());
      return;
    }
    if (!nicks) this.byChannel.set(channel, (nicks = new Map()));
    nicks.set(to.toLowerCase(), member);
  }

  /** The nick's session ended (quit, part) or a new one began (join). */
  ended(channel: string, nick: string): void {
    this.byChannel.get(channel)?.delete(nick.toLowerCase());
  }
}

/** Files of a folder in name order (one level: a folder per channel is read as one channel each). */
export function ircFiles(input: string): string[] {
  if (!statSync(input).isDirectory()) return [input];
  return readdirSync(input, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(input, d.name)).sort();
}

const utf8 = new TextDecoder('utf-8');

/** Date in the file name (2012-03-20, 20120320, _20120320.log), the default date of its lines. */
function dateOfFile(file: string): string | undefined {
  const m = /(\d{4})-?(\d{2})-?(\d{2})(?!\d)/.exec(path.basename(file));
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** Channel from the file name ("#whatwg.2012-03-20.log"), else the folder holding it. */
function channelOfFile(file: string): string {
  const m = /(#[^\s_./]+)/.exec(path.basename(file));
  return m ? m[1]! : `#${path.basename(path.dirname(path.resolve(file)))}`;
}

export const readIrcLog: ExportReader = async function* (input, opts) {
  const utcOffset = opts.utcOffset ?? '+00:00';
  const skip = opts.resume?.records ?? 0;
  let index = 0;
  let bytesBefore = 0;
  // Per channel: member → their latest message id, so an addressed line can point at it.
  const lastMessage = new Map<string, Map<string, string>>();
  const joined = new Set<string>();
  const sessions = new IrcSessions();
  for (const file of ircFiles(input)) {
    const html = /\.html?$/i.test(file);
    let channel = channelOfFile(file);
    let date = dateOfFile(file);
    let lastBytes = 0;
    for await (const line of readLines(file)) {
      lastBytes = line.endOffset;
      let text: string | undefined = utf8.decode(line.bytes);
      if (html) {
        const title = /<title>[^<]*?(#[^\s/<]+)/i.exec(text);
        if (title) channel = title[1]!;
        text = htmlLineText(text);
        if (text === undefined) continue;
      }
      const parsed = parseIrcLine(text);
      if (parsed.kind === 'date') { date = parsed.date; continue; }
      if (parsed.kind === 'channel') { channel = parsed.channel; continue; }
      if (parsed.kind === 'nick') sessions.renamed(channel, parsed.nick, parsed.to);
      else if (parsed.kind === 'join' || parsed.kind === 'part' || parsed.kind === 'quit') sessions.ended(channel, parsed.nick);
      // Skipped records are still read so replies after a resume find the messages they answer.
      const resumed = ++index <= skip;
      const origin = `${file}:${line.number}`;
      const record: ExportRecord = { items: [], origin, bytesDone: bytesBefore + line.endOffset };
      if (parsed.kind === 'invalid') {
        record.items.push({ invalid: { reason: `${parsed.field}: ${parsed.reason}`, raw: text } });
      } else if (parsed.kind === 'message' || parsed.kind === 'join') {
        if (date === undefined && !/^\d{4}-/.test(parsed.time)) {
          record.items.push({ invalid: { reason: 'date: the line has no date, nor has the file name or a Session Start / Log opened / Day changed line before it', raw: text } });
          if (!resumed) yield record;
          continue;
        }
        const memberId = sessions.memberOf(channel, parsed.nick);
        const occurredAt = ircTimestamp(date ?? '', parsed.time, utcOffset);
        const base = { tenantId: opts.tenantId, platform: 'irc' as const, groupId: channel, memberId, occurredAt };
        let seen = lastMessage.get(channel);
        if (!seen) lastMessage.set(channel, (seen = new Map()));
        if (parsed.kind === 'join') {
          const key = `${channel}\u0000${memberId}`;
          if (!joined.has(key)) {
            joined.add(key);
            record.items.push({ value: { ...base, type: 'member_joined', eventId: `join:${channel}:${memberId}`, join: { via: 'unknown' } } satisfies ChatEventInput });
          }
        } else if (parsed.kind === 'message') {
          const eventId = `${channel}:${(/^\d{4}-\d{2}-\d{2}/.exec(parsed.time)?.[0] ?? date)}:${line.number}`;
          const addressed = /^([^\s:,]+)[:,]\s/.exec(parsed.text);
          const target = addressed ? sessions.memberOf(channel, addressed[1]!) : undefined;
          const targetMessage = target !== undefined && target !== memberId ? seen.get(target) : undefined;
          record.items.push({
            value: {
              ...base, type: 'message', eventId,
              message: {
                kind: 'text', text: parsed.text, length: parsed.text.length,
                ...(targetMessage ? { replyTo: { eventId: targetMessage, memberId: target! } } : {}),
              },
            } satisfies ChatEventInput,
          });
          seen.set(memberId, eventId);
        }
      }
      if (!resumed) yield record;
    }
    bytesBefore += lastBytes;
  }
};
