/**
 * The till agent from a console (issue 18), for a till PC without the
 * desktop app's "till of a host" mode, and for tests:
 *
 *     npm run till-agent -- --host http://192.168.1.10:8080 --credential-file kredensial.txt --printer tcp://192.168.1.50:9100
 *
 * --printer: tcp://HOST:PORT | usb:VID:PID (hex, e.g. usb:04b8:0202) | serial:PATH[@BAUD] (serial:COM3, serial:/dev/ttyUSB0@19200)
 *   | host (the printer set for this till in Sistem → Printer on the host)
 * Optional: --poll-ms N, --status-ms N, --status-timeout-ms N, --local-address IP (connect to a
 * network printer from this address). One line per event on stdout; Ctrl+C (SIGINT) or SIGTERM stops it.
 */
import { readFileSync } from 'node:fs';
import { parsePrinter, startTillAgent } from './agent';

function main(argv: string[]): void {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i]!.startsWith('--') || argv[i + 1] === undefined) throw new Error(`unexpected argument ${argv[i]}`);
    args.set(argv[i]!.slice(2), argv[i + 1]!);
  }
  const need = (name: string): string => {
    const v = args.get(name);
    if (!v) throw new Error(`--${name} is required`);
    return v;
  };
  const num = (name: string): number | undefined => (args.has(name) ? Number(args.get(name)) : undefined);
  const credential = args.get('credential') ?? readFileSync(need('credential-file'), 'utf8').trim();
  const agent = startTillAgent({
    hostUrl: need('host'),
    credential,
    transport: need('printer') === 'host' ? 'host-setting' : parsePrinter(need('printer')),
    pollMs: num('poll-ms'),
    statusMs: num('status-ms'),
    transportOptions: { statusTimeoutMs: num('status-timeout-ms'), localAddress: args.get('local-address') },
    onEvent: (e) => console.log(JSON.stringify(e)),
  });
  console.log(JSON.stringify({ type: 'started', agentId: agent.status().agentId }));
  const stop = (): void => {
    void agent.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  main(process.argv.slice(2).filter((a) => a !== '--'));
} catch (err) {
  console.error(`till-agent: ${(err as Error).message}`);
  process.exit(2);
}
