/**
 * The fake printer (fake-printer.ts) as a process of its own, so a test can
 * run it inside a network namespace where only the till agent reaches it
 * (test/tills/till-printer.test.ts):
 *
 *     ip netns exec NS node --import tsx test/support/fake-printer-process.ts
 *
 * Prints `{"port":N}` once listening on the namespace's 127.0.0.1. Then one
 * JSON command per stdin line, one JSON answer per stdout line:
 * `{"id":1,"cmd":"state","state":"paperOut"}`, `{"id":2,"cmd":"jobs"}` (the
 * finished jobs, base64), `{"id":3,"cmd":"connections"}`. It ends when stdin closes.
 */
import { createInterface } from 'node:readline';
import { startFakePrinter, type FakePrinterState } from './fake-printer';

const printer = await startFakePrinter();
console.log(JSON.stringify({ port: printer.port }));
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = JSON.parse(line) as { id: number; cmd: 'state' | 'jobs' | 'connections'; state?: FakePrinterState };
  const answer = async (): Promise<unknown> => {
    if (command.cmd === 'state') return printer.setState(command.state!).then(() => true);
    if (command.cmd === 'jobs') return printer.jobs().map((j) => j.toString('base64'));
    return printer.connectionCount();
  };
  void answer().then((result) => console.log(JSON.stringify({ id: command.id, result })));
});
lines.on('close', () => void printer.close().then(() => process.exit(0)));
