/** A shop's static QRIS built by hand for tests, with a CRC computed here (not by the app). */

/** CRC-16/CCITT-FALSE, bit by bit (poly 0x1021, init 0xFFFF, no reflection, no xorout). */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export const tlv = (tag: string, value: string) => `${tag}${String(value.length).padStart(2, '0')}${value}`;

/** A static merchant-presented QRIS of the shop (point of initiation 11, no amount). */
export function staticQris(): string {
  const account = tlv('00', 'ID.CO.QRIS.WWW') + tlv('01', '936009990000000001') + tlv('02', 'ID1026000000001') + tlv('03', 'UMI');
  const body =
    tlv('00', '01') +
    tlv('01', '11') +
    tlv('26', account) +
    tlv('52', '5947') +
    tlv('53', '360') +
    tlv('58', 'ID') +
    tlv('59', 'PLUT SULTRA') +
    tlv('60', 'KENDARI') +
    tlv('61', '93117') +
    '6304';
  return body + crc16(body);
}
