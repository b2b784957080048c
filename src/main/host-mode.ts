/**
 * Host mode of the desktop app (issue 17): the same UI and API, from the same
 * process and database connection as the desktop window, served on the shop
 * LAN when the admin turns it on (Sistem → Jaringan kasir). Off by default:
 * until then nothing listens at all. Every caller over the LAN is a paired
 * device (src/main/core/devices.ts).
 */
import type { Server } from 'node:http';
import { createHttpServer } from './api/http';
import { interfaceAddresses, type InterfaceReader } from './api/hosts';
import type { ApiEnv } from './api/kit';
import { getRaw, setRaw } from './core/settings';
import { audit } from './core/audit';
import type { Actor } from './core/context';
import type { HostModeStatus } from '../shared/types-tills';

export const DEFAULT_HOST_PORT = 8080;
const KEY = 'hostMode';

interface Stored {
  enabled: boolean;
  port: number;
}

export interface HostModeOptions {
  staticDir?: string;
  /** Where to listen when on (all interfaces by default; tests use 127.0.0.1). */
  listenHost?: string;
  /** With pairing on, is a loopback caller the host's own till? (default true) */
  loopbackIsHost?: boolean;
  interfaces?: InterfaceReader;
}

export class HostMode {
  private server: Server | null = null;
  private port: number | null = null;
  private error: string | null = null;

  constructor(
    private readonly env: ApiEnv,
    private readonly options: HostModeOptions = {},
  ) {}

  private stored(): Stored {
    return getRaw<Stored>(this.env.ctx.db, KEY) ?? { enabled: false, port: DEFAULT_HOST_PORT };
  }

  /** Listen or stop as the setting says. */
  async apply(): Promise<HostModeStatus> {
    const want = this.stored();
    if (this.server && (!want.enabled || this.port !== want.port)) await this.stop();
    if (want.enabled && !this.server) {
      const server = createHttpServer(this.env, {
        staticDir: this.options.staticDir,
        pairing: true,
        loopbackIsHost: this.options.loopbackIsHost,
        interfaces: this.options.interfaces,
      });
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(want.port, this.options.listenHost ?? '0.0.0.0', () => resolve());
        });
        this.server = server;
        this.port = want.port;
        this.error = null;
      } catch (err) {
        this.error = err instanceof Error ? err.message : String(err);
      }
    }
    return this.status();
  }

  async configure(actor: Actor, input: Stored): Promise<HostModeStatus> {
    const { ctx } = this.env;
    ctx.db.transaction(() => {
      setRaw(ctx.db, KEY, input);
      audit(ctx, { userId: actor.userId, action: 'hostMode.configure', details: input });
    });
    return this.apply();
  }

  status(): HostModeStatus {
    const want = this.stored();
    const port = this.port ?? want.port;
    const addresses = interfaceAddresses(this.options.interfaces).filter((a) => !['127.0.0.1', '[::1]'].includes(a));
    return {
      available: true,
      enabled: want.enabled,
      port: want.port,
      listening: this.server !== null,
      urls: this.server ? addresses.map((a) => `http://${a}:${port}/`) : [],
      error: this.error,
    };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.port = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }
}
