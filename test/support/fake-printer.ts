/**
 * A fake ESC/POS network printer on 127.0.0.1 for tests: records the bytes
 * of every connection (a job) and answers real-time status requests
 * (DLE EOT n = 0x10 0x04 n) the way an Epson TM printer does.
 */
import net from 'node:net';

export type FakePrinterState =
  | 'online'
  | 'paperNearEnd'
  | 'paperOut'
  | 'coverOpen'
  | 'offline'
  /** Accepts connections and records data, never answers status requests. */
  | 'silent'
  /** Not listening: connections are refused. */
  | 'refused';

export interface FakePrinter {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly state: FakePrinterState;
  /** Bytes of each finished connection that carried print data (status requests removed). */
  jobs(): Buffer[];
  /** Everything received so far, status requests removed, finished or not. */
  allBytes(): Buffer;
  /** The n of every DLE EOT n received, in order. */
  statusQueries(): number[];
  /** How many connections were accepted. */
  connectionCount(): number;
  /** How many connections are open now. */
  openConnectionCount(): number;
  /** For each connection, how many packets (socket `data` events) it delivered. */
  packetCounts(): number[];
  /** Resolves once `condition` holds, checked at every connection, packet and close; rejects after `timeoutMs`. */
  waitUntil(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  waitForJobs(count: number, timeoutMs?: number): Promise<Buffer[]>;
  /**
   * The first finished job whose bytes `match` accepts; each job is looked at
   * once, when it finishes (cheap after thousands of jobs, unlike polling `jobs()`).
   */
  waitForJob(match: (job: Buffer) => boolean, what: string, timeoutMs?: number): Promise<Buffer>;
  setState(state: FakePrinterState): Promise<void>;
  /** Forget recorded jobs and queries. */
  clear(): void;
  close(): Promise<void>;
}

/**
 * Status bytes per state and n. Fixed bits of every answer: bit 1 and bit 4
 * set (0x12). n=1 bit 3: offline. n=2 bit 2: cover open, bit 5: stopped by
 * paper end. n=4 bits 2–3: paper near end, bits 5–6: paper end.
 */
const ANSWERS: Record<Exclude<FakePrinterState, 'silent' | 'refused'>, Record<number, number>> = {
  online: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 },
  paperNearEnd: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1e },
  paperOut: { 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x72 },
  coverOpen: { 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 },
  offline: { 1: 0x1a, 2: 0x12, 3: 0x12, 4: 0x12 },
};

interface Connection {
  index: number;
  data: number[];
  /** 0: normal, 1: saw DLE, 2: saw DLE EOT */
  parse: 0 | 1 | 2;
  finished: boolean;
  packets: number;
}

export interface FakePrinterOptions {
  /**
   * Accept connections only from this peer address (e.g. a till agent that connects from 127.0.0.2):
   * any other peer is reset at once, before a byte is read — a printer only the till's PC can reach.
   */
  onlyFrom?: string;
}

export async function startFakePrinter(options: FakePrinterOptions = {}): Promise<FakePrinter> {
  let state: FakePrinterState = 'online';
  let port = 0;
  let server: net.Server | null = null;
  const sockets = new Set<net.Socket>();
  const connections: Connection[] = [];
  const queries: number[] = [];
  let waiters: Array<() => void> = [];
  /** Called with each connection's bytes once it finishes with print data. */
  const jobWatchers = new Set<(job: Buffer) => void>();

  const notify = (): void => {
    const current = waiters;
    waiters = [];
    for (const w of current) w();
  };

  const answer = (socket: net.Socket, n: number): void => {
    queries.push(n);
    if (state === 'silent' || state === 'refused') return;
    const byte = ANSWERS[state][n];
    if (byte !== undefined && !socket.destroyed) socket.write(Buffer.of(byte));
  };

  const onConnection = (socket: net.Socket): void => {
    if (options.onlyFrom && socket.remoteAddress !== options.onlyFrom && socket.remoteAddress !== `::ffff:${options.onlyFrom}`) {
      socket.on('error', () => {});
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    const conn: Connection = { index: connections.length, data: [], parse: 0, finished: false, packets: 0 };
    connections.push(conn);
    notify();
    socket.on('data', (chunk: Buffer) => {
      conn.packets += 1;
      for (const b of chunk) {
        if (conn.parse === 0) {
          if (b === 0x10) conn.parse = 1;
          else conn.data.push(b);
        } else if (conn.parse === 1) {
          if (b === 0x04) conn.parse = 2;
          else {
            conn.data.push(0x10);
            conn.parse = b === 0x10 ? 1 : 0;
            if (b !== 0x10) conn.data.push(b);
          }
        } else {
          conn.parse = 0;
          if (b >= 1 && b <= 4) answer(socket, b);
          else conn.data.push(0x10, 0x04, b);
        }
      }
      notify();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (conn.parse === 1) conn.data.push(0x10);
      if (conn.parse === 2) conn.data.push(0x10, 0x04);
      conn.parse = 0;
      conn.finished = true;
      sockets.delete(socket);
      if (conn.data.length > 0 && jobWatchers.size > 0) {
        const job = Buffer.from(conn.data);
        for (const watch of [...jobWatchers]) watch(job);
      }
      notify();
    });
  };

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = net.createServer(onConnection);
      s.once('error', reject);
      s.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
        s.off('error', reject);
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      // close() stops accepting at once; its callback waits for open
      // connections, which may go on, so do not wait for it.
      s.close();
      setImmediate(resolve);
    });

  const finishedJobs = (): Buffer[] =>
    connections.filter((c) => c.finished && c.data.length > 0).map((c) => Buffer.from(c.data));

  await listen();

  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    get state() {
      return state;
    },
    jobs: finishedJobs,
    allBytes: () => Buffer.concat(connections.map((c) => Buffer.from(c.data))),
    statusQueries: () => [...queries],
    connectionCount: () => connections.length,
    openConnectionCount: () => sockets.size,
    packetCounts: () => connections.map((c) => c.packets),
    waitUntil(condition, what, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== onChange);
          reject(new Error(`fake printer: ${what} did not happen within ${timeoutMs} ms`));
        }, timeoutMs);
        const onChange = (): void => {
          if (condition()) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(onChange);
        };
        onChange();
      });
    },
    waitForJobs(count, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const jobs = finishedJobs();
          if (jobs.length >= count) {
            clearTimeout(timer);
            resolve(jobs);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== onChange);
          reject(new Error(`fake printer: expected ${count} job(s) within ${timeoutMs} ms, got ${finishedJobs().length}`));
        }, timeoutMs);
        const onChange = (): void => {
          if (!check()) waiters.push(onChange);
        };
        if (!check()) waiters.push(onChange);
      });
    },
    waitForJob(match, what, timeoutMs = 3000) {
      const done = finishedJobs().find(match);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const watch = (job: Buffer): void => {
          if (!match(job)) return;
          jobWatchers.delete(watch);
          clearTimeout(timer);
          resolve(job);
        };
        const timer = setTimeout(() => {
          jobWatchers.delete(watch);
          reject(new Error(`fake printer: ${what} was not printed within ${timeoutMs} ms`));
        }, timeoutMs);
        jobWatchers.add(watch);
      });
    },
    async setState(next) {
      if (next === 'refused' && server) await stopListening();
      if (next !== 'refused' && !server) await listen();
      state = next;
    },
    clear() {
      connections.splice(0, connections.length);
      queries.splice(0, queries.length);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await stopListening();
    },
  };
}
