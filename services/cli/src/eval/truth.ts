// Truth sets for the real-data evaluation, from sources the score never reads.
import { readFileSync } from 'node:fs';
import { htmlLineText, ircFiles, ircMemberId, parseIrcLine, readLines } from '@qunpulse/importers';

/**
 * Channel operators of an IRC log: every nick ChanServ granted +o in a mode line. ChanServ ops
 * people from the channel's access list, which the channel's founders maintain; the importer turns
 * mode lines into nothing, so no KOL metric sees them.
 */
export async function ircChanServOps(input: string): Promise<Set<string>> {
  const ops = new Set<string>();
  const utf8 = new TextDecoder('utf-8');
  for (const file of ircFiles(input)) {
    const html = /\.html?$/i.test(file);
    for await (const line of readLines(file)) {
      if (line.bytes.indexOf('ChanServ') < 0 && line.bytes.indexOf('chanserv') < 0) continue;
      const text = html ? htmlLineText(utf8.decode(line.bytes)) : utf8.decode(line.bytes);
      if (text === undefined) continue;
      const parsed = parseIrcLine(text);
      if (parsed.kind !== 'mode' || parsed.nick.toLowerCase() !== 'chanserv') continue;
      for (const c of parsed.changes) if (c.sign === '+' && c.mode === 'o' && c.arg) ops.add(ircMemberId(c.arg));
    }
  }
  ops.delete('chanserv');
  return ops;
}

/** A truth file: one member id per line; "#" starts a comment. */
export function truthFile(file: string): Set<string> {
  return new Set(readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
}
