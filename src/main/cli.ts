/**
 * Command line for the shop's admin, with the app stopped:
 *   npm run kasir -- backup --db ./kasir.db --to /media/usb/kasir [--keep 30]
 *   npm run kasir -- restore --db ./kasir.db --from /media/usb/kasir/kasir-plut-20261129-210000.db
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from './app';
import { openDb } from '../db';
import { acquireWriterLock, WriterLockHeld } from '../db/writer-lock';
import { systemClock } from './core/clock';
import { restoreBackup, runBackup, DEFAULT_KEEP } from './core/backup';
import { AppError } from '../shared/errors';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { db: { type: 'string' }, to: { type: 'string' }, from: { type: 'string' }, keep: { type: 'string' } },
    strict: true,
  });
  if (!values.db) throw new AppError('VALIDATION', '--db is required');
  const dbPath = resolve(values.db);
  if (command === 'backup') {
    if (!values.to) throw new AppError('VALIDATION', '--to <folder> is required');
    const options = { folder: resolve(values.to), keep: values.keep ? Number(values.keep) : DEFAULT_KEEP };
    let app;
    try {
      app = openApp(dbPath);
    } catch (err) {
      if (!(err instanceof WriterLockHeld)) throw err;
      // The app is running: copy through a read-only connection (SQLite's online backup), record nothing.
      const db = openDb(dbPath, { readonly: true });
      try {
        const info = await runBackup({ db, clock: systemClock }, { ...options, readOnly: true });
        console.log(`Backup written while the app runs: ${info.file} (${info.bytes} bytes)`);
      } finally {
        db.$client.close();
      }
      return 0;
    }
    try {
      const info = await runBackup(app.ctx, options);
      console.log(`Backup written: ${info.file} (${info.bytes} bytes)`);
    } finally {
      app.close();
    }
    return 0;
  }
  if (command === 'restore') {
    if (!values.from) throw new AppError('VALIDATION', '--from <file> is required');
    // Never under a running app: the writer lock is held from before the copy until the migration is done.
    const lock = acquireWriterLock(dbPath);
    let result;
    try {
      result = await restoreBackup({ dbPath }, resolve(values.from), Date.now());
    } finally {
      lock.release();
    }
    // Bring an older backup up to this version's schema.
    openApp(dbPath).close();
    console.log(`Restored ${result.restoredFrom} into ${dbPath}. The previous database was kept as ${result.safetyCopy}.`);
    return 0;
  }
  console.error('Usage: kasir backup --db <file> --to <folder> [--keep N] | kasir restore --db <file> --from <backup>');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof AppError || err instanceof WriterLockHeld ? `Error: ${err.message}` : err);
    process.exit(1);
  },
);
