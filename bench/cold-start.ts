/**
 * Child process for the cold-start measure (spawned by bench/run.ts with
 * `node --import tsx bench/cold-start.ts <db> <barcode>`): import the core,
 * open the database (pragmas + migrations) and look up one barcode, timing
 * each step from this module's first line. Prints one JSON line.
 */
export {};

const t0 = performance.now();
const [dbPath, code] = process.argv.slice(2);
const { openDb } = await import('../src/db');
const { lookupProduct } = await import('../src/main/core/catalog');
const { systemClock } = await import('../src/main/core/clock');
const tImport = performance.now();
const db = openDb(dbPath);
const tOpen = performance.now();
const product = lookupProduct({ db, clock: systemClock }, code);
const tLookup = performance.now();
db.$client.close();
console.log(
  JSON.stringify({
    importMs: tImport - t0,
    openMigrateMs: tOpen - tImport,
    firstLookupMs: tLookup - tOpen,
    openToLookupMs: tLookup - tImport,
    totalMs: tLookup - t0,
    found: product.id > 0,
  }),
);
