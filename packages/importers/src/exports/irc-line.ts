// One line of an IRC channel log, in the line formats common loggers write: mIRC ("[12:01] <nick>
// text", "* Joins: nick (host)", "* X sets mode: +o Y"), ZNC ("[12:01:02] *** Quits: …"), irssi
// ("12:01 -!- mode/#chan [+o Y] by ChanServ", "--- Day changed …") and weechat ("2012-03-20
// 12:01:02\tnick\ttext", "-->", "<--", "--"), and HTML renderings of them (one <li> per line).

export type IrcLine =
  | { kind: 'message'; time: string; nick: string; text: string; action: boolean }
  | { kind: 'join' | 'part' | 'quit'; time: string; nick: string }
  | { kind: 'nick'; time: string; nick: string; to: string }
  | { kind: 'mode'; time: string; nick: string; changes: ModeChange[] }
  /** A line that sets the date of the lines that follow (session start, log opened, day changed). */
  | { kind: 'date'; date: string }
  | { kind: 'channel'; channel: string }
  /** A recognised line that carries nothing to import (topic, notice, server message). */
  | { kind: 'other' }
  | { kind: 'invalid'; field: string; reason: string };

export interface ModeChange { sign: '+' | '-'; mode: string; arg?: string }

/** `HH:MM[:SS]` as written, or `YYYY-MM-DD HH:MM[:SS]` when the line carries its own date. */
const TIME = /^\[?((?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?)\]?\s+/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Status prefixes servers show before a nick (op, voice, half-op…), which are not part of it. */
const STATUS = /^[@+%&~!]+/;
const NICK = /^[A-Za-z0-9[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]*$/;
/** Channel modes that take an argument when set (+) or unset (-). */
const WITH_ARG_BOTH = new Set(['o', 'v', 'h', 'b', 'e', 'I', 'q', 'a', 'k']);
const WITH_ARG_SET = new Set(['l', 'f', 'j']);

/** mIRC colour (\x03 with optional fg,bg), bold, italic, underline, reverse and reset codes. */
// eslint-disable-next-line no-control-regex
const FORMATTING = /\x03(?:\d{1,2}(?:,\d{1,2})?)?|[\x02\x0f\x16\x1d\x1f]/g;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

const decodeHtml = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
  if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  return ENTITIES[e.toLowerCase()] ?? all;
});

/** irclog2html's table row: the time stamp in the row id, the nick and text in cells, events in one wide cell. */
const IRCLOG2HTML_ROW = /^\s*<tr id="t(\d{4}-\d{2}-\d{2})T(\d{1,2}:\d{2}(?::\d{2})?)"[^>]*>(.*)$/i;
const IRCLOG2HTML_MESSAGE = /^<th class="nick"[^>]*>(.*?)<\/th><td class="text"[^>]*>(.*?)<\/td>/i;
const IRCLOG2HTML_EVENT = /^<td class="[a-z]+" colspan="2">(.*?)<\/td>/i;

/**
 * Text of one HTML-rendered log line, as a text logger would have written it: tags dropped,
 * entities decoded. Two renderers: one <li> per line ending in "#" anchors, and irclog2html's
 * table rows (dated in the row id, so each line carries its own date).
 */
export function htmlLineText(html: string): string | undefined {
  const row = IRCLOG2HTML_ROW.exec(html);
  if (row) {
    const stamp = `[${row[1]} ${row[2]}]`;
    const cells = row[3]!;
    let m: RegExpExecArray | null;
    if ((m = IRCLOG2HTML_MESSAGE.exec(cells))) return `${stamp} <${decodeHtml(m[1]!)}> ${decodeHtml(m[2]!)}`;
    if ((m = IRCLOG2HTML_EVENT.exec(cells))) return `${stamp} ${decodeHtml(m[1]!)}`;
    return `${stamp} ${decodeHtml(cells)}`;
  }
  if (!/^\s*<li\b/i.test(html)) return undefined;
  return decodeHtml(html).replace(/^\s*#\s+/, '');
}

function cleanNick(raw: string): string | undefined {
  const n = raw.trim().replace(STATUS, '');
  return NICK.test(n) ? n : undefined;
}

/** "Tue Mar 20 00:00:00 2012" / "Wed Mar 21 2012" → "2012-03-20". */
function dateOfWords(s: string): string | undefined {
  const m = /(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+(\d{4})/.exec(s);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!.toLowerCase());
  if (month < 0) return undefined;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

export function parseModes(spec: string, args: string[]): ModeChange[] {
  const out: ModeChange[] = [];
  let sign: '+' | '-' = '+';
  let next = 0;
  for (const c of spec) {
    if (c === '+' || c === '-') { sign = c; continue; }
    const takes = WITH_ARG_BOTH.has(c) || (sign === '+' && WITH_ARG_SET.has(c));
    const arg = takes ? args[next++] : undefined;
    out.push(arg !== undefined ? { sign, mode: c, arg } : { sign, mode: c });
  }
  return out;
}

function validTime(time: string): boolean {
  const m = /(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time)!;
  return Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3] ?? 0) < 60;
}

/** mIRC's own status lines, which look like "* nick action" but are the client talking. */
const CLIENT_STATUS = /^(?:Topic is |Set by |Attempting to rejoin|Rejoined channel|Disconnected|Now talking in |Retrieving |Channel modes|Users on |Connect|Unable to |Cannot join|You're not|You have been|Your nick|Looking up|\S+ changes topic to |\S+ was kicked by |\S+ has kicked )/;

/** Who set a mode: a nick, or a server ("irc.freenode.net") when it restores modes after a split. */
const setter = (raw: string) => cleanNick(raw) ?? raw;

/** Events after the time stamp: mIRC/ZNC "* " / "*** ", irssi "-!- ", weechat "-->", "<--", "--". */
function parseEvent(time: string, body: string): IrcLine {
  let m: RegExpExecArray | null;
  const nickOr = (raw: string, make: (nick: string) => IrcLine): IrcLine => {
    const nick = cleanNick(raw);
    return nick ? make(nick) : { kind: 'invalid', field: 'nick', reason: `${JSON.stringify(raw.slice(0, 40))} is not an IRC nick` };
  };
  if ((m = /^(Joins|Parts|Quits):\s+(\S+)/.exec(body))) {
    const kind = m[1] === 'Joins' ? 'join' : m[1] === 'Parts' ? 'part' : 'quit';
    return nickOr(m[2]!, (nick) => ({ kind, time, nick }));
  }
  if ((m = /^(\S+)\s+(?:[([<][^)\]>]*[)\]>]\s+)?has (joined|left|quit)\b/.exec(body))) {
    const kind = m[2] === 'joined' ? 'join' : m[2] === 'left' ? 'part' : 'quit';
    return nickOr(m[1]!, (nick) => ({ kind, time, nick }));
  }
  if ((m = /^(\S+)\s+\([^)]*\)\s+Quit\b/.exec(body))) return nickOr(m[1]!, (nick) => ({ kind: 'quit', time, nick }));
  if ((m = /^(\S+) is now known as (\S+)$/.exec(body))) {
    const to = cleanNick(m[2]!);
    return to ? nickOr(m[1]!, (nick) => ({ kind: 'nick', time, nick, to })) : { kind: 'invalid', field: 'nick', reason: `${JSON.stringify(m[2]!.slice(0, 40))} is not an IRC nick` };
  }
  if ((m = /^(\S+) sets mode:\s+([+-][A-Za-z+-]*)\s*(.*)$/.exec(body))) {
    const spec = m[2]!;
    const args = m[3]!.trim() ? m[3]!.trim().split(/\s+/) : [];
    return { kind: 'mode', time, nick: setter(m[1]!), changes: parseModes(spec, args) };
  }
  // irssi "mode/#chan [+o nick] by X", weechat "Mode #chan [+o nick] by X"
  if ((m = /^(?:mode\/\S+|Mode \S+)\s+\[([+-][A-Za-z+-]*)\s*([^\]]*)\]\s+by\s+(\S+)/.exec(body))) {
    const spec = m[1]!;
    const args = m[2]!.trim() ? m[2]!.trim().split(/\s+/) : [];
    return { kind: 'mode', time, nick: setter(m[3]!), changes: parseModes(spec, args) };
  }
  return { kind: 'other' };
}

/**
 * Parses one log line (already stripped of HTML, if any). Lines without a time stamp are date or
 * channel markers, or not log lines at all (`invalid`, naming what is missing).
 */
export function parseIrcLine(line: string): IrcLine {
  const text = line.replace(FORMATTING, '').replace(/\s+$/, '');
  if (text.trim() === '') return { kind: 'other' };
  let m: RegExpExecArray | null;
  if ((m = /^(?:Session Start:|-{3} Log opened|-{3} Day changed)\s+(.*)$/.exec(text.trim()))) {
    const date = dateOfWords(m[1]!);
    return date ? { kind: 'date', date } : { kind: 'invalid', field: 'date', reason: `${JSON.stringify(m[1]!.slice(0, 40))} is not a date such as "Tue Mar 20 00:00:00 2012"` };
  }
  if ((m = /^Session Ident:\s+(#\S+)/.exec(text.trim()))) return { kind: 'channel', channel: m[1]! };
  if (/^(Session Close:|-{3} Log closed)/.test(text.trim())) return { kind: 'other' };
  // weechat: "2012-03-20 12:01:02<TAB>prefix<TAB>text"
  if ((m = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\t([^\t]*)\t(.*)$/.exec(text))) {
    const [, time, prefix, rest] = m as unknown as [string, string, string, string];
    if (!validTime(time)) return { kind: 'invalid', field: 'time', reason: `${JSON.stringify(time)} is not a time of day` };
    const p = prefix.trim();
    if (p === '-->' || p === '<--' || p === '--') return parseEvent(time, rest);
    if (p === '*') {
      const [nick = '', ...words] = rest.split(' ');
      return cleanNick(nick) ? { kind: 'message', time, nick: cleanNick(nick)!, text: words.join(' '), action: true } : { kind: 'other' };
    }
    if (p === '' || /^-.*-$/.test(p) || p === '=!=') return { kind: 'other' };
    const nick = cleanNick(p);
    return nick ? { kind: 'message', time, nick, text: rest, action: false } : { kind: 'invalid', field: 'nick', reason: `${JSON.stringify(p.slice(0, 40))} is not an IRC nick` };
  }
  m = TIME.exec(text.trimStart());
  if (!m) {
    if (/^\[?\d/.test(text.trimStart())) return { kind: 'invalid', field: 'time', reason: `${JSON.stringify(text.trim().slice(0, 20))} does not start with a time such as [12:01] or 12:01:02` };
    return { kind: 'invalid', field: 'line', reason: 'not an IRC log line: no time stamp, date or session marker' };
  }
  const time = m[1]!;
  if (!validTime(time)) return { kind: 'invalid', field: 'time', reason: `${JSON.stringify(time)} is not a time of day` };
  const body = text.trimStart().slice(m[0].length);
  if ((m = /^<\s*([^>]*?)\s*>\s?(.*)$/.exec(body))) {
    if (m[1] === '') return { kind: 'invalid', field: 'nick', reason: 'the message has an empty nick (<>)' };
    const nick = cleanNick(m[1]!);
    return nick ? { kind: 'message', time, nick, text: m[2]!, action: false } : { kind: 'invalid', field: 'nick', reason: `${JSON.stringify(m[1]!.slice(0, 40))} is not an IRC nick` };
  }
  if ((m = /^(?:\*{3}|-!-)\s+(.*)$/.exec(body))) return parseEvent(time, m[1]!);
  if ((m = /^\*\s+(.*)$/.exec(body))) {
    if (CLIENT_STATUS.test(m[1]!)) return { kind: 'other' };
    const ev = parseEvent(time, m[1]!);
    if (ev.kind !== 'other') return ev;
    // "* nick does something": an action, unless it is a server line without a nick.
    const [nick = '', ...words] = m[1]!.split(' ');
    const n = cleanNick(nick);
    return n ? { kind: 'message', time, nick: n, text: words.join(' '), action: true } : { kind: 'other' };
  }
  return { kind: 'other' };
}

/** Date and time → ISO-8601 with the given offset (times without seconds get ":00"). */
export function ircTimestamp(date: string, time: string, utcOffset: string): string {
  const own = /^(\d{4}-\d{2}-\d{2})[ T](.*)$/.exec(time);
  const d = own ? own[1]! : date;
  const t = own ? own[2]! : time;
  const [h, mi, s] = t.split(':');
  return `${d}T${h!.padStart(2, '0')}:${mi}:${(s ?? '00').padStart(2, '0')}${utcOffset}`;
}
