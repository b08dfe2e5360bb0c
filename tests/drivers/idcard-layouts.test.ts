// The other text layouts the readers return, told apart by the card type mark at byte 248:
// 港澳台居民居住证 ('J'), 外国人永久居留身份证 2017 ('I') and 2023 ('Y'); an unknown mark is reported, never
// decoded as a resident card. Masking is the same for every kind.
import { describe, expect, it } from 'vitest';
import {
  cardTypeMark,
  CARD_TYPE_OFFSET,
  decodeCardText,
  decodeReadData,
  encodeCardText,
  encodeReadData,
  isValidCardNumber,
  UnknownCardLayoutError,
} from '../../drivers/idcard/sdt-codec.ts';
import { maskIdNumber, maskName } from '../../server/contract/privacy.ts';
import { FOREIGN_2017, FOREIGN_2023, HMT_CHEN, ZHANG_SAN } from './idcard-fixtures.ts';

describe('card layouts by type mark', () => {
  it('resident card: the reserved part carries a space at byte 248', () => {
    const text = encodeCardText(ZHANG_SAN);
    expect(text.length).toBe(256);
    expect(cardTypeMark(text)).toBe(0x20);
    expect(decodeCardText(text)).toEqual(ZHANG_SAN);
  });

  it('港澳台居民居住证 (J): name, birth, address, number in the resident places; 通行证号码 not kept', () => {
    const text = encodeCardText(HMT_CHEN);
    expect(text.length).toBe(256);
    expect(text.subarray(CARD_TYPE_OFFSET, CARD_TYPE_OFFSET + 2).toString('hex')).toBe('4a00'); // 'J' UCS-2LE
    const card = decodeCardText(text);
    expect(card).toEqual(HMT_CHEN);
    expect(isValidCardNumber(card)).toBe(true);
    expect(maskName(card.name)).toBe('陈*文');
    expect(maskIdNumber(card.idNumber)).toBe('8100**********1230');
  });

  it('外国人永久居留身份证 2017 (I): English name first (120 bytes), 15-character number, nationality code', () => {
    const text = encodeCardText(FOREIGN_2017);
    expect(text.length).toBe(256);
    // Byte-exact where the layout puts things: English name from 0, number from 122, Chinese name from 158.
    expect(text.subarray(0, 22).toString('utf16le')).toBe('SMITH, JOHN');
    expect(text.subarray(122, 152).toString('utf16le')).toBe('CAN110080070701');
    expect(text.subarray(152, 158).toString('utf16le')).toBe('CAN');
    expect(text.subarray(158, 164).toString('utf16le')).toBe('史密斯');
    expect(text.subarray(CARD_TYPE_OFFSET, CARD_TYPE_OFFSET + 2).toString('hex')).toBe('4900'); // 'I'
    const card = decodeCardText(text);
    expect(card).toEqual(FOREIGN_2017);
    expect(isValidCardNumber(card)).toBe(true);
    expect(maskIdNumber(card.idNumber)).toBe('CAN1*******0701');
  });

  it('外国人永久居留身份证 2023 (Y): Chinese name first, 18-digit number, English name over two fields', () => {
    const text = encodeCardText(FOREIGN_2023);
    expect(text.length).toBe(256);
    expect(text.subarray(CARD_TYPE_OFFSET, CARD_TYPE_OFFSET + 2).toString('hex')).toBe('5900'); // 'Y'
    expect(text.subarray(122, 158).toString('utf16le')).toBe('933156198007070015');
    const card = decodeCardText(text);
    expect(card).toEqual(FOREIGN_2023);
    expect(card.englishName!.length).toBeGreaterThan(35); // the part beyond 35 characters came from bytes 226–247
    expect(isValidCardNumber(card)).toBe(true);
    expect(maskName(card.name)).toBe('玛*');
  });

  it('an unknown type mark is reported as an unknown layout, never decoded as a resident card', () => {
    const text = encodeCardText(ZHANG_SAN);
    text.writeUInt16LE(0x0051, CARD_TYPE_OFFSET); // 'Q'
    expect(() => decodeCardText(text)).toThrow(UnknownCardLayoutError);
    expect(() => decodeCardText(text)).toThrow(/无法识别的证件类型（类型标识 0x0051）/);
    const read = encodeReadData(ZHANG_SAN);
    read.writeUInt16LE(0x4e2d, 4 + CARD_TYPE_OFFSET); // a Chinese character where the mark belongs
    expect(() => decodeReadData(read)).toThrow(UnknownCardLayoutError);
  });

  it('a 2017 permit number that does not fit its form is refused like a bad ID number', () => {
    expect(isValidCardNumber({ ...FOREIGN_2017, idNumber: 'CA1100800707011' })).toBe(false);
    expect(isValidCardNumber({ ...HMT_CHEN, idNumber: '810000199001011231' })).toBe(false);
  });
});
