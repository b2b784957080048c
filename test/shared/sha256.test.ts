/**
 * The till page's own SHA-256 / HMAC (src/shared/sha256.ts: a browser till on a LAN address has no
 * crypto.subtle) against node:crypto, for random messages and keys of every length that matters
 * (around the 55/56/64-byte padding edges, keys longer than a block).
 */
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, hmacSha256, moveProof, sha256, utf8 } from '../../src/shared/sha256';

describe('sha256 / hmacSha256', () => {
  it('match node:crypto on the standard vectors', () => {
    expect(hex(sha256(utf8('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // RFC 4231 test case 2.
    expect(hex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('match node:crypto for random messages and keys (0–200 bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), (key, message) => {
        expect(hex(sha256(message))).toBe(createHash('sha256').update(message).digest('hex'));
        expect(hex(hmacSha256(key, message))).toBe(createHmac('sha256', key).update(message).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('moveProof is the HMAC the host computes with the stored credential hash', () => {
    const credential = 'a'.repeat(43);
    const stored = createHash('sha256').update(credential).digest('hex');
    const expected = createHmac('sha256', stored).update('kasir-move|192.168.1.20:8080|00112233445566778899aabbccddeeff').digest('hex');
    expect(moveProof(stored, '192.168.1.20:8080', '00112233445566778899aabbccddeeff')).toBe(expected);
    expect(moveProof(stored, '192.168.1.21:8080', '00112233445566778899aabbccddeeff')).not.toBe(expected);
  });
});
