/**
 * What a shop manager reads when a printer fails (a job's `last_error`, shown
 * as is by "Tes cetak", "Cetakan terakhir" and the till's banner): Bahasa
 * Indonesia, what happened and what to check. The system's own English
 * error stays in the error's `cause`, for developers.
 *
 * Real TCP throughout: a closed port, the fake printer (refused, silent), a
 * printer that takes the connection but never reads, one that resets it, and
 * one whose connection queue is full (a connection that never completes).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTransport, type SerialPortConstructor } from '../../src/main/printing/transports';
import { PrintQueue } from '../../src/main/services/print-queue';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { fakePrinterForSuite } from './printer-suite';

/** Words of the English messages the transports used to hand to the screen. */
const ENGLISH =
  /\b(refused|connection|unreachable|not found|dropped|stopped|taking|timed out|within|failed|cannot|could not|write|is it|plugged|switched|permissions?|available|module|unknown|serial printer|usb printer|printer file|only a file|no progress|did not|an admin|must)\b/i;

function expectIndonesian(message: string): void {
  expect(message, message).not.toMatch(ENGLISH);
}

/** Rejection message of a promise that must reject. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a rejection');
}

/** A port on 127.0.0.1 that nothing listens on: refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * A printer whose connection queue is full: it listens (backlog 1) in a
 * thread that is blocked, so the kernel queues two connections and drops
 * the SYN of any further one; such a connection never completes (Linux).
 */
async function jammedListener(): Promise<{ port: number; close(): Promise<void> }> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const net = require('node:net');
     const server = net.createServer(() => {});
     server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       setTimeout(() => Atomics.wait(new Int32Array(workerData), 0, 0), 20);
     });`,
    { eval: true, workerData: flag.buffer },
  );
  const port = await new Promise<number>((r) => worker.once('message', r));
  await new Promise((r) => setTimeout(r, 200));
  // Fill the queue: these two complete (in the kernel) and wait there to be accepted.
  const fillers = [net.connect(port, '127.0.0.1'), net.connect(port, '127.0.0.1')];
  for (const f of fillers) f.on('error', () => {});
  await Promise.all(fillers.map((f) => new Promise((r) => f.once('connect', r))));
  return {
    port,
    close: async () => {
      for (const f of fillers) f.destroy();
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      await worker.terminate();
    },
  };
}

/** A TCP server run by `onSocket`, on 127.0.0.1. */
async function rawServer(onSocket: (socket: net.Socket) => void): Promise<{ port: number; close(): void; sockets: net.Socket[] }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    onSocket(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('network printer errors, in Bahasa Indonesia', () => {
  const fake = fakePrinterForSuite();
  let printer: FakePrinter;
  beforeEach(() => {
    printer = fake();
  });

  it('refused (a closed port): "menolak sambungan", with what to check; the English error is only the cause', async () => {
    const port = await closedPort();
    const t = createTransport({ type: 'network', host: '127.0.0.1', port });
    let error: Error | undefined;
    await t.send(Uint8Array.of(0x41)).catch((err: Error) => (error = err));
    expect(error?.message).toBe(`Printer 127.0.0.1:${port} menolak sambungan (apakah printer menyala dan port-nya benar?)`);
    expect((error?.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    // The same for a job with its status checks, and for the fake printer that stopped listening.
    expect(await rejection(t.print!(Uint8Array.of(0x41), () => null))).toBe(`Printer 127.0.0.1:${port} menolak sambungan (apakah printer menyala dan port-nya benar?)`);
    await printer.setState('refused');
    const fake = createTransport({ type: 'network', host: printer.host, port: printer.port });
    expect(await rejection(fake.send(Uint8Array.of(0x41)))).toBe(`Printer 127.0.0.1:${printer.port} menolak sambungan (apakah printer menyala dan port-nya benar?)`);
  });

  it('timeout: a printer that never takes the connection', async () => {
    const jammed = await jammedListener();
    try {
      const t = createTransport({ type: 'network', host: '127.0.0.1', port: jammed.port }, { connectTimeoutMs: 300 });
      const message = await rejection(t.send(Uint8Array.of(0x41)));
      expect(message).toBe(`Printer 127.0.0.1:${jammed.port} tidak menjawab dalam 0,3 detik (apakah printer menyala, tersambung ke jaringan, dan alamat IP-nya benar?)`);
      expectIndonesian(message);
    } finally {
      await jammed.close();
    }
  });

  it('timeout: a printer that takes the connection but stops taking data', async () => {
    const jammed = await rawServer((socket) => socket.pause());
    try {
      const t = createTransport({ type: 'network', host: '127.0.0.1', port: jammed.port }, { writeTimeoutMs: 300 });
      const message = await rejection(t.send(new Uint8Array(64 * 1024 * 1024)));
      expect(message).toBe(
        `Printer 127.0.0.1:${jammed.port} berhenti menerima data (tidak ada kemajuan selama 0,3 detik): periksa kertas, tutup, dan kabel printer, lalu periksa hasil cetak`,
      );
      expectIndonesian(message);
    } finally {
      jammed.close();
    }
  });

  it('timeout: the silent fake printer never answers a status question; no error, and the job still prints', async () => {
    await printer.setState('silent');
    const t = createTransport({ type: 'network', host: printer.host, port: printer.port }, { statusTimeoutMs: 200 });
    expect(await t.status()).toBeNull();
    expect(await t.print!(Uint8Array.of(0x41, 0x0a), () => null)).toBeNull();
    expect([...(await printer.waitForJobs(1))[0]!]).toEqual([0x41, 0x0a]);
  });

  it('reset: a printer that drops the connection', async () => {
    const resetting = await rawServer((socket) => socket.resetAndDestroy());
    try {
      const t = createTransport({ type: 'network', host: '127.0.0.1', port: resetting.port }, { statusTimeoutMs: 300 });
      const message = await rejection(t.print!(new Uint8Array(1024 * 1024), () => null));
      expect(message).toBe(`Printer 127.0.0.1:${resetting.port} memutus sambungan (periksa printer dan kabel jaringannya, lalu periksa hasil cetak)`);
    } finally {
      resetting.close();
    }
  });

  it('host not found', async () => {
    const t = createTransport({ type: 'network', host: 'printer.invalid', port: 9100 }, { connectTimeoutMs: 10_000 });
    const message = await rejection(t.send(Uint8Array.of(0x41)));
    expect(message).toBe('Alamat printer printer.invalid:9100 tidak ditemukan (periksa penulisan alamat IP atau nama printer)');
  });
});

describe('serial, USB, file and stored-setting errors, in Bahasa Indonesia', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-print-errors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('file: a name that cannot be written, and a stored path instead of a name', async () => {
    mkdirSync(join(dir, 'is-a-folder'));
    const message = await rejection(createTransport({ type: 'file', name: 'is-a-folder' }, { printerOutputDir: dir }).send(Uint8Array.of(1)));
    expect(message).toBe(`Tidak dapat menulis ke berkas printer is-a-folder di folder ${dir} (periksa bahwa folder itu ada dan boleh ditulis)`);
    const stored = await rejection(createTransport({ type: 'file', name: '../x.bin' }, { printerOutputDir: dir }).send(Uint8Array.of(1)));
    expect(stored).toBe('Printer berkas "../x.bin": hanya nama berkas di dalam folder printer-output yang diizinkan; admin perlu mengatur printer lagi');
  });

  it('serial: a stored path that is not a serial port, and a port that cannot be opened', async () => {
    const stored = await rejection(createTransport({ type: 'serial', path: '/etc/hostname' }).send(Uint8Array.of(1)));
    expect(stored).toBe('Printer serial /etc/hostname: bukan alamat port serial; admin perlu mengatur printer lagi (mis. COM3, /dev/ttyUSB0)');
    const { SerialPortMock } = await import('serialport');
    const t = createTransport({ type: 'serial', path: '/dev/ttyNOPE' }, { serialPort: SerialPortMock as unknown as SerialPortConstructor });
    expect(await rejection(t.send(Uint8Array.of(1)))).toBe(
      'Port serial /dev/ttyNOPE tidak dapat dibuka (apakah kabel printer tersambung, port-nya benar, dan tidak dipakai aplikasi lain?)',
    );
  });

  it('usb: a printer that is not plugged in (or a computer without USB printing)', async () => {
    const message = await rejection(createTransport({ type: 'usb', vendorId: 0x04b8, productId: 0xfeed }).send(Uint8Array.of(1)));
    expect([
      'Printer USB 04b8:feed tidak ditemukan (apakah kabelnya tersambung dan printernya menyala?)',
      'Printer USB tidak dapat dipakai di komputer ini: komponen USB aplikasi tidak dapat dimuat (hubungi teknisi)',
    ]).toContain(message);
  });

  it('a stored printer setting of a kind this version does not know', async () => {
    let message = '';
    try {
      createTransport({ type: 'bluetooth' } as never);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe('Jenis printer dalam pengaturan tidak dikenal; admin perlu mengatur printer lagi');
  });
});

describe('what reaches the screen: a job\'s last error', () => {
  let t: TestApi;
  let s: Seeded;
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const jobWhen = async (id: number, ok: (job: any) => boolean) => {
    for (let i = 0; i < 400; i++) {
      const job = ((await t.api('printing.jobs', {}, s.manager)).body as any[]).find((j) => j.id === id);
      if (job && ok(job)) return job;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`job ${id} never reached the wanted state`);
  };

  it('Tes cetak to a LAN printer on a closed port: "Gagal dicetak" with the Indonesian reason, in the recent jobs too', async () => {
    const port = await closedPort();
    expect((await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port }, columns: 32 }, s.admin)).status).toBe(200);
    const job = (await t.api('printers.test', {}, s.manager)).body;
    const failed = await jobWhen(job.id, (j) => j.status === 'failed');
    expect(failed.lastError).toBe(`Printer 127.0.0.1:${port} menolak sambungan (apakah printer menyala dan port-nya benar?)`);
    const stored = t.app.db.$client.prepare('SELECT last_error AS lastError FROM print_jobs WHERE id = ?').get(job.id) as { lastError: string };
    expect(stored.lastError).toBe(failed.lastError);
  });

  it('Tes cetak to the silent fake printer: its status questions time out, the page prints, the banner says so in Indonesian', async () => {
    const printer = await startFakePrinter();
    try {
      await printer.setState('silent');
      await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printer.port }, columns: 32 }, s.admin);
      const job = (await t.api('printers.test', {}, s.manager)).body;
      const done = await jobWhen(job.id, (j) => j.status !== 'pending');
      expect(done).toMatchObject({ status: 'printed', lastError: null });
      expect((await printer.waitForJobs(1, 8000)).length).toBe(1);
      expect((await t.api('printers.status', {}, s.manager)).body).toMatchObject({ state: 'unknown', message: 'Status printer tidak diketahui.', failedJobs: 0 });
    } finally {
      await printer.close();
    }
  });

  it('a failure that is no printer error (a bug) is stored as an Indonesian message and logged in full for developers', async () => {
    await t.api('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: 9100 }, columns: 32 }, s.admin);
    const queue = new PrintQueue(t.app.ctx, () => ({
      send: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'write')");
      },
      status: async () => null,
    }));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const job = queue.enqueue({ kind: 'labels', tillCode: 'K1', bytes: Uint8Array.of(0x41, 0x0a) });
      await queue.idle();
      const failed = queue.get(job.id);
      expect(failed.status).toBe('failed');
      expect(failed.lastError).toBe('Gagal mencetak karena kesalahan di aplikasi. Coba lagi; bila terulang, hubungi teknisi.');
      expect(String(logged.mock.calls.flat().map((x) => (x instanceof Error ? x.message : x)))).toContain('Cannot read properties of undefined');
    } finally {
      logged.mockRestore();
    }
  });
});
