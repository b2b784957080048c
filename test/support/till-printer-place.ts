/**
 * Where a till's own printer sits in a test (issue 18): somewhere only the
 * till agent's process reaches, never the host.
 *
 * - `netns` (where `ip netns` is allowed): a network namespace of the
 *   test's own, joined to this one by a veth pair (host side 10.218.x.1,
 *   till side 10.218.x.2). The fake printer is a process inside it,
 *   listening on the namespace's own 127.0.0.1; the till agent is a process
 *   inside it too and reaches the host at 10.218.x.1.
 * - `source-address` (otherwise): the fake printer runs here on 127.0.0.1
 *   and resets every connection that does not come from 127.0.0.2; the
 *   agent connects from 127.0.0.2 (`--local-address`), the host does not.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startFakePrinter, type FakePrinterState } from './fake-printer';

const ROOT = resolve(import.meta.dirname, '../..');

export interface TillPrinterPlace {
  mode: 'netns' | 'source-address';
  /** The host's address as the till reaches it (the host's LAN server listens there). */
  hostIp: string;
  /** The fake printer, as the till sees it. */
  printer: { host: '127.0.0.1'; port: number };
  setState(state: FakePrinterState): Promise<void>;
  /** Finished print jobs (status queries removed). */
  jobs(): Promise<Buffer[]>;
  connections(): Promise<number>;
  /** Start the till agent's CLI (src/main/till-agent/cli.ts) where the till is. */
  startAgent(args: string[]): Promise<AgentProcess>;
  close(): Promise<void>;
}

export interface AgentProcess {
  process: ChildProcess;
  agentId: string;
  /** Every JSON line it printed so far. */
  events(): Record<string, unknown>[];
  /** Stop it: SIGKILL (gone mid-job, as a PC switched off) or SIGTERM (ends cleanly). */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: 'pipe' });

function spawnAgent(prefix: string[], args: string[]): Promise<AgentProcess> {
  const [cmd, ...rest] = [...prefix, process.execPath, '--import', 'tsx', resolve(ROOT, 'src/main/till-agent/cli.ts'), ...args];
  const child = spawn(cmd!, rest, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolveAgent, reject) => {
    const timer = setTimeout(() => reject(new Error(`till agent did not start in 20 s: ${stderr}`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      if (event.type === 'started') {
        clearTimeout(timer);
        resolveAgent({
          process: child,
          agentId: String(event.agentId),
          events: () => [...events],
          kill: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`till agent exited with ${code}: ${stderr}`)));
  });
}

/** Whether this machine lets the test make a network namespace (tried with a throwaway one). */
export function canMakeNetns(): boolean {
  const probe = `kasir-probe${process.pid}`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return true;
  } catch {
    return false;
  }
}

/** The netns place, or null where `ip netns` is not allowed. */
async function netnsPlace(): Promise<TillPrinterPlace | null> {
  const ns = `kasir-p${process.pid}`;
  try {
    ip('netns', 'add', ns);
  } catch (err) {
    console.warn(`till-printer: ip netns not allowed here (${String(err).split('\n')[0]}); using the source-address printer`);
    return null;
  }
  const subnet = 10 + (process.pid % 200);
  const hostIp = `10.218.${subnet}.1`;
  const veth = `kp${process.pid % 100000}`;
  ip('link', 'add', veth, 'type', 'veth', 'peer', 'name', `${veth}p`);
  ip('link', 'set', `${veth}p`, 'netns', ns);
  ip('addr', 'add', `${hostIp}/24`, 'dev', veth);
  ip('link', 'set', veth, 'up');
  ip('netns', 'exec', ns, 'ip', 'addr', 'add', `10.218.${subnet}.2/24`, 'dev', `${veth}p`);
  ip('netns', 'exec', ns, 'ip', 'link', 'set', `${veth}p`, 'up');
  ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');

  const fake = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', resolve(ROOT, 'test/support/fake-printer-process.ts')], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = new Map<number, (result: unknown) => void>();
  let port = 0;
  await new Promise<void>((ready) =>
    createInterface({ input: fake.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as { port?: number; id?: number; result?: unknown };
      if (msg.port) {
        port = msg.port;
        ready();
      } else waiting.get(msg.id!)?.(msg.result);
    }),
  );
  let next = 0;
  const rpc = <T>(cmd: string, extra: object = {}): Promise<T> =>
    new Promise((r) => {
      const id = ++next;
      waiting.set(id, r as (x: unknown) => void);
      fake.stdin!.write(`${JSON.stringify({ id, cmd, ...extra })}\n`);
    });
  return {
    mode: 'netns',
    hostIp,
    printer: { host: '127.0.0.1', port },
    setState: (state) => rpc<boolean>('state', { state }).then(() => {}),
    jobs: async () => (await rpc<string[]>('jobs')).map((b) => Buffer.from(b, 'base64')),
    connections: () => rpc<number>('connections'),
    startAgent: (args) => spawnAgent(['ip', 'netns', 'exec', ns], args),
    close: async () => {
      fake.stdin!.end();
      await new Promise((r) => fake.once('exit', r));
      try {
        ip('link', 'del', veth);
      } catch {
        /* gone with the namespace */
      }
      ip('netns', 'del', ns);
    },
  };
}

async function sourceAddressPlace(): Promise<TillPrinterPlace> {
  const printer = await startFakePrinter({ onlyFrom: '127.0.0.2' });
  return {
    mode: 'source-address',
    hostIp: '127.0.0.1',
    printer: { host: '127.0.0.1', port: printer.port },
    setState: (state) => printer.setState(state),
    jobs: async () => printer.jobs(),
    connections: async () => printer.connectionCount(),
    startAgent: (args) => spawnAgent([], [...args, '--local-address', '127.0.0.2']),
    close: () => printer.close(),
  };
}

/** The netns place where allowed; `KASIR_TILL_PRINTER_PLACE=source-address` forces the other. */
export async function startTillPrinterPlace(): Promise<TillPrinterPlace> {
  if (process.env.KASIR_TILL_PRINTER_PLACE === 'source-address') return sourceAddressPlace();
  return (await netnsPlace()) ?? sourceAddressPlace();
}
