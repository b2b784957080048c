/**
 * The layering of DESIGN.md, checked on the import graph of src/ (every
 * `import … from`, `export … from`, `import()` and `require()` with a
 * relative path or a package name):
 * - printing (layout, encoders, transports) imports neither the core nor the database;
 * - the core imports neither printing, the API, Electron nor the Electron shell;
 * - the renderer imports neither the main process nor the database.
 * Renderer and main meet only in src/shared.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf } from '../support/imports';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}


/** An edge: from a file (relative to the repository) to a file under src/ (relative, no extension) or a package. */
interface Edge {
  from: string;
  to: string;
}

function graph(): Edge[] {
  return filesUnder(SRC).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8')).map((spec) => ({
      from: relative(ROOT, file),
      to: spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)).replace(/\.(ts|tsx|js|mjs)$/, '') : spec,
    })),
  );
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

interface Rule {
  name: string;
  from: string;
  forbidden: (to: string) => boolean;
}

const RULES: Rule[] = [
  { name: 'printing imports no core and no database', from: 'src/main/printing', forbidden: (to) => under(to, 'src/main/core') || under(to, 'src/db') },
  {
    name: 'core imports no printing, api or electron',
    from: 'src/main/core',
    forbidden: (to) => under(to, 'src/main/printing') || under(to, 'src/main/api') || under(to, 'src/main/electron') || to === 'electron' || to.startsWith('electron/'),
  },
  { name: 'renderer imports no main and no database', from: 'src/renderer', forbidden: (to) => under(to, 'src/main') || under(to, 'src/db') },
  {
    // The till agent runs on a till PC that keeps no shop database: printing and the contract's types only.
    name: 'till agent imports no core, database, api or services',
    from: 'src/main/till-agent',
    forbidden: (to) => ['src/main/core', 'src/db', 'src/main/api', 'src/main/services'].some((dir) => under(to, dir)) || to.startsWith('drizzle') || to === 'better-sqlite3',
  },
];

const key = (e: Edge) => `${e.from} -> ${e.to}`;

function violations(edges: readonly Edge[]): string[] {
  return edges.flatMap((e) => RULES.filter((r) => under(e.from, r.from) && r.forbidden(e.to)).map((r) => `${r.name}: ${key(e)}`));
}

describe('dependencies between the layers', () => {
  const edges = graph();

  it('reads the import graph of src/', () => {
    // The graph is real: known edges of the app are in it.
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: 'src/main/core/sales.ts', to: 'src/shared/pricing' });
    expect(edges).toContainEqual({ from: 'src/renderer/src/features/till/pricing.ts', to: 'src/shared/pricing' });
  });

  it('no forbidden import', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('the rules catch what they forbid', () => {
    const bad: Edge[] = [
      { from: 'src/main/printing/layout.ts', to: 'src/main/core/sales' },
      { from: 'src/main/printing/encode.ts', to: 'src/db/schema' },
      { from: 'src/main/core/sales.ts', to: 'src/main/api/procedures' },
      { from: 'src/main/core/sales.ts', to: 'electron' },
      { from: 'src/main/core/sales.ts', to: 'src/main/printing/queue' },
      { from: 'src/renderer/src/app/app.tsx', to: 'src/main/core/sales' },
      { from: 'src/renderer/src/app/app.tsx', to: 'src/db/schema' },
    ];
    expect(violations(bad)).toHaveLength(bad.length);
    expect(violations([{ from: 'src/main/printing/layout.ts', to: 'src/shared/money' }, { from: 'src/renderer/src/api.ts', to: 'src/shared/contract' }])).toEqual([]);
    expect(importsOf("import type { A } from '../x';\nexport { b } from \"./y\";\nconst c = await import('./z');\n// import { d } from './comment';")).toEqual(['../x', './y', './z']);
  });
});
