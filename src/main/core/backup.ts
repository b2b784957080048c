/**
 * Backups with SQLite's online backup API: a consistent copy taken while the
 * till keeps selling. Automatic after a shift closes and once a day, to a
 * configurable folder (e.g. a USB drive), keeping the newest N. Restore
 * checks the file before it replaces anything and keeps a safety copy.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { AppError } from '../../shared/errors';
import type { BackupInfo, BackupStatus } from '../../shared/types-system';
import type { Db } from '../../db';
import { findMigrationsFolder } from '../../db';
import type { Ctx } from './context';
import { getRaw, getSetting, setRaw } from './settings';

const PREFIX = 'kasir-plut-';
const PATTERN = /^kasir-plut-\d{8}-\d{6}(-\d+)?\.db$/;
export const DEFAULT_KEEP = 30;

export function backupStatus(ctx: Ctx): BackupStatus {
  const folder = getRaw<string | null>(ctx.db, 'backupFolder') ?? null;
  return {
    folder,
    keep: getRaw<number>(ctx.db, 'backupKeep') ?? DEFAULT_KEEP,
    lastBackupAt: getRaw<number>(ctx.db, 'backupLastAt') ?? null,
    lastError: getRaw<string | null>(ctx.db, 'backupLastError') ?? null,
    files: folder ? listBackups(folder) : [],
  };
}

export function configureBackup(ctx: Ctx, input: { folder: string | null; keep: number }): BackupStatus {
  ctx.db.transaction(() => {
    setRaw(ctx.db, 'backupFolder', input.folder);
    setRaw(ctx.db, 'backupKeep', input.keep);
  });
  return backupStatus(ctx);
}

export function listBackups(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => PATTERN.test(f))
    .map((f) => {
      const st = statSync(join(folder, f));
      return { file: join(folder, f), bytes: st.size, createdAt: st.mtimeMs };
    })
    .sort((a, b) => (a.file < b.file ? 1 : -1));
}

/**
 * Copy the live database into `folder` as `kasir-plut-YYYYMMDD-HHmmss.db`
 * (local time), then delete all but the newest `keep`. Records success or
 * the error in settings so the UI can show it; rethrows failures.
 */
export async function runBackup(ctx: Ctx, options: { folder?: string; keep?: number } = {}): Promise<BackupInfo> {
  const status = backupStatus(ctx);
  const folder = options.folder ?? status.folder;
  try {
    if (!folder) throw new AppError('VALIDATION', 'Folder cadangan belum diatur.', { field: 'folder' });
    mkdirSync(folder, { recursive: true });
    const stamp = format(new TZDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone')), 'yyyyMMdd-HHmmss');
    let file = join(folder, `${PREFIX}${stamp}.db`);
    for (let n = 2; existsSync(file); n++) file = join(folder, `${PREFIX}${stamp}-${n}.db`);
    await ctx.db.$client.backup(file);
    makeSelfContained(file);
    checkBackupFile(file);
    const keep = options.keep ?? status.keep;
    for (const old of listBackups(folder).slice(keep)) unlinkSync(old.file);
    ctx.db.transaction(() => {
      setRaw(ctx.db, 'backupLastAt', ctx.clock.now());
      setRaw(ctx.db, 'backupLastError', null);
    });
    return { file, bytes: statSync(file).size, createdAt: ctx.clock.now() };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ctx.db.transaction(() => setRaw(ctx.db, 'backupLastError', `${message}`));
    if (err instanceof AppError) throw err;
    throw new AppError('CONFLICT', `Cadangan gagal: ${message}`);
  }
}

/** A backup is one file: switch it out of WAL so no -wal/-shm companions are needed. */
function makeSelfContained(file: string): void {
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Has a backup been made today (local business day)? Used by the daily timer. */
export function backupDueToday(ctx: Ctx): boolean {
  const status = backupStatus(ctx);
  if (!status.folder) return false;
  if (status.lastBackupAt === null) return true;
  const tz = getSetting(ctx.db, 'timeZone');
  const day = (t: number) => format(new TZDate(t, tz), 'yyyy-MM-dd');
  return day(status.lastBackupAt) !== day(ctx.clock.now());
}

interface Journal {
  entries: { tag: string; when: number }[];
}

/**
 * Refuse anything that is not a healthy Kasir PLUT database this version of
 * the app can open: corrupt files, other SQLite files, and databases whose
 * migrations are newer than the app's.
 */
export function checkBackupFile(file: string, migrationsFolder = findMigrationsFolder()): void {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `File ${basename(file)} tidak ditemukan.`, { field: 'file' });
  let src: Database.Database;
  try {
    src = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('VALIDATION', `${basename(file)} bukan file database.`, { field: 'file' });
  }
  try {
    let integrity: unknown;
    try {
      integrity = src.pragma('integrity_check', { simple: true });
    } catch {
      throw new AppError('VALIDATION', `${basename(file)} rusak atau bukan database SQLite.`, { field: 'file' });
    }
    if (integrity !== 'ok') throw new AppError('VALIDATION', `${basename(file)} rusak (integrity_check: ${String(integrity)}).`, { field: 'file' });
    const tables = new Set((src.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    for (const required of ['__drizzle_migrations', 'settings', 'users', 'sales', 'lots', 'ledger_entries']) {
      if (!tables.has(required)) throw new AppError('VALIDATION', `${basename(file)} bukan database Kasir PLUT.`, { field: 'file', missing: required });
    }
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
    const known = Math.max(...journal.entries.map((e) => e.when));
    const applied = src.prepare('SELECT max(created_at) AS latest, count(*) AS n FROM __drizzle_migrations').get() as { latest: number | null; n: number };
    if ((applied.latest ?? 0) > known || applied.n > journal.entries.length) {
      throw new AppError('VALIDATION', `${basename(file)} dibuat oleh versi Kasir PLUT yang lebih baru. Perbarui aplikasi dulu.`, { field: 'file' });
    }
  } finally {
    src.close();
  }
}

/**
 * Replace the database at `dbPath` with `file` after checking it; the
 * current database is first saved beside it as a safety copy. With `live`,
 * the open connection is written through the backup API so the running app
 * sees the restored data at once.
 */
export async function restoreBackup(
  target: { dbPath: string; live?: Db },
  file: string,
  now: number,
): Promise<{ restoredFrom: string; safetyCopy: string }> {
  checkBackupFile(file);
  const safetyCopy = `${target.dbPath}.before-restore-${now}.db`;
  if (target.live) {
    await target.live.$client.backup(safetyCopy);
    const src = new Database(file, { readonly: true });
    try {
      // Page-by-page copy into the live file; other connections see the new content.
      await src.backup(target.dbPath);
    } finally {
      src.close();
    }
  } else {
    if (existsSync(target.dbPath)) {
      const current = new Database(target.dbPath);
      try {
        await current.backup(safetyCopy);
      } finally {
        current.close();
      }
    }
    for (const suffix of ['-wal', '-shm']) if (existsSync(target.dbPath + suffix)) unlinkSync(target.dbPath + suffix);
    copyFileSync(file, target.dbPath);
  }
  return { restoredFrom: file, safetyCopy };
}
