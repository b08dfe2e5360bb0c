// GA 467 SDT codec and framer against hand-written byte fixtures (see idcard-fixtures.ts for the hex).
import { describe, expect, it } from 'vitest';
import {
  checkDigit,
  decodeCardText,
  decodeCommand,
  decodeReadData,
  decodeResponse,
  decodeTextFields,
  describeStatus,
  encodeCardText,
  encodeCommand,
  encodeReadAnswer,
  encodeReadData,
  encodeResponse,
  FIND_CARD,
  frameBody,
  isValidBirthDate,
  isValidIdNumber,
  nationCode,
  nationName,
  NATIONS,
  PHOTO_BYTES,
  READ_SAM_ID,
  READ_TEXT_PHOTO,
  RESET_SAM,
  SAM_ID_BYTES,
  SAM_STATUS,
  SELECT_CARD,
  STATUS_TEXT,
  SW3,
  TEXT_BYTES,
} from '../../drivers/idcard/sdt-codec.ts';
import { SdtFramer } from '../../drivers/idcard/sdt-framer.ts';
import {
  ANS_CHECKSUM_ERR,
  ANS_FIND_OK,
  ANS_NO_CARD,
  ANS_NO_CARD_BAD_CHK,
  ANS_OK,
  ANS_READ_FAIL,
  ANS_SAM_FAIL,
  ANS_SAM_ID,
  ANS_SELECT_FAIL,
  ANS_SELECT_OK,
  BAD_CHECK,
  CMD_FIND,
  CMD_READ,
  CMD_READ_SAM_ID,
  CMD_RESET_SAM,
  CMD_SAM_STATUS,
  CMD_SELECT,
  GARBAGE,
  LI_SI,
  STATUS_FIXTURES,
  ZHANG_SAN,
} from './idcard-fixtures.ts';

const frames = (items: ReturnType<SdtFramer['push']>) =>
  items.flatMap((i) => (i.type === 'frame' ? [i.frame.toString('hex')] : []));

describe('SDT command frames', () => {
  it('encodes find / select / read exactly as GA 467', () => {
    expect(encodeCommand(FIND_CARD)).toEqual(CMD_FIND); // AA AA AA 96 69 00 03 20 01 22
    expect(encodeCommand(SELECT_CARD)).toEqual(CMD_SELECT); // AA AA AA 96 69 00 03 20 02 21
    expect(encodeCommand(READ_TEXT_PHOTO)).toEqual(CMD_READ); // AA AA AA 96 69 00 03 30 01 32
  });

  it('encodes the SAM commands: reset 10 FF, status 11 FF, id 12 FF', () => {
    expect(encodeCommand(RESET_SAM)).toEqual(CMD_RESET_SAM); // AA AA AA 96 69 00 03 10 FF EC
    expect(encodeCommand(SAM_STATUS)).toEqual(CMD_SAM_STATUS); // AA AA AA 96 69 00 03 11 FF ED
    expect(encodeCommand(READ_SAM_ID)).toEqual(CMD_READ_SAM_ID); // AA AA AA 96 69 00 03 12 FF EE
  });

  it('decodes host frames (simulator side)', () => {
    expect(decodeCommand(CMD_READ)).toMatchObject({ cmd: 0x30, para: 0x01 });
    expect(decodeCommand(Buffer.from('aaaaaa9669000320012', 'hex'))).toBeNull();
  });
});

describe('SDT answer frames', () => {
  it('encodes status answers with Len and XOR checksum', () => {
    expect(encodeResponse(SW3.FIND_SUCCESS, Buffer.alloc(4))).toEqual(ANS_FIND_OK);
    expect(encodeResponse(SW3.NO_CARD)).toEqual(ANS_NO_CARD);
    expect(encodeResponse(SW3.SUCCESS, Buffer.alloc(8))).toEqual(ANS_SELECT_OK);
    expect(encodeResponse(SW3.SELECT_FAILED)).toEqual(ANS_SELECT_FAIL);
    expect(encodeResponse(SW3.READ_FAILED)).toEqual(ANS_READ_FAIL);
    expect(encodeResponse(SW3.CHECKSUM_ERROR)).toEqual(ANS_CHECKSUM_ERR);
    expect(encodeResponse(SW3.SAM_SELF_CHECK_FAILED)).toEqual(ANS_SAM_FAIL);
  });

  it('every status code: fixture = encoder output, decodes back, has a Chinese description', () => {
    expect(STATUS_FIXTURES.map((f) => f.sw3).sort((a, b) => a - b)).toEqual(
      Object.values(SW3)
        .filter((c) => c !== SW3.SUCCESS && c !== SW3.FIND_SUCCESS)
        .sort((a, b) => a - b),
    );
    for (const { sw3, name, frame } of STATUS_FIXTURES) {
      expect(encodeResponse(sw3), name).toEqual(frame);
      expect(decodeResponse(frame), name).toEqual({ sw1: 0, sw2: 0, sw3, data: Buffer.alloc(0) });
      expect(describeStatus(sw3), name).not.toMatch(/未知/);
    }
    expect(encodeResponse(SW3.SUCCESS)).toEqual(ANS_OK); // AA AA AA 96 69 00 04 00 00 90 94
    const sam = decodeResponse(ANS_SAM_ID)!;
    expect(sam.sw3).toBe(0x90);
    expect(sam.data).toEqual(Buffer.alloc(SAM_ID_BYTES, 0x5a));
  });

  it('decodes SW1 SW2 SW3 and data; rejects a bad checksum', () => {
    expect(decodeResponse(ANS_FIND_OK)).toMatchObject({ sw1: 0, sw2: 0, sw3: 0x9f });
    expect(decodeResponse(ANS_NO_CARD)?.sw3).toBe(0x80);
    expect(decodeResponse(ANS_NO_CARD_BAD_CHK)).toBeNull();
    expect(frameBody(ANS_NO_CARD_BAD_CHK)).toEqual({ error: 'checksum' });
    expect(frameBody(ANS_NO_CARD.subarray(0, 10))).toEqual({ error: 'length' });
  });

  it('describes every status code in Chinese', () => {
    for (const code of [
      0x90, 0x9f, 0x80, 0x81, 0x41, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x60, 0x66,
    ]) {
      expect(STATUS_TEXT[code]).toMatch(/[\u4e00-\u9fff]/u);
    }
    expect(describeStatus(0x80)).toContain('无证/卡');
    expect(describeStatus(0x66)).toContain('SAM');
    expect(describeStatus(0x77)).toBe('未知状态码 0x77');
  });

  it('read answer: Len 05 08, text 256 + photo 1024, fields decode back', () => {
    const f = encodeReadAnswer(ZHANG_SAN);
    expect(f.subarray(0, 14).toString('hex')).toBe('aaaaaa9669' + '0508' + '000090' + '0100' + '0400'); // … 00 00 90 | 01 00 04 00
    expect(f.length).toBe(7 + 3 + 4 + TEXT_BYTES + PHOTO_BYTES + 1);
    const r = decodeResponse(f)!;
    expect(r.sw3).toBe(0x90);
    expect(decodeReadData(r.data)).toEqual(ZHANG_SAN);
    expect(decodeReadData(encodeReadData(LI_SI))).toEqual(LI_SI);
  });

  it('text block: UCS-2LE, space-padded fixed fields', () => {
    const text = encodeCardText(ZHANG_SAN);
    expect(text.length).toBe(256);
    expect(text.subarray(0, 6).toString('hex')).toBe('205f094e2000'); // 张 U+5F20, 三 U+4E09, space
    expect(text.subarray(30, 32).toString('hex')).toBe('3100'); // sex '1'
    expect(text.subarray(32, 36).toString('hex')).toBe('30003100'); // nation '01'
    expect(text.subarray(36, 52).toString('utf16le')).toBe('19900307');
    const f = decodeTextFields(text);
    expect(f).toMatchObject({
      name: '张三',
      sex: '1',
      nation: '01',
      birth: '19900307',
      idNumber: ZHANG_SAN.idNumber,
      validTo: '20350601',
      reserved: '',
    });
    const li = decodeTextFields(encodeCardText(LI_SI));
    expect(li.validTo).toBe('长期');
    expect(li.sex).toBe('2');
    expect(li.nation).toBe('02');
  });

  it('unknown sex and nation codes decode as 未知', () => {
    const text = encodeCardText(ZHANG_SAN);
    text.write('9', 30, 'utf16le');
    text.write('77', 32, 'utf16le');
    const card = decodeCardText(text);
    expect(card.sex).toBe('未知');
    expect(card.nation).toBe('未知');
  });

  it('nation table GB 3304: 56 nations plus 97, 98', () => {
    expect(Object.keys(NATIONS)).toHaveLength(58);
    expect(nationName('01')).toBe('汉');
    expect(nationName('56')).toBe('基诺');
    expect(nationName('98')).toBe('外国血统中国籍人士');
    expect(nationCode('维吾尔族')).toBe('05');
    expect(nationCode('哈萨克')).toBe('17');
    expect(nationCode('火星')).toBe('97');
  });

  it('rejects a read block with wrong lengths', () => {
    expect(() => decodeReadData(Buffer.of(1, 0))).toThrow();
    expect(() => decodeReadData(Buffer.concat([Buffer.of(0x01, 0x00, 0x04, 0x00), Buffer.alloc(100)]))).toThrow(/长度/);
  });
});

describe('GB 11643 ID numbers', () => {
  it('check digits', () => {
    expect(checkDigit('11010519491231002')).toBe('X'); // the standard's own example
    expect(checkDigit('65270119900307123')).toBe('3');
    expect(checkDigit('65270119850101002')).toBe('5');
    expect(() => checkDigit('6527011990')).toThrow();
  });

  it('valid and invalid numbers', () => {
    expect(isValidIdNumber(ZHANG_SAN.idNumber)).toBe(true);
    expect(isValidIdNumber(LI_SI.idNumber)).toBe(true);
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber(BAD_CHECK.idNumber)).toBe(false);
    expect(isValidIdNumber('65270119900307123')).toBe(false); // 17 characters
    expect(isValidIdNumber('052701199003071233')).toBe(false); // area code cannot start with 0
    const feb30 = '65270119900230123';
    expect(isValidIdNumber(feb30 + checkDigit(feb30))).toBe(false); // 1990-02-30
    const future = '65270120990101123';
    expect(isValidIdNumber(future + checkDigit(future))).toBe(false);
  });

  it('birth date part', () => {
    expect(isValidBirthDate('20000229')).toBe(true);
    expect(isValidBirthDate('19000229')).toBe(false);
    expect(isValidBirthDate('19901301')).toBe(false);
    expect(isValidBirthDate('18491231')).toBe(false);
    expect(isValidBirthDate('20240102', new Date(2024, 0, 1))).toBe(false);
  });
});

describe('SDT framer', () => {
  it('one good frame', () => {
    expect(frames(new SdtFramer().push(ANS_NO_CARD))).toEqual([ANS_NO_CARD.toString('hex')]);
  });

  it('several frames in one chunk', () => {
    const f = new SdtFramer();
    expect(frames(f.push(Buffer.concat([ANS_FIND_OK, ANS_SELECT_OK, ANS_READ_FAIL])))).toHaveLength(3);
    expect(f.buffered).toBe(0);
  });

  it('a frame split across chunks, at every position and byte by byte', () => {
    const whole = encodeReadAnswer(ZHANG_SAN);
    for (const cut of [1, 3, 5, 6, 7, 10, 600, whole.length - 1]) {
      const f = new SdtFramer();
      expect(frames(f.push(whole.subarray(0, cut)))).toEqual([]);
      expect(frames(f.push(whole.subarray(cut)))).toEqual([whole.toString('hex')]);
    }
    const f = new SdtFramer();
    const got: string[] = [];
    for (const b of ANS_SELECT_OK) got.push(...frames(f.push(Buffer.of(b))));
    expect(got).toEqual([ANS_SELECT_OK.toString('hex')]);
  });

  it('garbage before the preamble is skipped and reported', () => {
    const f = new SdtFramer();
    const items = f.push(Buffer.concat([GARBAGE, ANS_FIND_OK]));
    expect(frames(items)).toEqual([ANS_FIND_OK.toString('hex')]);
    expect(
      items.filter((i) => i.type === 'garbage').reduce((n, i) => n + (i.type === 'garbage' ? i.bytes : 0), 0),
    ).toBe(GARBAGE.length);
  });

  it('garbage ending in a partial preamble, then the rest of the frame', () => {
    const f = new SdtFramer();
    expect(frames(f.push(Buffer.concat([GARBAGE, ANS_NO_CARD.subarray(0, 3)])))).toEqual([]);
    expect(f.buffered).toBeLessThanOrEqual(5);
    expect(frames(f.push(ANS_NO_CARD.subarray(3)))).toEqual([ANS_NO_CARD.toString('hex')]);
  });

  it('a bad checksum is reported and skipped; the next frame still comes through', () => {
    const f = new SdtFramer();
    const items = f.push(Buffer.concat([ANS_NO_CARD_BAD_CHK, ANS_FIND_OK]));
    expect(items.some((i) => i.type === 'error' && i.reason === 'checksum')).toBe(true);
    expect(frames(items)).toEqual([ANS_FIND_OK.toString('hex')]);
  });

  it('an impossible length is reported and skipped', () => {
    const f = new SdtFramer({ minLen: 4, maxLen: 4096 });
    const items = f.push(Buffer.concat([Buffer.from('aaaaaa9669ffff', 'hex'), ANS_NO_CARD]));
    expect(items.some((i) => i.type === 'error' && i.reason === 'length')).toBe(true);
    expect(frames(items)).toEqual([ANS_NO_CARD.toString('hex')]);
    const short = f.push(Buffer.from('aaaaaa96690001', 'hex'));
    expect(short.some((i) => i.type === 'error' && i.reason === 'length')).toBe(true);
  });

  it('buffer stays bounded while waiting on a long frame that never completes', () => {
    const f = new SdtFramer({ maxLen: 4096, maxBuffer: 8192 });
    f.push(Buffer.from('aaaaaa96690fff', 'hex')); // Len 4095, then nothing but noise
    for (let i = 0; i < 10; i++) f.push(Buffer.alloc(1000, 0x55));
    expect(f.buffered).toBeLessThanOrEqual(8192);
  });
});
