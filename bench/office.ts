/**
 * Office reports benchmark (issue 20): load ten outlets' facts into a fresh
 * central PostgreSQL and time the office dashboard and year reports.
 *
 *   npm run bench:office -- [--scale tiny|small|large] [--outlets 10] [--reps 5] [--keep]
 *
 * Targets (issue 20, on `large`: ten outlets of a year, 1,000 sales a day each):
 * dashboard < 1 s, a year report < 3 s. The facts are generated in PostgreSQL
 * itself (INSERT … SELECT generate_series), each outlet as its own login role,
 * so row-level security and the schema check run as for real forwarding. A third
 * of the suppliers carry an NIB shared by every outlet (one UMKM across outlets).
 * Uses the test server at 127.0.0.1:5432 (user postgres, trust); the database is
 * dropped afterwards unless --keep.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createCentralDb } from '../test/support/central';
import { officeDashboard, officeSales, provinceUmkmReport, umkmStatement, officePayouts } from '../src/central/reports';
import { stat } from './stats';

export type OfficeScale = 'tiny' | 'small' | 'large';
const SCALES: Record<OfficeScale, { suppliers: number; products: number; days: number; salesPerDay: number }> = {
  tiny: { suppliers: 6, products: 30, days: 3, salesPerDay: 10 },
  small: { suppliers: 60, products: 600, days: 60, salesPerDay: 150 },
  large: { suppliers: 300, products: 20_000, days: 365, salesPerDay: 1_000 },
};
const FIRST_DAY = '2026-01-01';
const DISTRICTS = ['Kota Kendari', 'Kabupaten Muna', 'Kabupaten Wakatobi', 'Kota Baubau', 'Kabupaten Buton', 'Kabupaten Kolaka'];

export interface Measure {
  name: string;
  n: number;
  median: number;
  max: number;
  target: string;
}
export interface OfficeBenchResult {
  scale: OfficeScale;
  outlets: number;
  facts: number;
  loadMs: number;
  measures: Measure[];
}

/** One outlet's facts, inserted as the outlet's own role. Items per sale: 3. */
async function loadOutlet(client: pg.Client, code: string, s: (typeof SCALES)[OfficeScale]): Promise<void> {
  const lastDay = `('${FIRST_DAY}'::date + ${s.days - 1})`;
  // Suppliers 1..n, products 1..p (supplier = product % n + 1), one lot per product, fees and settlements monthly.
  await client.query(
    `INSERT INTO central.facts (id, outlet_code, outlet_seq, kind, schema_version, business_day, occurred_at, payload)
     SELECT gen_random_uuid(), $1, i, 'supplier', 2, '${FIRST_DAY}', '${FIRST_DAY}'::timestamptz,
       jsonb_build_object('supplierId', i, 'supplierCode', 'S' || lpad(i::text, 4, '0'), 'name', 'UMKM ' || i, 'district', (ARRAY[${DISTRICTS.map((d) => `'${d}'`).join(',')}])[1 + i % ${DISTRICTS.length}],
         'nib', CASE WHEN i % 3 = 0 THEN lpad((9120300000000 + i)::text, 13, '0') END, 'active', true, 'version', 1)
     FROM generate_series(1, $2::int) i`,
    [code, s.suppliers],
  );
  await client.query(
    `INSERT INTO central.facts (id, outlet_code, outlet_seq, kind, schema_version, business_day, occurred_at, payload)
     SELECT gen_random_uuid(), $1, 100000 + i, 'product', 1, '${FIRST_DAY}', '${FIRST_DAY}'::timestamptz,
       jsonb_build_object('productId', i, 'productSku', 'P' || i, 'name', 'Barang ' || i, 'category', 'Kategori ' || (i % 12), 'supplierId', i % $3::int + 1, 'sellPrice', 10000 + (i % 50) * 1000)
     FROM generate_series(1, $2::int) i`,
    [code, s.products, s.suppliers],
  );
  await client.query(
    `INSERT INTO central.facts (id, outlet_code, outlet_seq, kind, schema_version, business_day, occurred_at, payload)
     SELECT gen_random_uuid(), $1, 200000 + i, 'lot', 1, '${FIRST_DAY}', '${FIRST_DAY}'::timestamptz,
       jsonb_build_object('lotId', i, 'productId', i, 'supplierId', i % $3::int + 1, 'qty', 100000, 'expiryDate', CASE WHEN i % 7 = 0 THEN to_char(${lastDay} + (i % 60), 'YYYY-MM-DD') END)
     FROM generate_series(1, $2::int) i`,
    [code, s.products, s.suppliers],
  );
  // Day by day: sales, their items (3 per sale) and the supplier share ledger entries.
  for (let d = 0; d < s.days; d++) {
    const day = `('${FIRST_DAY}'::date + ${d})`;
    const base = 1_000_000 + d * s.salesPerDay * 10;
    await client.query(
      `WITH sales AS (SELECT n, ${base} + n * 10 AS seq FROM generate_series(1, $2::int) n),
       items AS (
         SELECT sales.seq + k AS seq, sales.n, ((sales.n * 7919 + k * 104729 + ${d} * 31) % $3::int) + 1 AS product, 1 + (sales.n + k) % 3 AS qty
         FROM sales, generate_series(1, 3) k
       )
       INSERT INTO central.facts (id, outlet_code, outlet_seq, kind, schema_version, business_day, occurred_at, payload)
       SELECT gen_random_uuid(), $1, seq, 'sale', 1, ${day}, ${day}::timestamptz + interval '9 hours', jsonb_build_object('number', 'S' || n, 'amount', 90000)
       FROM sales
       UNION ALL
       SELECT gen_random_uuid(), $1, seq, 'sale_item', 1, ${day}, ${day}::timestamptz + interval '9 hours',
         jsonb_build_object('lotId', product, 'productId', product, 'supplierId', product % $4::int + 1, 'district', (ARRAY[${DISTRICTS.map((x) => `'${x}'`).join(',')}])[1 + (product % $4::int + 1) % ${DISTRICTS.length}],
           'qty', qty, 'amount', qty * 10000, 'supplierShare', qty * 8000, 'shopShare', qty * 2000)
       FROM items
       UNION ALL
       SELECT gen_random_uuid(), $1, seq + 3, 'ledger_entry', 1, ${day}, ${day}::timestamptz + interval '9 hours',
         jsonb_build_object('entryKind', 'sale', 'supplierId', product % $4::int + 1, 'amount', qty * 8000)
       FROM items`,
      [code, s.salesPerDay, s.products, s.suppliers],
    );
    if (d % 30 === 29 || d === s.days - 1) {
      await client.query(
        `INSERT INTO central.facts (id, outlet_code, outlet_seq, kind, schema_version, business_day, occurred_at, payload)
         SELECT gen_random_uuid(), $1, ${base} + ${s.salesPerDay * 10} - 1 - i, 'settlement', 1, ${day}, ${day}::timestamptz + interval '17 hours',
           jsonb_build_object('supplierId', i, 'amount', 100000 + i)
         FROM generate_series(1, $2::int) i`,
        [code, s.suppliers],
      );
    }
  }
}

async function time(name: string, reps: number, target: string, fn: () => Promise<unknown>): Promise<Measure> {
  await fn(); // warm
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  const { p50, max } = stat(ms);
  return { name, n: reps, median: p50, max, target };
}

export async function runOfficeBench(options: { scale: OfficeScale; outlets?: number; reps?: number; keep?: boolean; log?: (s: string) => void }): Promise<OfficeBenchResult> {
  const s = SCALES[options.scale];
  const count = options.outlets ?? 10;
  const reps = options.reps ?? 5;
  const log = options.log ?? (() => undefined);
  const central = await createCentralDb();
  const pool = new pg.Pool({ connectionString: central.url, max: 2 });
  pool.on('error', (err) => log(`  (an idle connection ended: ${err.message})`));
  try {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const code = `O${String(i + 1).padStart(2, '0')}`;
      const creds = await central.addOutlet(code);
      const client = await central.connectAs(creds);
      try {
        await loadOutlet(client, code, s);
      } finally {
        await client.end();
      }
      log(`  loaded outlet ${code}`);
    }
    await pool.query('ANALYZE central.facts');
    const loadMs = performance.now() - t0;
    const facts = Number((await pool.query('SELECT count(*) AS n FROM central.facts')).rows[0].n);
    log(`  ${facts.toLocaleString('en')} facts in ${(loadMs / 1000).toFixed(1)} s`);
    const lastDay = new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + (s.days - 1) * 86_400_000).toISOString().slice(0, 10);
    const year = { from: FIRST_DAY, to: lastDay };
    const nib = `NIB ${String(9120300000000 + 3)}`;
    const measures = [
      await time('dashboard (today, month, last forwarded per outlet)', reps, '< 1 s', () => officeDashboard(pool, { today: lastDay })),
      await time('sales by outlet, whole period', reps, '< 3 s', () => officeSales(pool, { dimension: 'outlet', ...year })),
      await time('sales by UMKM, whole period', reps, '< 3 s', () => officeSales(pool, { dimension: 'supplier', ...year })),
      await time('sales by category, whole period', reps, '< 3 s', () => officeSales(pool, { dimension: 'category', ...year })),
      await time('province UMKM report, whole period', reps, '< 3 s', () => provinceUmkmReport(pool, year)),
      await time('payouts per supplier per outlet, whole period', reps, '< 3 s', () => officePayouts(pool, year)),
      await time('consolidated statement of one NIB UMKM, whole period', reps, '< 3 s', () => umkmStatement(pool, { umkmKey: nib, ...year })),
    ];
    return { scale: options.scale, outlets: count, facts, loadMs, measures };
  } finally {
    await pool.end();
    if (!options.keep) await central.drop();
    else log(`  kept database ${central.name}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: 'small' }, outlets: { type: 'string', default: '10' }, reps: { type: 'string', default: '5' }, keep: { type: 'boolean', default: false } },
  });
  const scale = values.scale as OfficeScale;
  if (!SCALES[scale]) throw new Error(`--scale tiny|small|large, got ${scale}`);
  console.log(`Office reports bench: ${values.outlets} outlets, scale ${scale}`);
  runOfficeBench({ scale, outlets: Number(values.outlets), reps: Number(values.reps), keep: values.keep, log: console.log }).then(
    (r) => {
      console.log(`| measure | n | median | max | target |\n|---|---|---|---|---|`);
      for (const m of r.measures) console.log(`| ${m.name} | ${m.n} | ${m.median.toFixed(1)} ms | ${m.max.toFixed(1)} ms | ${m.target} |`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
