import { randomBytes } from 'node:crypto';
import { keyIdOf, SecretBox, SecretBoxError } from './secret-box';

const key = () => randomBytes(32);

describe('SecretBox', () => {
  const current = key();
  const box = new SecretBox(current);

  it('round-trips text, including empty and non-ASCII', () => {
    for (const plaintext of ['ghp_abc123', '', 'pässwörd 🔑'.repeat(100)]) {
      const sealed = box.seal(plaintext, 'mcp_tool:1:env.TOKEN');
      expect(SecretBox.isSealed(sealed)).toBe(true);
      expect(sealed).not.toContain(plaintext || '\0');
      expect(box.open(sealed, 'mcp_tool:1:env.TOKEN')).toBe(plaintext);
    }
  });

  it('never repeats a ciphertext for the same plaintext (random IV)', () => {
    expect(box.seal('same', 'ctx')).not.toBe(box.seal('same', 'ctx'));
  });

  it('stores the key id beside the ciphertext', () => {
    expect(box.seal('x', 'ctx').split(':')[1]).toBe(keyIdOf(current));
  });

  it('refuses a value moved to another row or field (associated data)', () => {
    const sealed = box.seal('secret', 'mcp_tool:1:env.TOKEN');
    expect(() => box.open(sealed, 'mcp_tool:2:env.TOKEN')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'mcp_tool:1:env.OTHER')).toThrow(SecretBoxError);
  });

  it('refuses tampered ciphertext, tag or iv', () => {
    const sealed = box.seal('secret value', 'ctx');
    const parts = sealed.split(':');
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index], 'base64url');
      bytes[0] ^= 1;
      const tampered = [...parts];
      tampered[index] = bytes.toString('base64url');
      expect(() => box.open(tampered.join(':'), 'ctx')).toThrow(SecretBoxError);
    }
  });

  it('refuses malformed input and plaintext', () => {
    for (const bad of ['plain', 'enc1:a:b:c', 'enc1:k:AAAA:AAAA:AAAA', '']) {
      expect(() => box.open(bad, 'ctx')).toThrow(SecretBoxError);
    }
  });

  it('rotates: previous keys open old values, new values use the current key', () => {
    const old = new SecretBox(current);
    const sealedBefore = old.seal('token', 'ctx');
    const rotated = new SecretBox(key(), [current]);
    expect(rotated.open(sealedBefore, 'ctx')).toBe('token');
    expect(rotated.isCurrent(sealedBefore)).toBe(false);
    const resealed = rotated.seal('token', 'ctx');
    expect(rotated.isCurrent(resealed)).toBe(true);
    expect(() => old.open(resealed, 'ctx')).toThrow(/not in the keyring/);
  });

  it('rejects keys of the wrong length', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(SecretBoxError);
    expect(() => new SecretBox(key(), [randomBytes(31)])).toThrow(SecretBoxError);
  });
});
