import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Thrown when a sealed value cannot be opened: unknown key, tampered, malformed or sealed for another context. */
export class SecretBoxError extends Error {}

const FORMAT = 'enc1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * A key's id is a short fingerprint of the key itself, so a keyring needs no numbering to agree
 * on: whichever replica sealed a value, the id beside the ciphertext names the key that opens it.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('mcp-platform secret-box key id\0').update(key).digest('base64url').slice(0, 11);
}

/**
 * AES-256-GCM for secrets at rest. `seal` encrypts with the current key and returns one string
 * `enc1:<key id>:<iv>:<ciphertext>:<tag>` (base64url parts) to store in a text/json column.
 *
 * `context` is authenticated but not stored (GCM associated data): callers bind each secret to
 * where it lives, e.g. `mcp_tool:<id>:servers.0.env.API_KEY`, so a ciphertext copied to another
 * row or field does not open. Previous keys only open: after rotating ENCRYPTION_KEY, values sealed
 * with an older key keep working while that key is listed in ENCRYPTION_KEYS_PREVIOUS, and
 * `isCurrent` tells a caller which values to re-seal.
 */
export class SecretBox {
  private readonly currentId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) throw new SecretBoxError(`encryption keys must be ${KEY_BYTES} bytes`);
      if (!this.keys.has(keyIdOf(key))) this.keys.set(keyIdOf(key), key);
    }
    this.currentId = keyIdOf(current);
  }

  /** True for anything `seal` produced (any key); used to tell stored ciphertext from plaintext. */
  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(`${FORMAT}:`) && value.split(':').length === 5;
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.currentId, iv, data, cipher.getAuthTag()].map(encode).join(':');
  }

  open(sealed: string, context: string): string {
    const { keyId, iv, data, tag } = parse(sealed);
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`secret sealed with key ${keyId}, which is not in the keyring (ENCRYPTION_KEY / ENCRYPTION_KEYS_PREVIOUS)`);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('secret does not open: tampered, or sealed for another context');
    }
  }

  /** False when the value was sealed with a previous key and should be re-sealed. */
  isCurrent(sealed: string): boolean {
    return parse(sealed).keyId === this.currentId;
  }
}

function encode(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}

function parse(sealed: string): { keyId: string; iv: Buffer; data: Buffer; tag: Buffer } {
  if (!SecretBox.isSealed(sealed)) throw new SecretBoxError('not a sealed secret');
  const [, keyId, iv, data, tag] = sealed.split(':');
  const parts = { keyId, iv: Buffer.from(iv, 'base64url'), data: Buffer.from(data, 'base64url'), tag: Buffer.from(tag, 'base64url') };
  if (parts.iv.length !== IV_BYTES || parts.tag.length !== TAG_BYTES) throw new SecretBoxError('not a sealed secret');
  return parts;
}
