// JSON endpoints read JSON only: a body sent as text/plain, a form or XML is refused with 415 rather
// than parsed on a guess, so a client that sends the wrong thing learns it on the first request.

export class UnsupportedMediaType extends Error {
  constructor(readonly accepted: readonly string[], got: string | undefined) {
    super(`Content-Type: expected ${accepted.join(' or ')}${got ? `, got ${JSON.stringify(got.slice(0, 100))}` : ' (none was sent)'}`);
  }
}

export const JSON_TYPES = ['application/json'] as const;
export const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/jsonlines'] as const;

/** The media type of a JSON request, or UnsupportedMediaType; a charset other than UTF-8 is refused too. */
export function requireMediaType(contentType: string | undefined, accepted: readonly string[]): string {
  const [type = '', ...params] = (contentType ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (!accepted.includes(type)) throw new UnsupportedMediaType(accepted, contentType);
  for (const p of params) {
    const [name, value = ''] = p.split('=').map((s) => s.trim());
    if (name === 'charset' && value.replace(/"/g, '') !== 'utf-8' && value.replace(/"/g, '') !== 'utf8') {
      throw new UnsupportedMediaType([`${type}; charset=utf-8`], contentType);
    }
  }
  return type;
}
