/**
 * QRIS: TLV parsing, CRC-16/CCITT-FALSE, merchant-presented checks and the
 * dynamic payload. Payloads are built by hand here, and every CRC is
 * checked against a bitwise reference written in this file (not the
 * table-driven one under test) and against literals computed outside
 * TypeScript (Python's binascii.crc_hqx with init 0xFFFF).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, crcHex, dynamicQris, parseQris, parseTlv, qrisProblem, serializeTlv } from '../../src/shared/qris';

/** Reference: CRC-16/CCITT-FALSE bit by bit, poly 0x1021, init 0xFFFF, MSB first, no xorout. */
function referenceCrc(text: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
      crc &= 0xffff;
    }
  }
  return crc;
}

/** One TLV field, by hand: two-digit tag, two-digit length, value. */
const tlv = (tag: string, value: string) => `${tag}${String(value.length).padStart(2, '0')}${value}`;
const withCrc = (body: string) => {
  const head = `${body}6304`;
  return head + referenceCrc(head).toString(16).toUpperCase().padStart(4, '0');
};

const QRIS_ACCOUNT = tlv('00', 'ID.CO.QRIS.WWW') + tlv('02', 'ID1026123456789') + tlv('03', 'UMI');
const OTHER_ACCOUNT = tlv('00', 'COM.EXAMPLE.WWW') + tlv('01', '936000140000012345') + tlv('02', 'ME12345') + tlv('03', 'UMI');

function staticBody(overrides: Record<string, string | null> = {}): string {
  const fields: [string, string][] = [
    ['00', '01'],
    ['01', '11'],
    ['26', OTHER_ACCOUNT],
    ['51', QRIS_ACCOUNT],
    ['52', '5947'],
    ['53', '360'],
    ['58', 'ID'],
    ['59', 'PLUT SULTRA'],
    ['60', 'KENDARI'],
    ['61', '93117'],
    ['62', tlv('07', 'K1')],
  ];
  return fields
    .map(([tag, value]) => (tag in overrides ? overrides[tag] : value))
    .map((value, i) => (value === null || value === undefined ? '' : tlv(fields[i]![0], value)))
    .join('');
}

/** Computed with Python: binascii.crc_hqx(body, 0xFFFF). */
const STATIC =
  '00020101021126590015COM.EXAMPLE.WWW01189360001400000123450207ME123450303UMI51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI5204594753033605802ID5911PLUT SULTRA6007KENDARI61059311762060702K1630415CA';
const DYNAMIC_150000 =
  '00020101021226590015COM.EXAMPLE.WWW01189360001400000123450207ME123450303UMI51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI52045947530336054061500005802ID5911PLUT SULTRA6007KENDARI61059311762060702K16304C3B0';

describe('CRC-16/CCITT-FALSE', () => {
  it('has the standard check value 0x29B1 for "123456789"', () => {
    expect(referenceCrc('123456789')).toBe(0x29b1);
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    expect(crc16CcittFalse('')).toBe(0xffff);
  });

  it('matches the bitwise reference on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(crc16CcittFalse(s)).toBe(referenceCrc(s));
      }),
      { numRuns: 300 },
    );
  });

  it('writes four uppercase hex digits, zero padded', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), (s) => {
        const hex = crcHex(s);
        expect(hex).toMatch(/^[0-9A-F]{4}$/);
        expect(parseInt(hex, 16)).toBe(referenceCrc(s));
      }),
    );
  });

  it('the hand-built payload carries the CRC computed outside TypeScript', () => {
    expect(withCrc(staticBody())).toBe(STATIC);
  });
});

describe('TLV', () => {
  it('splits a payload into its fields in order, nested templates as text', () => {
    const fields = parseTlv(STATIC);
    expect(fields.map((f) => f.tag)).toEqual(['00', '01', '26', '51', '52', '53', '58', '59', '60', '61', '62', '63']);
    expect(fields.find((f) => f.tag === '59')!.value).toBe('PLUT SULTRA');
    expect(parseTlv(fields.find((f) => f.tag === '51')!.value)).toEqual([
      { tag: '00', value: 'ID.CO.QRIS.WWW' },
      { tag: '02', value: 'ID1026123456789' },
      { tag: '03', value: 'UMI' },
    ]);
    expect(serializeTlv(fields)).toBe(STATIC);
  });

  it('does not mistake a value that looks like a tag for one', () => {
    // "5303360" inside a merchant name is data, not the currency field.
    const fields = parseTlv(tlv('59', '5303360 TOKO') + tlv('53', '360'));
    expect(fields).toEqual([
      { tag: '59', value: '5303360 TOKO' },
      { tag: '53', value: '360' },
    ]);
  });

  it('refuses truncated or malformed data', () => {
    expect(() => parseTlv('000201010')).toThrow();
    expect(() => parseTlv('0002')).toThrow();
    expect(() => parseTlv('00AB01')).toThrow();
    expect(() => parseTlv('0x0201')).toThrow();
    expect(() => parseTlv('590512')).toThrow();
  });

  it('round-trips any list of fields', () => {
    const field = fc.record({
      tag: fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')),
      value: fc.string({ unit: 'grapheme-ascii', maxLength: 99 }),
    });
    fc.assert(
      fc.property(fc.array(field, { maxLength: 12 }), (fields) => {
        expect(parseTlv(serializeTlv(fields))).toEqual(fields);
      }),
    );
  });
});

describe('merchant-presented QRIS', () => {
  it('accepts the shop static QRIS and reads its merchant', () => {
    const info = parseQris(STATIC);
    expect(info).toMatchObject({ pointOfInitiation: '11', merchantName: 'PLUT SULTRA', merchantCity: 'KENDARI', merchantId: 'ID1026123456789', amount: null });
    expect(qrisProblem(STATIC)).toBeNull();
    // Lowercase CRC hex is still the same CRC.
    expect(qrisProblem(STATIC.slice(0, -4) + STATIC.slice(-4).toLowerCase())).toBeNull();
  });

  it('refuses a wrong CRC', () => {
    const flipped = STATIC.slice(0, -4) + (STATIC.slice(-4) === '0000' ? '0001' : '0000');
    expect(qrisProblem(flipped)).toMatch(/CRC salah/);
    // A changed character in the body breaks the CRC too.
    expect(qrisProblem(STATIC.replace('KENDARI', 'KENDARO'))).toMatch(/CRC salah/);
  });

  it('refuses payloads that are not merchant-presented QRIS', () => {
    const cases: [string, RegExp][] = [
      [withCrc(staticBody({ '00': '02' })), /tag 00/],
      [withCrc(staticBody({ '51': null })), /ID\.CO\.QRIS\.WWW/],
      [withCrc(staticBody({ '53': '840' })), /360/],
      [withCrc(staticBody({ '58': 'SG' })), /58/],
      [withCrc(staticBody({ '59': null })), /59/],
      [withCrc(staticBody({ '60': null })), /60/],
      [withCrc(staticBody({ '01': '13' })), /01/],
      [withCrc(staticBody({ '51': 'ABC' })), /51/],
      [staticBody(), /63/],
      [withCrc(staticBody()) + tlv('64', 'X'), /63/],
      ['hello', /pendek/],
    ];
    for (const [payload, reason] of cases) expect(qrisProblem(payload), payload).toMatch(reason);
    // Tag 00 must also come first.
    const moved = withCrc(tlv('01', '11') + staticBody({ '01': null }));
    expect(qrisProblem(moved)).toMatch(/tag 00/);
  });
});

describe('dynamic QRIS for an amount', () => {
  it('sets 01 to 12, puts the amount in 54 after 53, keeps every other field, and recomputes 63', () => {
    const dynamic = dynamicQris(STATIC, 150_000);
    expect(dynamic).toBe(DYNAMIC_150000);
    const head = dynamic.slice(0, -4);
    expect(head.endsWith('6304')).toBe(true);
    expect(dynamic.slice(-4)).toBe(referenceCrc(head).toString(16).toUpperCase().padStart(4, '0'));
    const tags = parseTlv(dynamic).map((f) => f.tag);
    expect(tags).toEqual(['00', '01', '26', '51', '52', '53', '54', '58', '59', '60', '61', '62', '63']);
    expect(parseQris(dynamic)).toMatchObject({ pointOfInitiation: '12', amount: '150000' });
  });

  it('replaces an amount already there, and inserts 01 when the static payload has none', () => {
    const again = dynamicQris(DYNAMIC_150000, 25_500);
    expect(parseQris(again).amount).toBe('25500');
    expect(parseTlv(again).filter((f) => f.tag === '54')).toHaveLength(1);
    const noPoi = withCrc(staticBody({ '01': null }));
    const dyn = dynamicQris(noPoi, 1);
    expect(parseTlv(dyn).slice(0, 2)).toEqual([
      { tag: '00', value: '01' },
      { tag: '01', value: '12' },
    ]);
    expect(qrisProblem(dyn)).toBeNull();
  });

  it('gives a valid QRIS for any amount, with the amount as plain digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_999 }), (amount) => {
        const dyn = dynamicQris(STATIC, amount);
        expect(qrisProblem(dyn)).toBeNull();
        expect(parseQris(dyn).amount).toBe(String(amount));
        expect(parseInt(dyn.slice(-4), 16)).toBe(referenceCrc(dyn.slice(0, -4)));
      }),
    );
  });

  it('refuses amounts that are not whole positive rupiah and payloads that are not QRIS', () => {
    expect(() => dynamicQris(STATIC, 0)).toThrow();
    expect(() => dynamicQris(STATIC, 10.5)).toThrow();
    expect(() => dynamicQris(STATIC.slice(0, -1) + '0', 1000)).toThrow(/CRC/);
  });
});
