/** The LAN screen's pure parts: the admin's list as typed, and the addresses other tills can open. */

/** One name per line (or separated by commas/spaces); blanks dropped. The server validates and normalizes. */
export function parseHostNames(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `http://<address>:<port>/` for each address, as a second till would type it. */
export function tillUrls(addresses: string[], port: string): string[] {
  return addresses.map((a) => `http://${a}${port ? `:${port}` : ''}/`);
}
