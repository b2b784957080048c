/**
 * Modules of one concern: no file in src/main/core or src/renderer/src/features grows past 350 lines
 * unless its first line says why ("Over 350 lines on purpose: …").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LIMIT = 350;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('file size', () => {
  it(`keeps files under ${LIMIT} lines, or says at the top why not`, () => {
    const checked = [...files(join(ROOT, 'src/main/core')), ...files(join(ROOT, 'src/renderer/src/features'))];
    expect(checked.length).toBeGreaterThan(50);
    const unexplained = checked
      .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))
      .filter(({ text }) => text.split('\n').length > LIMIT && !/^\/\/ Over 350 lines on purpose: \S/.test(text))
      .map(({ path, text }) => `${path} (${text.split('\n').length} lines)`);
    expect(unexplained).toEqual([]);
  });
});
