/**
 * Backups with SQLite's online backup API: a consistent copy taken while the
 * till keeps selling. Automatic after a shift closes and once a day, to a
 * configurable folder (e.g. a USB drive), keeping the newest N. Restore
 * checks the file before it replaces anything and keeps a safety copy.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
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
    pruneError: getRaw<string | null>(ctx.db, 'backupPruneError') ?? null,
    files: folder ? listBackups(folder) : [],
  };
}

/**
 * Make `folder` and its missing parents, one level at a time. Node's `mkdirSync(…, { recursive })`
 * never returns where a parent refuses a child with ENOENT (a path under /proc): it retries forever
 * and the server stops answering.
 */
function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let at = resolve(folder); !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const dir of missing.reverse()) mkdirSync(dir);
}

/** Why a folder cannot hold backups, in the manager's words (a system error code otherwise). */
function folderProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'foldernya tidak ada dan tidak bisa dibuat (apakah flashdisk/drive-nya terpasang?)';
  if (code === 'EACCES' || code === 'EPERM') return 'tidak ada izin menulis di folder itu';
  if (code === 'EROFS') return 'drive-nya hanya bisa dibaca';
  if (code === 'ENOSPC') return 'drive-nya penuh';
  return `tidak bisa menulis di sana (${code ?? String(err)})`;
}

/**
 * A backup folder is accepted only when a backup can be written there now: an absolute path, made
 * if missing (a new folder on a USB drive), and a file written and removed in it. Otherwise the
 * manager would see "saved" and the backups would fail unseen until the day they are needed.
 */
function checkBackupFolder(folder: string): void {
  if (!isAbsolute(folder)) throw new AppError('VALIDATION', 'Tulis folder lengkap, mis. /media/usb/cadangan atau D:\\Cadangan.', { field: 'folder' });
  const probe = join(folder, `.kasir-plut-uji-${process.pid}`);
  try {
    makeFolder(folder);
    writeFileSync(probe, 'uji');
    unlinkSync(probe);
  } catch (err) {
    throw new AppError('VALIDATION', `Folder cadangan tidak bisa dipakai: ${folderProblem(err)}.`, { field: 'folder' });
  }
}

export function configureBackup(ctx: Ctx, input: { folder: string | null; keep: number }): BackupStatus {
  if (input.folder) checkBackupFolder(input.folder);
  ctx.db.transaction(() => {
    setRaw(ctx.db, 'backupFolder', input.folder);
    setRaw(ctx.db, 'backupKeep', input.keep);
  });
  return backupStatus(ctx);
}

/**
 * When a backup was taken, from its name: the local time stamp
 * (`yyyyMMddHHmmss`) and the sequence of backups in that same second (1 for
 * the plain name, then -2, -3, …). `null` for files that are not backups.
 */
export function backupTime(file: string): { stamp: string; seq: number } | null {
  const m = /^kasir-plut-(\d{8})-(\d{6})(?:-(\d+))?\.db$/.exec(basename(file));
  return m ? { stamp: m[1]! + m[2]!, seq: m[3] ? Number(m[3]) : 1 } : null;
}

/** Newest first: by the time in the name, then the same-second sequence (never by comparing names as text). */
function newestFirst(a: BackupInfo, b: BackupInfo): number {
  const x = backupTime(a.file)!;
  const y = backupTime(b.file)!;
  if (x.stamp !== y.stamp) return x.stamp < y.stamp ? 1 : -1;
  if (x.seq !== y.seq) return y.seq - x.seq;
  return b.createdAt - a.createdAt;
}

/**
 * The backups in `folder`, newest first. Files that vanish while we look are left out; a folder that
 * is gone or is no folder (the drive was unplugged, a file took its name) has none — the status
 * still answers, and the next backup says why it failed.
 */
export function listBackups(folder: string): BackupInfo[] {
  try {
    return readBackups(folder);
  } catch {
    return [];
  }
}

/** The backups in `folder`, newest first; throws when the folder cannot be listed. */
function readBackups(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    if (!PATTERN.test(name)) continue;
    try {
      const st = statSync(join(folder, name));
      if (st.isFile()) out.push({ file: join(folder, name), bytes: st.size, createdAt: st.mtimeMs });
    } catch {
      // deleted meanwhile (another till's pruning, the user): not a backup any more
    }
  }
  return out.sort(newestFirst);
}

/**
 * Delete all but the newest `keep` backups in `folder`. `newest` (the file
 * just written) is never deleted, whatever the names say (a clock set back).
 * Never throws: what could not be deleted is returned.
 */
export function pruneBackups(
  folder: string,
  keep: number,
  newest: string,
  remove: (file: string) => void = unlinkSync,
): { deleted: string[]; failed: { file: string; error: string }[] } {
  const deleted: string[] = [];
  const failed: { file: string; error: string }[] = [];
  let others: BackupInfo[];
  try {
    others = readBackups(folder).filter((b) => b.file !== newest);
  } catch (err) {
    return { deleted, failed: [{ file: folder, error: err instanceof Error ? err.message : String(err) }] };
  }
  for (const old of others.slice(Math.max(0, keep - 1))) {
    try {
      remove(old.file);
      deleted.push(old.file);
    } catch (err) {
      failed.push({ file: old.file, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { deleted, failed };
}

/**
 * The name for a backup taken at `stamp`: `kasir-plut-<stamp>.db`, or the
 * next same-second sequence after the highest already in the folder (`-2`,
 * `-3`, …), so a newer backup never takes the name of a pruned older one.
 */
function nextBackupName(folder: string, stamp: string): string {
  const compact = stamp.replace('-', '');
  let highest = 0;
  for (const name of readdirSync(folder)) {
    const t = PATTERN.test(name) ? backupTime(name) : null;
    if (t && t.stamp === compact) highest = Math.max(highest, t.seq);
  }
  return join(folder, `${PREFIX}${stamp}${highest === 0 ? '' : `-${highest + 1}`}.db`);
}

/** Leftovers of a backup interrupted by a crash or a power cut: never mistaken for a backup, removed at the next run. */
const PARTIAL = /^kasir-plut-.*\.db\.partial(-journal)?$/;

let running: Promise<unknown> = Promise.resolve();

/**
 * Copy the live database into `folder` as `kasir-plut-YYYYMMDD-HHmmss.db`
 * (local time; `-2`, `-3`, … for more in the same second), then delete all
 * but the newest `keep`. The copy is written as `<name>.partial` and renamed
 * when complete and checked, so a backup file is always a whole one. Backups
 * of this process run one at a time. Records success or the error in
 * settings so the UI can show it; rethrows failures of the copy. Pruning
 * never fails a backup: what it could not delete is logged and kept in
 * `pruneError`.
 */
export function runBackup(ctx: Ctx, options: { folder?: string; keep?: number; /** Read-only connection (the app runs elsewhere): record nothing in settings. */ readOnly?: boolean } = {}): Promise<BackupInfo> {
  const run = running.then(
    () => backupNow(ctx, options),
    () => backupNow(ctx, options),
  );
  running = run.catch(() => undefined);
  return run;
}

async function backupNow(ctx: Ctx, options: { folder?: string; keep?: number; readOnly?: boolean }): Promise<BackupInfo> {
  const status = backupStatus(ctx);
  const folder = options.folder ?? status.folder;
  let file: string;
  let partial: string | undefined;
  try {
    if (!folder) throw new AppError('VALIDATION', 'Folder cadangan belum diatur.', { field: 'folder' });
    makeFolder(folder);
    for (const name of readdirSync(folder)) if (PARTIAL.test(name)) removeQuietly(join(folder, name));
    const stamp = format(new TZDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone')), 'yyyyMMdd-HHmmss');
    file = nextBackupName(folder, stamp);
    partial = `${file}.partial`;
    await ctx.db.$client.backup(partial);
    makeSelfContained(partial);
    checkBackupFile(partial);
    renameSync(partial, file);
  } catch (err) {
    if (partial) removeQuietly(partial);
    const message = err instanceof Error ? err.message : String(err);
    if (!options.readOnly) ctx.db.transaction(() => setRaw(ctx.db, 'backupLastError', `${message}`));
    if (err instanceof AppError) throw err;
    throw new AppError('CONFLICT', `Cadangan gagal: ${message}`);
  }
  const bytes = statSync(file).size;
  const pruned = pruneBackups(folder, options.keep ?? status.keep, file);
  for (const f of pruned.failed) console.warn(`backup kept: could not delete old backup ${f.file}: ${f.error}`);
  if (!options.readOnly) ctx.db.transaction(() => {
    setRaw(ctx.db, 'backupLastAt', ctx.clock.now());
    setRaw(ctx.db, 'backupLastError', null);
    setRaw(ctx.db, 'backupPruneError', pruned.failed.length ? pruned.failed.map((f) => `${basename(f.file)}: ${f.error}`).join('; ') : null);
  });
  return { file, bytes, createdAt: ctx.clock.now() };
}

/** A half-written backup is not left behind to be mistaken for a good one. */
function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // nothing there, or the folder went away
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
