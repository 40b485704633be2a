// Links in a message's text. Text is there only for tenants whose privacy settings keep it (opted
// in); for the others qunpulse keeps `hasLink` alone, and there is nothing to attribute.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'）】」]+/gi;
/** Punctuation that ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?)\]}。，；：！？]+$/;

export interface Link {
  url: string;
  domain: string;
}

/** Each distinct http(s) link in `text`, normalised (no fragment, lower-case host, no www.). */
export function linksIn(text: string): Link[] {
  const out = new Map<string, Link>();
  for (const m of text.matchAll(URL_IN_TEXT)) {
    let parsed: URL;
    try {
      parsed = new URL(m[0].replace(TRAILING, ''));
    } catch {
      continue; // Looks like a link, is not one: nothing to count.
    }
    parsed.hash = '';
    const domain = parsed.hostname.toLowerCase().replace(/^www\./, '');
    if (!domain.includes('.')) continue;
    out.set(parsed.href, { url: parsed.href, domain });
  }
  return [...out.values()];
}
