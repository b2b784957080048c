import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { renderReceipt } from '../../src/main/printing/documents/receipt';
import { createTransport, decodeStatus, printWithStatus, type SerialPortConstructor } from '../../src/main/printing/transports';
import { decodeEscPos } from '../support/escpos-decode';
import type { FakePrinter } from '../support/fake-printer';
import { fakePrinterForSuite } from './printer-suite';
import { sampleReceipt } from './fixtures';

const ONLINE = { online: true, coverOpen: false, paperNearEnd: false, paperOut: false };

/**
 * Waits for `promise` to settle, failing with a clear message if it has not after `ms`. A bound on a
 * wait, not a timing assertion: the settling event is what the test asserts.
 */
function settlesWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

describe('network transport against the fake printer', () => {
  const fake = fakePrinterForSuite();
  let printer: FakePrinter;
  beforeEach(() => {
    printer = fake();
  });

  const transport = (statusTimeoutMs = 300) =>
    createTransport({ type: 'network', host: printer.host, port: printer.port }, { statusTimeoutMs });

  it('delivers the exact receipt bytes over TCP, one job per send', async () => {
    const bytes = renderReceipt(sampleReceipt(), { columns: 32, openDrawer: true });
    await transport().send(bytes);
    await transport().send(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a));
    const jobs = await printer.waitForJobs(2);
    expect(jobs).toHaveLength(2);
    expect(jobs[0]!.equals(Buffer.from(bytes))).toBe(true);
    expect([...jobs[1]!]).toEqual([0x1b, 0x40, 0x41, 0x0a]);
    const decoded = decodeEscPos(jobs[0]!, { columns: 32 });
    expect(decoded.lines.join('\n')).toContain('TOTAL                 Rp 205.500');
    expect(decoded.drawerPulses).toBe(1);
  });

  it('delivers a large job completely', async () => {
    const big = new Uint8Array(512 * 1024).map((_, i) => 0x20 + (i % 90));
    await transport().send(big);
    const [job] = await printer.waitForJobs(1);
    expect(job!.length).toBe(big.length);
    expect(job!.equals(Buffer.from(big))).toBe(true);
  });

  it('prints a job with its status checks before and after on one connection', async () => {
    const bytes = renderReceipt(sampleReceipt(), { columns: 32, openDrawer: true });
    const seen: unknown[] = [];
    const after = await transport().print!(bytes, (before) => {
      seen.push(before);
      return null;
    });
    const [job] = await printer.waitForJobs(1);
    expect(seen).toEqual([ONLINE]);
    expect(after).toEqual(ONLINE);
    expect(printer.connectionCount()).toBe(1);
    // A ready printer: n=1 before (nothing blocks), n=1 and n=4 (paper near its end?) after.
    expect(printer.statusQueries()).toEqual([1, 1, 4]);
    expect(job!.equals(Buffer.from(bytes))).toBe(true);
  });

  it('tells paper near its end after a job, and asks an offline printer why before refusing', async () => {
    await printer.setState('paperNearEnd');
    const after = await transport().print!(Uint8Array.of(0x41, 0x0a), () => null);
    expect(after).toEqual({ ...ONLINE, paperNearEnd: true });
    expect(printer.statusQueries()).toEqual([1, 1, 4]);
    await printer.waitForJobs(1);

    printer.clear();
    await printer.setState('coverOpen');
    const seen: unknown[] = [];
    const refused = transport().print!(Uint8Array.of(0x41, 0x0a), (before) => (seen.push(before), before?.coverOpen ? new Error('Tutup printer terbuka') : null));
    await expect(refused).rejects.toThrow('Tutup printer terbuka');
    expect(seen).toEqual([{ online: false, coverOpen: true, paperNearEnd: false, paperOut: false }]);
    expect(printer.statusQueries()).toEqual([1, 2, 4]);
  });

  it('sends nothing when the status before refuses the job', async () => {
    await printer.setState('paperOut');
    const job = transport().print!(Uint8Array.of(0x41, 0x0a), (before) => (before?.paperOut ? new Error('Kertas habis') : null));
    await expect(job).rejects.toThrow('Kertas habis');
    await printer.waitUntil(() => printer.openConnectionCount() === 0, 'the connection closing');
    expect(printer.allBytes().length).toBe(0);
    expect(printer.statusQueries()).toEqual([1, 2, 4]);
  });

  it('does the same in three steps for a transport without one connection', async () => {
    const calls: string[] = [];
    const threeSteps = {
      send: async () => void calls.push('send'),
      status: async () => (calls.push('status'), ONLINE),
    };
    expect(await printWithStatus(threeSteps, Uint8Array.of(0x41), () => null)).toEqual(ONLINE);
    expect(calls).toEqual(['status', 'send', 'status']);
    calls.length = 0;
    await expect(printWithStatus(threeSteps, Uint8Array.of(0x41), () => new Error('no'))).rejects.toThrow('no');
    expect(calls).toEqual(['status']);
  });

  for (const when of ['after the first status answer', 'when asked for the status after the data'] as const) {
    it(`fails, and does not hang, when the printer hangs up ${when}`, async () => {
      const server = net.createServer((socket) => {
        let sawData = false;
        socket.on('error', () => {});
        socket.on('data', (chunk: Buffer) => {
          if (chunk.includes(0x41)) sawData = true;
          const asked = chunk.includes(0x10);
          if (!asked) return;
          if (when === 'after the first status answer') {
            socket.write(Buffer.of(0x12), () => socket.destroy());
          } else if (sawData) socket.destroy();
          else socket.write(Buffer.of(0x12));
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const port = (server.address() as net.AddressInfo).port;
        const t = createTransport({ type: 'network', host: '127.0.0.1', port }, { statusTimeoutMs: 300 });
        await expect(settlesWithin(t.print!(Uint8Array.of(0x41, 0x0a), () => null), 5000, 'the print')).rejects.toThrow(/127\.0\.0\.1:\d+/);
      } finally {
        server.close();
      }
    });
  }

  it('reports an online printer', async () => {
    expect(await transport().status()).toEqual(ONLINE);
    expect(printer.statusQueries()).toEqual([1, 2, 4]);
    // status requests are not print jobs
    expect(printer.jobs()).toEqual([]);
    expect(printer.allBytes().length).toBe(0);
  });

  it('reports paper out (DLE EOT 4 = 0x72) and the printer offline', async () => {
    await printer.setState('paperOut');
    expect(await transport().status()).toEqual({ online: false, coverOpen: false, paperNearEnd: false, paperOut: true });
  });

  it('reports paper near end while still online', async () => {
    await printer.setState('paperNearEnd');
    expect(await transport().status()).toEqual({ ...ONLINE, paperNearEnd: true });
  });

  it('reports an open cover', async () => {
    await printer.setState('coverOpen');
    expect(await transport().status()).toEqual({ online: false, coverOpen: true, paperNearEnd: false, paperOut: false });
  });

  it('reports offline (DLE EOT 1 bit 3)', async () => {
    await printer.setState('offline');
    expect(await transport().status()).toEqual({ online: false, coverOpen: false, paperNearEnd: false, paperOut: false });
  });

  it('returns null within the timeout when the printer never answers', async () => {
    await printer.setState('silent');
    const status = transport(300).status();
    // The printer was asked, never answered, and the transport gave up and hung up.
    await printer.waitUntil(() => printer.statusQueries().length > 0, 'a status query');
    expect(await settlesWithin(status, 10_000, 'status() of a silent printer')).toBeNull();
    await printer.waitUntil(() => printer.openConnectionCount() === 0, 'the status connection closing');
    expect(printer.statusQueries()).toEqual([1]);
    // a silent printer still takes print data
    await transport().send(Uint8Array.of(0x41, 0x0a));
    const [job] = await printer.waitForJobs(1);
    expect([...job!]).toEqual([0x41, 0x0a]);
  });

  it('rejects quickly with a clear error when the connection is refused, and recovers', async () => {
    await printer.setState('refused');
    // With a connect timeout far beyond the bound, only the refusal itself can end the send in time.
    const patient = createTransport({ type: 'network', host: printer.host, port: printer.port }, { connectTimeoutMs: 120_000 });
    await expect(settlesWithin(patient.send(Uint8Array.of(0x41, 0x0a)), 10_000, 'send to a refusing printer')).rejects.toThrow(
      `Printer 127.0.0.1:${printer.port} menolak sambungan (apakah printer menyala dan port-nya benar?)`,
    );
    expect(await settlesWithin(patient.status(), 10_000, 'status of a refusing printer')).toBeNull();
    expect(printer.connectionCount()).toBe(0);

    await printer.setState('online');
    await transport().send(Uint8Array.of(0x42, 0x0a));
    const [job] = await printer.waitForJobs(1);
    expect([...job!]).toEqual([0x42, 0x0a]);
  });

  it('does not hang on a printer that keeps the connection open after the job', async () => {
    const received: Buffer[] = [];
    let ended!: () => void;
    const endedByTransport = new Promise<void>((r) => (ended = r));
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      socket.on('data', (d: Buffer) => received.push(d));
      socket.on('error', () => {});
      socket.on('end', () => ended());
      // never ends its side
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const t = createTransport({ type: 'network', host: '127.0.0.1', port }, { closeGraceMs: 200 });
      // The grace period is the only thing that can end this send: the printer never closes.
      await settlesWithin(t.send(Uint8Array.of(0x41, 0x42, 0x0a)), 10_000, 'send to a printer that never closes');
      await settlesWithin(endedByTransport, 10_000, 'the transport ending its side');
      expect([...Buffer.concat(received)]).toEqual([0x41, 0x42, 0x0a]);
    } finally {
      server.close();
    }
  });

  it('rejects when the printer stops taking data', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      sockets.push(socket);
      socket.pause(); // a jammed printer: accepts, never reads
      socket.on('error', () => {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const t = createTransport({ type: 'network', host: '127.0.0.1', port }, { writeTimeoutMs: 300 });
      await expect(t.send(new Uint8Array(64 * 1024 * 1024))).rejects.toThrow(`Printer 127.0.0.1:${port} berhenti menerima data`);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  it('the fake printer strips status requests from job data, even split across packets', async () => {
    const socket = net.connect(printer.port, printer.host);
    await new Promise((r) => socket.once('connect', r));
    socket.setNoDelay(true);
    const answers: number[] = [];
    const answered = new Promise((r) => socket.once('data', r));
    socket.on('data', (d: Buffer) => answers.push(...d));
    // The status request DLE EOT 1 is cut after its DLE: the second part goes only once the
    // printer has received the first, so the two cannot travel in one packet.
    socket.write(Buffer.of(0x41, 0x10));
    await printer.waitUntil(() => printer.packetCounts()[0] === 1, 'the first packet');
    socket.write(Buffer.of(0x04, 0x01, 0x42, 0x10, 0x10, 0x43));
    await settlesWithin(answered, 10_000, 'the status answer');
    socket.end();
    const [job] = await printer.waitForJobs(1);
    expect(printer.packetCounts()).toEqual([2]);
    expect([...job!]).toEqual([0x41, 0x42, 0x10, 0x10, 0x43]);
    expect(answers).toEqual([0x12]);
  });

  it('the fake printer finds a job by its bytes, finished before or after the wait, and says which it missed', async () => {
    await transport().send(Buffer.from('No: K1-1\n'));
    await printer.waitForJobs(1);
    expect((await printer.waitForJob((job) => job.includes('No: K1-1'), 'K1-1')).toString()).toBe('No: K1-1\n');
    const later = printer.waitForJob((job) => job.includes('No: K1-3'), 'the receipt K1-3', 5000);
    await transport().send(Buffer.from('No: K1-2\n'));
    await transport().send(Buffer.from('No: K1-3\n'));
    expect((await later).toString()).toBe('No: K1-3\n');
    await expect(printer.waitForJob((job) => job.includes('No: K1-4'), 'the receipt K1-4', 50)).rejects.toThrow(/the receipt K1-4 was not printed within 50 ms/);
  });
});

describe('decodeStatus (Epson DLE EOT bits)', () => {
  it('maps the bits', () => {
    expect(decodeStatus(0x12, 0x12, 0x12)).toEqual(ONLINE);
    expect(decodeStatus(0x1a, null, null)).toEqual({ ...ONLINE, online: false });
    expect(decodeStatus(0x12, 0x16, 0x12).coverOpen).toBe(true);
    expect(decodeStatus(0x12, 0x32, 0x12).paperOut).toBe(true);
    expect(decodeStatus(0x12, 0x12, 0x1e)).toEqual({ ...ONLINE, paperNearEnd: true });
    expect(decodeStatus(0x12, 0x12, 0x72)).toEqual({ ...ONLINE, paperOut: true });
  });
});

describe('file, none, serial and usb transports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-print-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('file: appends the bytes of every job to the named file in the printer-output folder', async () => {
    const path = join(dir, 'printer.bin');
    const t = createTransport({ type: 'file', name: 'printer.bin' }, { printerOutputDir: dir });
    const receipt = renderReceipt(sampleReceipt(), { columns: 48 });
    await t.send(receipt);
    await t.send(Uint8Array.of(0x0a));
    expect(readFileSync(path).equals(Buffer.concat([Buffer.from(receipt), Buffer.of(0x0a)]))).toBe(true);
    expect(await t.status()).toBeNull();
  });

  it('file: creates the printer-output folder, and a name that cannot be written rejects with a clear error', async () => {
    const folder = join(dir, 'printer-output');
    await createTransport({ type: 'file', name: 'new.bin' }, { printerOutputDir: folder }).send(Uint8Array.of(7));
    expect(readFileSync(join(folder, 'new.bin'))).toEqual(Buffer.of(7));
    mkdirSync(join(folder, 'is-a-folder'));
    const t = createTransport({ type: 'file', name: 'is-a-folder' }, { printerOutputDir: folder });
    await expect(t.send(Uint8Array.of(1))).rejects.toThrow(`Tidak dapat menulis ke berkas printer is-a-folder di folder ${folder}`);
  });

  it('file: a stored path instead of a name, or a symbolic link in the folder, is never written through', async () => {
    const outside = join(dir, 'outside.bin');
    writeFileSync(outside, 'keep');
    for (const name of [outside, '../outside.bin', 'a/b', '..']) {
      const t = createTransport({ type: 'file', name }, { printerOutputDir: join(dir, 'out2') });
      await expect(t.send(Uint8Array.of(1))).rejects.toThrow('hanya nama berkas di dalam folder printer-output yang diizinkan');
    }
    const folder = join(dir, 'out3');
    mkdirSync(folder);
    symlinkSync(outside, join(folder, 'link.bin'));
    await expect(createTransport({ type: 'file', name: 'link.bin' }, { printerOutputDir: folder }).send(Uint8Array.of(1))).rejects.toThrow(/Tidak dapat menulis ke berkas printer link\.bin/);
    expect(readFileSync(outside, 'utf8')).toBe('keep');
  });

  it('serial: a stored path that is not a serial device is refused before anything is opened', async () => {
    const t = createTransport({ type: 'serial', path: '/etc/hostname' });
    await expect(t.send(Uint8Array.of(1))).rejects.toThrow('bukan alamat port serial');
  });

  it('none: does nothing', async () => {
    const t = createTransport({ type: 'none' });
    await expect(t.send(Uint8Array.of(1, 2, 3))).resolves.toBeUndefined();
    expect(await t.status()).toBeNull();
  });

  it('serial: writes the bytes through serialport (mock binding)', async () => {
    const { SerialPortMock } = await import('serialport');
    const MockBinding = SerialPortMock.binding;
    MockBinding.createPort('/dev/ttyPRINTER', { echo: false, record: true });
    const written: Buffer[] = [];
    class RecordingPort extends SerialPortMock {
      override write(chunk: unknown, ...rest: unknown[]): boolean {
        written.push(Buffer.from(chunk as Buffer));
        return (super.write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }
    }
    const t = createTransport(
      { type: 'serial', path: '/dev/ttyPRINTER', baudRate: 19200 },
      { serialPort: RecordingPort as unknown as SerialPortConstructor, statusTimeoutMs: 100 },
    );
    const bytes = renderReceipt(sampleReceipt(), { columns: 32 });
    await t.send(bytes);
    expect(Buffer.concat(written).equals(Buffer.from(bytes))).toBe(true);
    // the mock printer never answers DLE EOT
    expect(await t.status()).toBeNull();
    MockBinding.reset();
  });

  it('serial: a missing port rejects with a clear error', async () => {
    const { SerialPortMock } = await import('serialport');
    const t = createTransport(
      { type: 'serial', path: '/dev/ttyNOPE' },
      { serialPort: SerialPortMock as unknown as SerialPortConstructor },
    );
    await expect(t.send(Uint8Array.of(1))).rejects.toThrow('Port serial /dev/ttyNOPE tidak dapat dibuka');
  });

  it('usb: an absent device rejects with a clear error and status is null', async () => {
    const t = createTransport({ type: 'usb', vendorId: 0x04b8, productId: 0xfeed });
    await expect(t.send(Uint8Array.of(1))).rejects.toThrow(/Printer USB/);
    expect(await t.status()).toBeNull();
  });
});
