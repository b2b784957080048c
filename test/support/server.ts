import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningServer {
  url: string;
  port: number;
  dbPath: string;
  process: ChildProcess;
  output(): string;
  /** Graceful stop (SIGTERM) unless `signal` says otherwise. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Start browser mode (`node out/main/serve.js`, built by `npm run build`)
 * as a child process on a temp database and an OS-chosen port.
 */
export async function startServer(options: { dbPath?: string; demo?: boolean; args?: string[]; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dbPath = options.dbPath ?? join(mkdtempSync(join(tmpdir(), 'kasir-')), 'kasir.db');
  const args = [join(ROOT, 'out/main/serve.js'), '--db', dbPath, '--port', '0', ...(options.demo ? ['--demo'] : []), ...(options.args ?? [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${log}`)), 20_000);
    const onData = () => {
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dbPath,
    process: child,
    output: () => log,
    stop: (signal = 'SIGTERM') =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
}

/** A small HTTP client for the API, as a second till or a test would use it. */
export function apiClient(baseUrl: string, token?: string) {
  return async function api<T = any>(name: string, input: unknown = {}, tok: string | undefined = token): Promise<{ status: number; body: T }> {
    const res = await fetch(`${baseUrl}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(tok ? { Authorization: `Bearer ${tok}` } : {}) },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
}

/** Rows of a read-only query on a (running) server's database file: what a test checks was stored. */
export function queryDb<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const d = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return d.prepare(sql).all(...params) as T[];
  } finally {
    d.close();
  }
}
