import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/**
 * Compare with test/printing/golden/<name>. With UPDATE_GOLDEN=1 the file is
 * (re)written instead; without it a missing file fails the test.
 */
export function expectGolden(name: string, actual: Uint8Array | string): void {
  const path = join(GOLDEN_DIR, name);
  const data = typeof actual === 'string' ? Buffer.from(actual, 'utf8') : Buffer.from(actual);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, data);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`Golden file ${path} is missing; run the tests once with UPDATE_GOLDEN=1 and review it`);
  }
  const expected = readFileSync(path);
  if (typeof actual === 'string') {
    expect(actual).toBe(expected.toString('utf8'));
  } else {
    // Hex lines make a failing diff readable.
    expect(hexDump(data)).toBe(hexDump(expected));
  }
}

export function hexDump(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    out.push(Buffer.from(bytes.subarray(i, i + 16)).toString('hex').replace(/(..)(?!$)/g, '$1 '));
  }
  return out.join('\n');
}
