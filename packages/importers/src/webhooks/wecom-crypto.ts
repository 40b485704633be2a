// WeCom (企业微信) callback crypto, as documented in 加解密方案说明:
//   msg_signature = sha1(sort([token, timestamp, nonce, encrypt]).join(''))
//   AESKey = base64decode(EncodingAESKey + '='), 32 bytes; AES-256-CBC, IV = AESKey[0..16)
//   plaintext = random(16) + msg_len (4 bytes, big-endian) + msg + receiveid, PKCS#7-padded to 32 bytes
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { safeEqual } from './secret.js';
import { PayloadError, SignatureError } from './types.js';

export interface WecomCredentials {
  token: string;
  /** The 43-character EncodingAESKey from the callback settings. */
  encodingAesKey: string;
  /** CorpID (or suite id) the messages are addressed to; checked against the decrypted receiveid. */
  receiveId: string;
}

const BLOCK = 32;

export function wecomAesKey(encodingAesKey: string): Buffer {
  const key = Buffer.from(encodingAesKey + '=', 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must be 43 base64 characters (32 bytes)');
  return key;
}

export function wecomSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

/** How far a callback's timestamp may be from now, as Slack allows: older deliveries are replays. */
export const WECOM_TOLERANCE_SECONDS = 300;

export function verifyWecomSignature(
  creds: WecomCredentials, q: { msg_signature?: string; timestamp?: string; nonce?: string }, encrypt: string, nowMs: number = Date.now(),
): void {
  if (!q.msg_signature || !q.timestamp || !q.nonce) throw new SignatureError('msg_signature, timestamp and nonce query parameters are required');
  if (!/^\d{1,12}$/.test(q.timestamp)) throw new SignatureError('timestamp must be epoch seconds');
  if (Math.abs(nowMs / 1000 - Number(q.timestamp)) > WECOM_TOLERANCE_SECONDS) {
    throw new SignatureError(`timestamp is more than ${WECOM_TOLERANCE_SECONDS} s away from now (replay protection)`);
  }
  if (!safeEqual(q.msg_signature, wecomSignature(creds.token, q.timestamp, q.nonce, encrypt))) {
    throw new SignatureError('msg_signature does not match');
  }
}

export function wecomDecrypt(creds: WecomCredentials, encrypt: string): string {
  const key = wecomAesKey(creds.encodingAesKey);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  } catch (err) {
    throw new PayloadError(`Encrypt could not be decrypted (${(err as Error).message})`);
  }
  const pad = plain.at(-1) ?? 0;
  if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) throw new PayloadError('Encrypt has invalid padding');
  const body = plain.subarray(0, plain.length - pad);
  const len = body.readUInt32BE(16);
  if (20 + len > body.length) throw new PayloadError('Encrypt has an invalid message length');
  const receiveId = body.subarray(20 + len).toString('utf8');
  if (receiveId !== creds.receiveId) throw new SignatureError(`receiveid ${JSON.stringify(receiveId)} is not this tenant's`);
  return body.subarray(20, 20 + len).toString('utf8');
}

/** The inverse of wecomDecrypt, used to answer in kind and to build test deliveries. */
export function wecomEncrypt(creds: WecomCredentials, message: string, random: Buffer = randomBytes(16)): string {
  const key = wecomAesKey(creds.encodingAesKey);
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const raw = Buffer.concat([random, len, msg, Buffer.from(creds.receiveId, 'utf8')]);
  const pad = BLOCK - (raw.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([raw, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}
