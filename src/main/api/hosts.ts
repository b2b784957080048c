/**
 * Which names this machine answers to in the `Host` header (DNS rebinding
 * guard): the loopback names, the addresses of its own network interfaces
 * (read again when an unknown name arrives, at most once a second, so a new
 * DHCP address works without a restart), and the names the admin adds
 * (`lan.configure`).
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { hostOfHeader, normalizeHostName } from '../../shared/host-names';

export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

export type InterfaceReader = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

/** The machine's addresses as a browser would write them in a URL's host. */
export function interfaceAddresses(read: InterfaceReader = networkInterfaces): string[] {
  const out = new Set<string>();
  for (const list of Object.values(read())) {
    for (const info of list ?? []) {
      const name = normalizeHostName(info.address);
      if (name) out.add(name);
    }
  }
  return [...out];
}

export class ServedHosts {
  private addresses: Set<string>;
  private readAt: number;

  constructor(
    /** The admin's names (read on every check: a change applies to the next request). */
    private readonly extraNames: () => string[],
    private readonly readInterfaces: InterfaceReader = networkInterfaces,
    private readonly now: () => number = Date.now,
  ) {
    this.addresses = new Set(interfaceAddresses(readInterfaces));
    this.readAt = now();
  }

  private known(name: string): boolean {
    return (LOOPBACK_NAMES as readonly string[]).includes(name) || this.addresses.has(name) || this.extraNames().includes(name);
  }

  /** Is `header` (a request's `Host`) one of this machine's names? */
  allows(header: string | undefined): boolean {
    const name = hostOfHeader(header);
    if (!name) return false;
    if (this.known(name)) return true;
    if (this.now() - this.readAt >= 1_000) {
      this.addresses = new Set(interfaceAddresses(this.readInterfaces));
      this.readAt = this.now();
      return this.known(name);
    }
    return false;
  }

  /** Everything served right now, for the admin's screen and the start-up message. */
  list(): { loopback: string[]; addresses: string[]; names: string[] } {
    this.addresses = new Set(interfaceAddresses(this.readInterfaces));
    this.readAt = this.now();
    return {
      loopback: [...LOOPBACK_NAMES],
      addresses: [...this.addresses].filter((a) => !(LOOPBACK_NAMES as readonly string[]).includes(a)),
      names: this.extraNames(),
    };
  }
}
