/**
 * Printer transports: they move ESC/POS bytes to a printer and ask it for
 * its real-time status (DLE EOT n). Native modules (serialport, usb) are
 * imported lazily, so a missing or broken binary only fails that transport,
 * never the app's startup.
 */
import { constants as fsConstants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isPrinterFileName, isSerialDevicePath, PRINTER_OUTPUT_FOLDER, type PrinterStatus, type PrinterTransportConfig } from '../../shared/printer';

/**
 * A printer failure as the shop's staff read it: what happened and what to
 * check, in Bahasa Indonesia. A job's `last_error` stores the message and
 * the screens show it as is. The system's own error (English, with its
 * code) is the `cause`, for developers.
 */
export class PrinterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrinterError';
  }
}

/** `300` → `0,3 detik`, `3000` → `3 detik`. */
function seconds(ms: number): string {
  return `${String(Math.round(ms / 100) / 10).replace('.', ',')} detik`;
}

export interface PrinterTransport {
  /** Resolves when the bytes were handed to the printer; rejects with a PrinterError (Bahasa Indonesia). */
  send(bytes: Uint8Array): Promise<void>;
  /** Real-time status, or null when the printer cannot tell (unreachable, silent, no back channel). */
  status(): Promise<PrinterStatus | null>;
  /**
   * A job with its status checks on one connection (network): ask, send
   * unless `refuse(before)` returns an Error (then nothing is sent and it is
   * thrown), ask again and return that answer. `before` tells what would
   * block a job (offline, cover open, paper out): an online printer is not
   * asked for paper near its end before the job, only after it. Transports
   * without it do the same in three steps (`printWithStatus`).
   */
  print?(bytes: Uint8Array, refuse: (before: PrinterStatus | null) => Error | null): Promise<PrinterStatus | null>;
}

/** Ask, send unless refused, ask again: on one connection where the transport can (see `PrinterTransport.print`). */
export async function printWithStatus(
  transport: PrinterTransport,
  bytes: Uint8Array,
  refuse: (before: PrinterStatus | null) => Error | null,
): Promise<PrinterStatus | null> {
  if (transport.print) return transport.print(bytes, refuse);
  const refused = refuse(await transport.status());
  if (refused) throw refused;
  await transport.send(bytes);
  return transport.status();
}

/** Minimal shape of serialport's SerialPort class that the serial transport needs. */
export interface SerialPortLike {
  open(callback: (err: Error | null | undefined) => void): void;
  write(data: Buffer, callback?: (err: Error | null | undefined) => void): boolean;
  drain(callback: (err: Error | null | undefined) => void): void;
  close(callback?: (err: Error | null | undefined) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  readonly isOpen: boolean;
}
export type SerialPortConstructor = new (options: { path: string; baudRate: number; autoOpen: false }) => SerialPortLike;

export interface TransportOptions {
  /** Network: time to establish the TCP connection. Default 3000 ms. */
  connectTimeoutMs?: number;
  /** Time the printer may take to accept the data before we give up. Default 10000 ms. */
  writeTimeoutMs?: number;
  /** Time to wait for each status byte. Default 1500 ms. */
  statusTimeoutMs?: number;
  /** Network: after all bytes are out, how long to wait for the printer to close. Default 1000 ms. */
  closeGraceMs?: number;
  /** Serial: use this class instead of importing `serialport` (tests, mocks). */
  serialPort?: SerialPortConstructor;
  /** File: the one folder a file printer may write into (see printerOutputDir). */
  printerOutputDir?: string;
  /** Network: the local address to connect from (a till agent on a PC with several addresses). */
  localAddress?: string;
}

/**
 * The printer-output folder of a database: `printer-output` next to the
 * database file, i.e. under the app's data folder (a temp folder for an
 * in-memory database).
 */
export function printerOutputDir(dbPath: string): string {
  if (dbPath === '' || dbPath === ':memory:') return join(tmpdir(), 'kasir-plut', PRINTER_OUTPUT_FOLDER);
  return join(dirname(resolve(dbPath)), PRINTER_OUTPUT_FOLDER);
}

const DEFAULTS = {
  connectTimeoutMs: 3000,
  writeTimeoutMs: 10_000,
  statusTimeoutMs: 1500,
  closeGraceMs: 1000,
  printerOutputDir: printerOutputDir(''),
};
type Resolved = typeof DEFAULTS & { serialPort?: SerialPortConstructor; localAddress?: string };

/** A transport that refuses to send: a stored setting the current rules no longer allow. */
function refusedTransport(message: string): PrinterTransport {
  return {
    send: async () => {
      throw new PrinterError(message);
    },
    status: async () => null,
  };
}

export function createTransport(config: PrinterTransportConfig, options: TransportOptions = {}): PrinterTransport {
  const o: Resolved = { ...DEFAULTS, ...stripUndefined(options) };
  switch (config.type) {
    case 'network':
      return networkTransport(config.host, config.port, o);
    case 'serial':
      // Checked here as well as in printers.set: a setting stored before the rule may hold any path.
      if (!isSerialDevicePath(config.path)) {
        return refusedTransport(`Printer serial ${config.path}: bukan alamat port serial; admin perlu mengatur printer lagi (mis. COM3, /dev/ttyUSB0)`);
      }
      return serialTransport(config.path, config.baudRate ?? 9600, o);
    case 'usb':
      return usbTransport(config.vendorId, config.productId, o);
    case 'file': {
      const name = (config as { name?: unknown }).name;
      if (typeof name !== 'string' || !isPrinterFileName(name)) {
        return refusedTransport(`Printer berkas "${String(name)}": hanya nama berkas di dalam folder ${PRINTER_OUTPUT_FOLDER} yang diizinkan; admin perlu mengatur printer lagi`);
      }
      return fileTransport(o.printerOutputDir, name);
    }
    case 'none':
      return { send: async () => {}, status: async () => null };
    default: {
      const unknown: never = config;
      throw new PrinterError('Jenis printer dalam pengaturan tidak dikenal; admin perlu mengatur printer lagi', {
        cause: new Error(`Unknown printer transport: ${JSON.stringify(unknown)}`),
      });
    }
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------------------
// Status (DLE EOT n), per the Epson ESC/POS reference

export const DLE_EOT = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);

/** A DLE EOT answer always has bit 1 and bit 4 set and bits 0 and 7 clear. */
export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/**
 * n=1 printer status: bit 3 = offline.
 * n=2 offline cause: bit 2 = cover open, bit 5 = printing stopped by paper end.
 * n=4 paper roll sensor: bits 2–3 = paper near end, bits 5–6 = paper end.
 * A missing answer counts as "no such condition".
 */
export function decodeStatus(printer: number, offlineCause: number | null, paperSensor: number | null): PrinterStatus {
  const cause = offlineCause ?? 0;
  const paper = paperSensor ?? 0;
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (cause & 0x04) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    paperOut: (paper & 0x60) !== 0 || (cause & 0x20) !== 0,
  };
}

/** Collects incoming bytes and hands them out one by one, with a timeout. */
class ByteReader {
  private queue: number[] = [];
  private waiter: ((byte: number | null) => void) | null = null;
  private closed = false;

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.queue.push(b);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    if (!this.waiter) return;
    if (this.queue.length > 0) {
      const w = this.waiter;
      this.waiter = null;
      w(this.queue.shift()!);
    } else if (this.closed) {
      const w = this.waiter;
      this.waiter = null;
      w(null);
    }
  }

  /** The next byte that looks like a DLE EOT answer; null on silence or close. */
  async nextStatusByte(timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return null;
      const byte = await this.next(remaining);
      if (byte === null) return null;
      if (isStatusByte(byte)) return byte;
      // Anything else (automatic status back, stray data) is skipped.
    }
  }

  private next(timeoutMs: number): Promise<number | null> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift()!);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = (byte) => {
        clearTimeout(timer);
        resolve(byte);
      };
    });
  }
}

/**
 * Ask DLE EOT 1, 2 and 4 in turn (the first after `before` when given: a
 * job's bytes, in the same write); null when the printer does not answer the
 * first. One question at a time: asked all at once, a printer's three
 * one-byte answers met Nagle's algorithm on its side and the delayed ACK on
 * ours, and a receipt took ~40 ms longer per round (measured on the fake
 * printer, docs/performance.md).
 *
 * `only` asks less where the answer to n=1 already settles it (a print job's
 * checks, issue 16): a printer with its cover open or out of paper is offline
 * (n=1 bit 3, per the ESC/POS reference), so only an offline printer is asked
 * why (n=2, n=4). `'blocking'` (before a job: may it print?) stops at an
 * online printer; `'paper'` (after a job) still asks n=4 of an online one,
 * for paper near its end. An answer that stops early counts the conditions
 * it did not ask about as absent.
 */
async function queryStatus(
  write: (bytes: Uint8Array) => Promise<void>,
  reader: ByteReader,
  timeoutMs: number,
  before?: Uint8Array,
  only: 'all' | 'blocking' | 'paper' = 'all',
): Promise<PrinterStatus | null> {
  const ask = async (n: 1 | 2 | 4, prefix?: Uint8Array): Promise<number | null> => {
    await write(prefix ? concatBytes(prefix, DLE_EOT(n)) : DLE_EOT(n));
    return reader.nextStatusByte(timeoutMs);
  };
  const printer = await ask(1, before);
  if (printer === null) return null;
  const offline = (printer & 0x08) !== 0;
  if (!offline && only === 'blocking') return decodeStatus(printer, null, null);
  const cause = offline || only === 'all' ? await ask(2) : null;
  const paper = await ask(4);
  return decodeStatus(printer, cause, paper);
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

// ---------------------------------------------------------------------------
// Network: raw TCP, usually port 9100

/** The printer (or the network) did not take the connection in time. */
const connectTimeoutText = (where: string, ms: number): string =>
  `Printer ${where} tidak menjawab dalam ${seconds(ms)} (apakah printer menyala, tersambung ke jaringan, dan alamat IP-nya benar?)`;
/** The printer closed or reset the connection while we talked. */
const droppedText = (where: string): string => `Printer ${where} memutus sambungan (periksa printer dan kabel jaringannya, lalu periksa hasil cetak)`;

/** A socket error in the shop's words; the system's error (its code, in English) is the cause. */
function networkError(where: string, err: NodeJS.ErrnoException): PrinterError {
  const code = err.code ?? '';
  let text: string;
  switch (code) {
    case 'ECONNREFUSED':
      text = `Printer ${where} menolak sambungan (apakah printer menyala dan port-nya benar?)`;
      break;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      text = `Printer ${where} tidak terjangkau di jaringan (apakah printer menyala, kabel jaringannya tersambung, dan alamat IP-nya benar?)`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      text = `Alamat printer ${where} tidak ditemukan (periksa penulisan alamat IP atau nama printer)`;
      break;
    case 'ETIMEDOUT':
      text = `Printer ${where} tidak menjawab (apakah printer menyala, tersambung ke jaringan, dan alamat IP-nya benar?)`;
      break;
    case 'ECONNRESET':
    case 'ECONNABORTED':
    case 'EPIPE':
      text = droppedText(where);
      break;
    case 'EADDRNOTAVAIL':
      text = `Komputer ini tidak dapat menyambung ke printer ${where}: alamat jaringannya tidak tersedia (periksa pengaturan jaringan komputer ini)`;
      break;
    default:
      text = `Sambungan ke printer ${where} gagal${code ? ` (kode ${code})` : ''}: periksa printer dan jaringannya`;
  }
  return new PrinterError(text, { cause: err });
}

function connectSocket(host: string, port: number, timeoutMs: number, localAddress?: string): Promise<net.Socket> {
  const where = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = new net.Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PrinterError(connectTimeoutText(where, timeoutMs), { cause: new Error(`Printer ${where} did not accept a connection within ${timeoutMs} ms`) }));
    }, timeoutMs);
    const onError = (err: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(networkError(where, err));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
    socket.connect(localAddress ? { host, port, localAddress } : { host, port });
  });
}

function networkTransport(host: string, port: number, o: Resolved): PrinterTransport {
  const where = `${host}:${port}`;
  /**
   * One connection: `talk` may write and read status bytes, then `last`
   * (if any) goes out with FIN and the promise settles once the printer has
   * closed (or after `closeGraceMs`, for one that keeps it open).
   */
  const session = async <T>(
    talk: (write: (data: Uint8Array) => Promise<void>, reader: ByteReader) => Promise<{ value: T; last?: Uint8Array }>,
    waitForClose = true,
  ): Promise<T> => {
    const socket = await connectSocket(host, port, o.connectTimeoutMs, o.localAddress);
    const reader = new ByteReader();
    let failure: PrinterError | null = null;
    let settle: ((err?: Error) => void) | null = null;
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('error', (err) => {
      failure ??= networkError(where, err);
      reader.close();
      settle?.(failure);
    });
    socket.on('close', () => reader.close());
    // No progress for writeTimeoutMs while bytes are queued: the printer stopped taking data.
    socket.setTimeout(o.writeTimeoutMs, () => {
      if (socket.writableLength === 0) return;
      failure ??= new PrinterError(
        `Printer ${where} berhenti menerima data (tidak ada kemajuan selama ${seconds(o.writeTimeoutMs)}): periksa kertas, tutup, dan kabel printer, lalu periksa hasil cetak`,
        { cause: new Error(`Printer ${where} stopped taking data (no progress for ${o.writeTimeoutMs} ms)`) },
      );
      socket.destroy();
      settle?.(failure);
    });
    const write = (data: Uint8Array): Promise<void> =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        if (socket.destroyed) return reject(new PrinterError(droppedText(where)));
        socket.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (err) => (err ? reject(failure ?? networkError(where, err)) : resolve()));
      });
    let result: { value: T; last?: Uint8Array };
    try {
      result = await talk(write, reader);
      if (failure) throw failure;
      // Closed by the printer while we talked (no 'close' is coming any more to wait for).
      if (socket.destroyed && (waitForClose || result.last)) throw new PrinterError(droppedText(where));
    } catch (err) {
      socket.destroy();
      throw err;
    }
    if (!waitForClose) {
      // A status question: nothing to wait for once it is answered.
      socket.setTimeout(0);
      socket.end();
      setTimeout(() => socket.destroy(), 200).unref();
      return result.value;
    }
    await new Promise<void>((resolve, reject) => {
      let grace: NodeJS.Timeout | undefined;
      settle = (err) => {
        settle = () => {};
        if (grace) clearTimeout(grace);
        socket.setTimeout(0);
        if (err) {
          socket.destroy();
          reject(err);
        } else resolve();
      };
      socket.once('finish', () => {
        // Everything is out and FIN is sent; most printers close now. If one
        // keeps the connection open, do not wait for it forever.
        grace = setTimeout(() => {
          settle?.();
          socket.destroy();
        }, o.closeGraceMs);
      });
      socket.once('close', (hadError) => {
        if (!hadError) settle?.();
      });
      if (failure) settle(failure);
      else if (result.last) socket.end(Buffer.from(result.last.buffer, result.last.byteOffset, result.last.byteLength));
      else socket.end();
    });
    return result.value;
  };

  return {
    send: (bytes) => session(async () => ({ value: undefined, last: bytes })),

    async status() {
      try {
        return await session(async (write, reader) => ({ value: await queryStatus(write, reader, o.statusTimeoutMs).catch(() => null) }), false);
      } catch {
        return null;
      }
    },

    print: (bytes, refuse) =>
      session(async (write, reader) => {
        // Three questions for a job on a ready printer (n=1 before; n=1 and n=4 after), six for one that is not.
        const before = await queryStatus(write, reader, o.statusTimeoutMs, undefined, 'blocking').catch(() => null);
        const refused = refuse(before);
        if (refused) throw refused;
        // The job goes out with the first question after it (a failed write fails the job).
        return { value: await queryStatus(write, reader, o.statusTimeoutMs, bytes, 'paper') };
      }),
  };
}

// ---------------------------------------------------------------------------
// Serial (serialport 13, imported lazily)

async function loadSerialPort(o: Resolved): Promise<SerialPortConstructor> {
  if (o.serialPort) return o.serialPort;
  try {
    const mod = await import('serialport');
    return mod.SerialPort as unknown as SerialPortConstructor;
  } catch (err) {
    throw new PrinterError('Printer serial tidak dapat dipakai di komputer ini: komponen serial aplikasi tidak dapat dimuat (hubungi teknisi)', {
      cause: err,
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PrinterError(message)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function serialTransport(path: string, baudRate: number, o: Resolved): PrinterTransport {
  const openFailed = `Port serial ${path} tidak dapat dibuka (apakah kabel printer tersambung, port-nya benar, dan tidak dipakai aplikasi lain?)`;
  const writeFailed = `Gagal mengirim data ke printer serial ${path} (periksa kabel, kertas, dan printernya)`;
  const cb =
    (resolve: () => void, reject: (e: Error) => void, text: string) =>
    (err: Error | null | undefined): void =>
      err ? reject(new PrinterError(text, { cause: err })) : resolve();

  const openPort = async (): Promise<SerialPortLike> => {
    const SerialPort = await loadSerialPort(o);
    let port: SerialPortLike;
    try {
      port = new SerialPort({ path, baudRate, autoOpen: false });
    } catch (err) {
      throw new PrinterError(openFailed, { cause: err });
    }
    port.on('error', () => {}); // errors are reported through the callbacks
    await withTimeout(
      new Promise<void>((resolve, reject) => port.open(cb(resolve, reject, openFailed))),
      o.connectTimeoutMs,
      `Port serial ${path} tidak terbuka dalam ${seconds(o.connectTimeoutMs)} (periksa kabel dan printernya)`,
    );
    return port;
  };
  const closePort = (port: SerialPortLike): Promise<void> =>
    new Promise<void>((resolve) => {
      if (!port.isOpen) return resolve();
      port.close(() => resolve());
    });
  const write = (port: SerialPortLike, data: Uint8Array): Promise<void> =>
    withTimeout(
      new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(data), (err) => {
          if (err) return cb(resolve, reject, writeFailed)(err);
          port.drain(cb(resolve, reject, writeFailed));
        });
      }),
      o.writeTimeoutMs,
      `Printer serial ${path} tidak menerima data dalam ${seconds(o.writeTimeoutMs)} (periksa kertas, tutup, dan kabel printer, lalu periksa hasil cetak)`,
    );

  return {
    async send(bytes) {
      const port = await openPort();
      try {
        await write(port, bytes);
      } finally {
        await closePort(port);
      }
    },
    async status() {
      let port: SerialPortLike;
      try {
        port = await openPort();
      } catch {
        return null;
      }
      const reader = new ByteReader();
      port.on('data', (chunk) => reader.push(chunk));
      try {
        return await queryStatus((d) => write(port, d), reader, o.statusTimeoutMs);
      } catch {
        return null;
      } finally {
        reader.close();
        await closePort(port);
      }
    },
  };
}

// ---------------------------------------------------------------------------
// USB (usb 2.x legacy API, imported lazily)

type UsbModule = typeof import('usb');
type UsbDevice = import('usb').usb.Device;
type UsbInterface = import('usb').Interface;
type UsbInEndpoint = import('usb').InEndpoint;
type UsbOutEndpoint = import('usb').OutEndpoint;

const LIBUSB_TRANSFER_TYPE_BULK = 2;

async function loadUsb(): Promise<UsbModule> {
  try {
    const mod = (await import('usb')) as UsbModule & { default?: UsbModule };
    return typeof mod.findByIds === 'function' ? mod : (mod.default ?? mod);
  } catch (err) {
    throw new PrinterError('Printer USB tidak dapat dipakai di komputer ini: komponen USB aplikasi tidak dapat dimuat (hubungi teknisi)', {
      cause: err,
    });
  }
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

interface UsbSession {
  device: UsbDevice;
  iface: UsbInterface;
  out: UsbOutEndpoint;
  in: UsbInEndpoint | undefined;
}

async function openUsb(vendorId: number, productId: number): Promise<UsbSession> {
  const usb = await loadUsb();
  const id = `${hex4(vendorId)}:${hex4(productId)}`;
  const device = usb.findByIds(vendorId, productId);
  if (!device) throw new PrinterError(`Printer USB ${id} tidak ditemukan (apakah kabelnya tersambung dan printernya menyala?)`);
  try {
    device.open();
  } catch (err) {
    throw new PrinterError(`Printer USB ${id} tidak dapat dibuka (izin akses USB atau driver di komputer ini; hubungi teknisi)`, {
      cause: err,
    });
  }
  try {
    const isBulkOut = (e: { direction: string; transferType: number }): boolean =>
      e.direction === 'out' && e.transferType === LIBUSB_TRANSFER_TYPE_BULK;
    const iface = (device.interfaces ?? []).find((i) => i.endpoints.some(isBulkOut));
    if (!iface) throw new PrinterError(`Perangkat USB ${id} tidak dikenali sebagai printer struk (periksa ID USB printer di pengaturan)`);
    if (process.platform === 'linux') {
      try {
        if (iface.isKernelDriverActive()) iface.detachKernelDriver(); // usblp
      } catch {
        // not fatal: claim() below reports the real problem
      }
    }
    iface.claim();
    const out = iface.endpoints.find(isBulkOut) as UsbOutEndpoint;
    const inEndpoint = iface.endpoints.find(
      (e) => e.direction === 'in' && e.transferType === LIBUSB_TRANSFER_TYPE_BULK,
    ) as UsbInEndpoint | undefined;
    return { device, iface, out, in: inEndpoint };
  } catch (err) {
    device.close();
    throw err instanceof PrinterError
      ? err
      : new PrinterError(`Printer USB ${id} tidak dapat dipakai (mungkin sedang dipakai aplikasi lain; cabut lalu pasang lagi kabelnya dan coba lagi)`, { cause: err });
  }
}

async function closeUsb(s: UsbSession): Promise<void> {
  try {
    await s.iface.releaseAsync();
  } catch {
    // ignore
  }
  try {
    s.device.close();
  } catch {
    // ignore
  }
}

function usbTransport(vendorId: number, productId: number, o: Resolved): PrinterTransport {
  const id = `${hex4(vendorId)}:${hex4(productId)}`;
  return {
    async send(bytes) {
      const s = await openUsb(vendorId, productId);
      try {
        s.out.timeout = o.writeTimeoutMs;
        await s.out.transferAsync(Buffer.from(bytes));
      } catch (err) {
        throw new PrinterError(`Gagal mengirim data ke printer USB ${id} (periksa kabel, kertas, dan printernya)`, { cause: err });
      } finally {
        await closeUsb(s);
      }
    },
    async status() {
      let s: UsbSession;
      try {
        s = await openUsb(vendorId, productId);
      } catch {
        return null;
      }
      try {
        const input = s.in;
        if (!input) return null;
        input.timeout = o.statusTimeoutMs;
        const reader = new ByteReader();
        const write = async (d: Uint8Array): Promise<void> => {
          await s.out.transferAsync(Buffer.from(d));
          try {
            const data = await input.transferAsync(64);
            if (data) reader.push(data);
          } catch {
            // timeout: the reader reports silence
          }
        };
        return await queryStatus(write, reader, o.statusTimeoutMs);
      } catch {
        return null;
      } finally {
        await closeUsb(s);
      }
    },
  };
}

// ---------------------------------------------------------------------------
// File: append to a named file inside the printer-output folder (a spool
// file for testing or for a print service to pick up). The name was
// checked (no separators, no `..`); the final component is opened without
// following a symbolic link, so nothing planted in the folder can redirect
// the bytes elsewhere.

function fileTransport(folder: string, name: string): PrinterTransport {
  const path = join(folder, name);
  return {
    async send(bytes) {
      try {
        await mkdir(folder, { recursive: true });
        const flags = fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | (fsConstants.O_NOFOLLOW ?? 0);
        const file = await open(path, flags, 0o600);
        try {
          await file.write(bytes);
        } finally {
          await file.close();
        }
      } catch (err) {
        throw new PrinterError(`Tidak dapat menulis ke berkas printer ${name} di folder ${folder} (periksa bahwa folder itu ada dan boleh ditulis)`, { cause: err });
      }
    },
    status: async () => null,
  };
}
