/**
 * HTTP/1.1 over a bare TCP socket: the bytes go out exactly as given (no
 * client library to tidy them up), and the first response is read back.
 */
import { connect } from 'node:net';

export interface RawResponse {
  /** Status of the first response; null when the server closed without answering (or we gave up). */
  status: number | null;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  /** We stopped waiting (the request was incomplete, so the server was still waiting for it). */
  timedOut: boolean;
}

function parseHead(head: string): { status: number | null; headers: Record<string, string> } {
  const [statusLine, ...lines] = head.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const key = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return { status: m ? Number(m[1]) : null, headers };
}

/** Send `bytes` to 127.0.0.1:`port` and read the first response (framed by Content-Length, chunked end, or close). */
export function rawRequest(port: number, bytes: Buffer | string, options: { timeoutMs?: number; head?: boolean } = {}): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (timedOut = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = buf.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end === -1) {
        resolve({ status: null, headers: {}, body: '', timedOut });
        return;
      }
      const { status, headers } = parseHead(text.slice(0, end));
      resolve({ status, headers, body: buf.subarray(end + 4).toString('utf8'), timedOut });
    };
    const complete = (): boolean => {
      const text = buf.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end === -1) return false;
      const { status, headers } = parseHead(text.slice(0, end));
      if (status !== null && status >= 100 && status < 200) {
        // 100 Continue and friends: drop it and wait for the real answer.
        buf = buf.subarray(end + 4);
        return complete();
      }
      const bodyBytes = buf.length - (end + 4);
      if (options.head || status === 204 || status === 304) return true;
      if (headers['content-length'] !== undefined) return bodyBytes >= Number(headers['content-length']);
      if (/chunked/i.test(headers['transfer-encoding'] ?? '')) return text.endsWith('0\r\n\r\n');
      return false;
    };
    const timer = setTimeout(() => finish(true), options.timeoutMs ?? 5_000);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (complete()) finish();
    });
    socket.on('error', () => finish());
    socket.on('close', () => finish());
    socket.write(bytes);
  });
}
