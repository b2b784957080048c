/**
 * Versions a desktop till and its host compare (issue 18). `APP_VERSION` is the
 * release (package.json's "version"; test/tills/version.test.ts keeps them equal).
 * `API_CONTRACT_VERSION` changes only when the HTTP API changes in a way an older
 * or newer desktop till cannot use (a procedure removed or renamed, an input or a
 * result reshaped): a desktop till sends it as `X-Kasir-Contract`, and a host of
 * another contract refuses it with `VERSION_MISMATCH`. Browser tills never send it:
 * they always run the host's own UI.
 */
export const APP_VERSION = '0.1.0';
export const API_CONTRACT_VERSION = 1;

/** Request header of a desktop till: the contract it speaks. */
export const CONTRACT_HEADER = 'X-Kasir-Contract';
/** Response header on every API answer: the host's app version (the contract is in `X-Kasir-Contract`). */
export const VERSION_HEADER = 'X-Kasir-Version';

export interface HostInfo {
  app: 'kasir-plut';
  appVersion: string;
  contractVersion: number;
}

export const hostInfo = (): HostInfo => ({ app: 'kasir-plut', appVersion: APP_VERSION, contractVersion: API_CONTRACT_VERSION });


export type VersionVerdict = 'same' | 'app-differs' | 'contract-differs';

export function compareWithHost(host: Pick<HostInfo, 'appVersion' | 'contractVersion'>, local = hostInfo()): VersionVerdict {
  if (host.contractVersion !== local.contractVersion) return 'contract-differs';
  return host.appVersion === local.appVersion ? 'same' : 'app-differs';
}

/** What the till's cashier reads, in Bahasa Indonesia (the till page translates it for English). */
export function versionMessage(host: Pick<HostInfo, 'appVersion' | 'contractVersion'>, local = hostInfo()): string | null {
  const verdict = compareWithHost(host, local);
  if (verdict === 'same') return null;
  const head = `Versi aplikasi di komputer ini ${local.appVersion}, komputer utama ${host.appVersion}`;
  return verdict === 'contract-differs'
    ? `${head} — perbarui aplikasi di komputer ini (atau di komputer utama) ke versi yang sama. Sampai itu, komputer ini tidak dapat dipakai untuk berjualan.`
    : `${head} — perbarui aplikasi di komputer ini ke versi yang sama dengan komputer utama. Penjualan tetap dapat dilakukan.`;
}
