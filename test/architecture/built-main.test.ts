/**
 * What the built main process (out/main, from `npm run build`) loads from
 * node_modules when it runs: only native packages and those imported lazily
 * for one feature. Pure-JS libraries are bundled into it instead
 * (electron.vite.config.ts, `externalizeDeps`): loaded from node_modules,
 * `date-fns` and `date-fns/locale` alone are a thousand ES modules, each
 * resolved, read and compiled at every start — the browser-mode server took
 * about a second to listen with them, a third of that without (issue 16).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf } from '../support/imports';

const OUT = resolve(import.meta.dirname, '../../out/main');

/** Packages the built main process may load from node_modules, and why. */
const EXTERNAL: Record<string, string> = {
  electron: 'the desktop shell itself',
  'better-sqlite3': 'native addon',
  serialport: 'native addon, imported only for a serial printer',
  usb: 'native addon, imported only for a USB printer',
  pg: 'the office and outlet PostgreSQL client, imported only in those modes',
  exceljs: 'imported only when a report is exported as XLSX',
};

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return jsFiles(path);
    return /\.(js|mjs|cjs)$/.test(e.name) ? [path] : [];
  });
}

const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
const builtin = new Set(builtinModules);
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtin.has(specifier.split('/')[0]!);

describe('the built main process', () => {
  it('loads from node_modules only native and lazily imported packages; the rest is bundled', () => {
    if (!existsSync(OUT)) throw new Error(`${OUT} is missing: run npm run build first`);
    const loaded = new Map<string, string[]>();
    for (const file of jsFiles(OUT)) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) continue;
        const name = packageOf(specifier);
        loaded.set(name, [...(loaded.get(name) ?? []), file.slice(OUT.length + 1)]);
      }
    }
    const unexpected = [...loaded.entries()].filter(([name]) => !(name in EXTERNAL));
    expect(unexpected, 'bundle these (electron.vite.config.ts, main.build.externalizeDeps.exclude)').toEqual([]);
    // The check sees the imports: the native database driver is among them.
    expect(loaded.has('better-sqlite3')).toBe(true);
  });
});
