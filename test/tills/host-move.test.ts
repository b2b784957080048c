/**
 * The host's new address (issue 17, DHCP): `GET /api/pairing.proof` over real HTTP. A paired till
 * checks the proof with the page's own HMAC (src/shared/sha256.ts, what the renderer runs) before
 * it hands its credential to the address a manager typed; a host that does not hold the till's
 * credential, or a relay that answers for another address, cannot produce it.
 */
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hex, moveProof, sha256, utf8 } from '../../src/shared/sha256';
import { seedShop, startLanServer, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;
let lan: Awaited<ReturnType<typeof startLanServer>>;
let lanUrl: string;
beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
  lan = await startLanServer(t.app);
  lanUrl = lan.url;
});
afterEach(async () => {
  await lan.close();
  await t.close();
});

async function pairedCredential(tillCode: string): Promise<string> {
  const res = await fetch(`${lanUrl}/api/pairing.request`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ deviceName: `PC ${tillCode}` }) });
  const { credential, code } = (await res.json()) as { credential: string; code: string };
  expect((await t.api('devices.approve', { code, tillCode }, s.manager)).status).toBe(200);
  return credential;
}

const NONCE = '0123456789abcdef0123456789abcdef';
const proofOf = (credential: string, host: string, nonce = NONCE) => moveProof(hex(sha256(utf8(credential))), host, nonce);
const ask = (nonce: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${lanUrl}/api/pairing.proof?nonce=${nonce}`, { method, headers });

describe('GET /api/pairing.proof', () => {
  it("answers a paired till's proof for the address it was asked at, readable from another origin", async () => {
    const k2 = await pairedCredential('K2');
    const res = await ask(NONCE, { Origin: 'http://192.168.1.7:8080' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { host: string; proofs: string[] };
    const host = new URL(lanUrl).host;
    expect(body.host).toBe(host);
    expect(body.proofs).toContain(proofOf(k2, host));
    // Bound to the address and the nonce: a proof for another address or nonce is not in it.
    expect(body.proofs).not.toContain(proofOf(k2, '127.0.0.1:1'));
    expect(body.proofs).not.toContain(proofOf(k2, host, 'ffffffffffffffffffffffffffffffff'));
    // Nothing in the answer is a credential or its stored hash.
    expect(JSON.stringify(body)).not.toContain(k2);
    expect(JSON.stringify(body)).not.toContain(hex(sha256(utf8(k2))));
  });

  it('holds no proof for a device that is pending or revoked, nor for a credential it never paired', async () => {
    const k2 = await pairedCredential('K2');
    const pending = await fetch(`${lanUrl}/api/pairing.request`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ deviceName: 'new PC' }) });
    const pendingCredential = ((await pending.json()) as { credential: string }).credential;
    const host = new URL(lanUrl).host;
    const proofs = async () => ((await (await ask(NONCE)).json()) as { proofs: string[] }).proofs;
    expect(await proofs()).toEqual([proofOf(k2, host)]);
    expect(await proofs()).not.toContain(proofOf(pendingCredential, host));
    expect(await proofs()).not.toContain(proofOf('never-paired-credential', host));
    const id = ((await t.api('devices.list', {}, s.manager)).body as { id: number; tillCode: string | null }[]).find((d) => d.tillCode === 'K2')!.id;
    expect((await t.api('devices.revoke', { id }, s.admin)).status).toBe(200);
    expect(await proofs()).toEqual([]);
  });

  it('refuses a bad nonce (400) and anything but GET, and changes nothing', async () => {
    await pairedCredential('K2');
    for (const nonce of ['', 'abc', NONCE.toUpperCase(), `${NONCE}00`, '%00'.repeat(16)]) {
      const res = await ask(nonce);
      expect(res.status, nonce).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    }
    expect((await ask(NONCE, {}, 'POST')).status).toBe(404);
  });
});
