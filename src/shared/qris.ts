/**
 * QRIS (Indonesia's EMV merchant-presented QR): parse the tag-length-value
 * fields, check the CRC, and make the dynamic payload for an amount. Pure
 * and platform neutral, so the till screen can use it as well.
 *
 * Format (EMV QRCPS-MPM): a sequence of fields `TT LL V…`, tag two digits,
 * length two digits (number of characters of the value), then the value.
 * Tags 26–51 (merchant account information) and 62 (additional data) hold
 * nested fields of the same format. Tag 63 is last: the CRC-16/CCITT-FALSE
 * of everything before its value (including "6304"), four uppercase hex.
 */

export interface TlvField {
  tag: string;
  value: string;
}

export class QrisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QrisError';
  }
}

/** Split a TLV string into its fields, in order. Throws QrisError when it is not well formed. */
export function parseTlv(text: string): TlvField[] {
  const chars = Array.from(text);
  const fields: TlvField[] = [];
  let i = 0;
  while (i < chars.length) {
    if (i + 4 > chars.length) throw new QrisError(`Data terpotong di posisi ${i}.`);
    const tag = chars.slice(i, i + 2).join('');
    const len = chars.slice(i + 2, i + 4).join('');
    if (!/^\d\d$/.test(tag)) throw new QrisError(`Tag tidak valid "${tag}" di posisi ${i}.`);
    if (!/^\d\d$/.test(len)) throw new QrisError(`Panjang tidak valid untuk tag ${tag}.`);
    const n = Number(len);
    if (i + 4 + n > chars.length) throw new QrisError(`Nilai tag ${tag} terpotong.`);
    fields.push({ tag, value: chars.slice(i + 4, i + 4 + n).join('') });
    i += 4 + n;
  }
  return fields;
}

/** Fields back to text. Throws when a value is longer than 99 characters or a tag is not two digits. */
export function serializeTlv(fields: readonly TlvField[]): string {
  return fields
    .map(({ tag, value }) => {
      if (!/^\d\d$/.test(tag)) throw new QrisError(`Tag tidak valid "${tag}".`);
      const n = Array.from(value).length;
      if (n > 99) throw new QrisError(`Nilai tag ${tag} lebih dari 99 karakter.`);
      return `${tag}${String(n).padStart(2, '0')}${value}`;
    })
    .join('');
}

const CRC_TABLE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    table[n] = c;
  }
  return table;
})();

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0) of the UTF-8 bytes of `text`. */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = ((crc << 8) & 0xffff) ^ CRC_TABLE[((crc >> 8) ^ byte) & 0xff]!;
  }
  return crc;
}

/** The four uppercase hex digits of tag 63 for a payload whose text ends with "6304". */
export function crcHex(textThrough6304: string): string {
  return crc16CcittFalse(textThrough6304).toString(16).toUpperCase().padStart(4, '0');
}

export interface QrisInfo {
  fields: TlvField[];
  /** `11` static, `12` dynamic (null when absent). */
  pointOfInitiation: string | null;
  merchantName: string;
  merchantCity: string;
  /** The NMID / merchant ID of the QRIS account template when present. */
  merchantId: string | null;
  /** Tag 54, when the payload carries an amount. */
  amount: string | null;
}

const QRIS_GUID = 'ID.CO.QRIS.WWW';

function isMerchantAccountTag(tag: string): boolean {
  const n = Number(tag);
  return n >= 26 && n <= 51;
}

/**
 * Parse and check a merchant-presented QRIS: well-formed TLV, tag 00 = "01"
 * first, tag 63 last with the right CRC, a merchant account template (26–51)
 * whose globally unique identifier is ID.CO.QRIS.WWW, MCC (52), currency
 * 360 (53), country ID (58), merchant name (59) and city (60).
 * Throws QrisError with the reason.
 */
export function parseQris(payload: string): QrisInfo {
  const text = payload.trim();
  if (text.length < 8) throw new QrisError('Data QRIS terlalu pendek.');
  const fields = parseTlv(text);
  const last = fields[fields.length - 1]!;
  if (last.tag !== '63' || Array.from(last.value).length !== 4) {
    throw new QrisError('Tag 63 (CRC) harus ada di akhir dengan 4 karakter.');
  }
  if (fields.filter((f) => f.tag === '63').length !== 1) throw new QrisError('Tag 63 (CRC) muncul lebih dari sekali.');
  const body = text.slice(0, text.length - 4);
  if (!body.endsWith('6304')) throw new QrisError('Tag 63 (CRC) harus ada di akhir dengan 4 karakter.');
  const expected = crcHex(body);
  if (last.value.toUpperCase() !== expected) throw new QrisError(`CRC salah: tertulis ${last.value}, seharusnya ${expected}.`);

  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.tag)) throw new QrisError(`Tag ${f.tag} muncul lebih dari sekali.`);
    seen.add(f.tag);
  }
  const get = (tag: string) => fields.find((f) => f.tag === tag)?.value ?? null;
  if (fields[0]!.tag !== '00' || fields[0]!.value !== '01') {
    throw new QrisError('Bukan QRIS merchant-presented: tag 00 harus "01" di awal.');
  }
  const poi = get('01');
  if (poi !== null && poi !== '11' && poi !== '12') throw new QrisError('Tag 01 (point of initiation) harus "11" atau "12".');

  let merchantId: string | null = null;
  let hasQris = false;
  for (const f of fields.filter((x) => isMerchantAccountTag(x.tag))) {
    let sub: TlvField[];
    try {
      sub = parseTlv(f.value);
    } catch (err) {
      throw new QrisError(`Tag ${f.tag} (merchant account) rusak: ${(err as Error).message}`);
    }
    const guid = sub.find((x) => x.tag === '00')?.value ?? '';
    if (guid.toUpperCase() === QRIS_GUID) {
      hasQris = true;
      merchantId = sub.find((x) => x.tag === '02')?.value ?? null;
    }
  }
  if (!hasQris) throw new QrisError('Tidak ada data akun merchant QRIS (tag 26–51 dengan ID.CO.QRIS.WWW).');
  if (!get('52')) throw new QrisError('Tag 52 (kategori merchant) wajib ada.');
  if (get('53') !== '360') throw new QrisError('Tag 53 (mata uang) harus 360 (rupiah).');
  if (get('58') !== 'ID') throw new QrisError('Tag 58 (negara) harus "ID".');
  const merchantName = get('59');
  const merchantCity = get('60');
  if (!merchantName) throw new QrisError('Tag 59 (nama merchant) wajib ada.');
  if (!merchantCity) throw new QrisError('Tag 60 (kota merchant) wajib ada.');
  return { fields, pointOfInitiation: poi, merchantName, merchantCity, merchantId, amount: get('54') };
}

/** The reason a payload is not an acceptable QRIS, or null when it is. */
export function qrisProblem(payload: string): string | null {
  try {
    parseQris(payload);
    return null;
  } catch (err) {
    if (err instanceof QrisError) return err.message;
    throw err;
  }
}

/** Replace a field's value in place, or insert it before the first field with a higher tag. */
function upsert(fields: TlvField[], tag: string, value: string): TlvField[] {
  const out = fields.slice();
  const at = out.findIndex((f) => f.tag === tag);
  if (at >= 0) {
    out[at] = { tag, value };
    return out;
  }
  const before = out.findIndex((f) => Number(f.tag) > Number(tag));
  out.splice(before < 0 ? out.length : before, 0, { tag, value });
  return out;
}

/**
 * The dynamic QRIS for an amount: point of initiation 01 = "12", the amount
 * (whole rupiah, digits only) in tag 54 after 53, every other field kept in
 * its place, and a new CRC in tag 63.
 */
export function dynamicQris(staticPayload: string, amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 1) throw new QrisError('Jumlah QRIS harus rupiah bulat lebih dari 0.');
  const digits = String(amount);
  if (digits.length > 13) throw new QrisError('Jumlah QRIS terlalu besar.');
  const { fields } = parseQris(staticPayload);
  let next = fields.filter((f) => f.tag !== '63');
  next = upsert(next, '01', '12');
  next = upsert(next, '54', digits);
  const body = serializeTlv(next) + '6304';
  return body + crcHex(body);
}
