/**
 * Host names as the `Host` header carries them (browser mode on the LAN):
 * lower case, no port, no trailing dot, IPv6 addresses in brackets in the
 * form browsers write them. Pure: the contract validates the admin's list
 * with it and the HTTP transport compares requests with it.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

function canonicalIpv6(address: string): string | null {
  if (!/^[0-9a-f:.]+$/.test(address) || !address.includes(':')) return null;
  try {
    const host = new URL(`http://[${address}]/`).hostname;
    return host.startsWith('[') ? host : null;
  } catch {
    return null;
  }
}

/**
 * `Kasir.LAN.` → `kasir.lan`, `[0:0::1]` → `[::1]`; `null` when `text` is
 * not a DNS name (letters, digits, `-`, dots), an IPv4 address or an IPv6
 * address. A port is not part of a name.
 */
export function normalizeHostName(text: string): string | null {
  let name = text.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (!name || name.length > 253) return null;
  if (name.startsWith('[') && name.endsWith(']')) return canonicalIpv6(name.slice(1, -1));
  const v6 = canonicalIpv6(name);
  if (v6) return v6;
  if (IPV4.test(name)) return name;
  // Other all-numeric names are IPv4 shorthands (127.1, 2130706433) that browsers rewrite: not names.
  if (/^[0-9.]+$/.test(name)) return null;
  return name.split('.').every((l) => LABEL.test(l)) ? name : null;
}

/**
 * The host name of a `Host` header value (`name`, `name:port`, `[v6]:port`),
 * normalized; `null` when the header is missing or malformed.
 */
export function hostOfHeader(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(header.trim());
  if (!m) return null;
  if (m[2] !== undefined && Number(m[2]) > 65535) return null;
  const bracketed = m[1].startsWith('[');
  const name = normalizeHostName(m[1]);
  // A bare IPv6 address cannot carry a port unbracketed: `::1` alone is fine, `::1:80` is ambiguous.
  if (!bracketed && name?.startsWith('[') && m[2] !== undefined) return null;
  return name;
}
