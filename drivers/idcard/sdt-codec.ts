// GA 467 "SDT" protocol of second-generation resident ID card readers (居民身份证阅读器), pure functions.
//
// Host → reader:  AA AA AA 96 69 | Len1 Len2 | CMD PARA | data… | CHK
// Reader → host:  AA AA AA 96 69 | Len1 Len2 | SW1 SW2 SW3 | data… | CHK
// Len (big-endian) counts every byte after it, CHK included. CHK = XOR of Len1 … last data byte.
// The card text is UCS-2LE in fixed, space-padded fields; the photo (WLT) is never decoded or kept.
import type { IdCard } from '../device.ts';

export const PREAMBLE = Buffer.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble + Len. */
export const HEADER_BYTES = PREAMBLE.length + 2;

export interface SdtCommand {
  cmd: number;
  para: number;
}
/** 寻找居民身份证: AA AA AA 96 69 00 03 20 01 22 */
export const FIND_CARD: SdtCommand = { cmd: 0x20, para: 0x01 };
/** 选取居民身份证: AA AA AA 96 69 00 03 20 02 21 */
export const SELECT_CARD: SdtCommand = { cmd: 0x20, para: 0x02 };
/** 读取固定信息（文字 + 照片）: AA AA AA 96 69 00 03 30 01 32 */
export const READ_TEXT_PHOTO: SdtCommand = { cmd: 0x30, para: 0x01 };
/** 复位 SAM（相当于对模块重新上电）: AA AA AA 96 69 00 03 10 FF EC */
export const RESET_SAM: SdtCommand = { cmd: 0x10, para: 0xff };
/** SAM 状态检测: AA AA AA 96 69 00 03 11 FF ED */
export const SAM_STATUS: SdtCommand = { cmd: 0x11, para: 0xff };
/** 读 SAM 管理信息（模块编号）: AA AA AA 96 69 00 03 12 FF EE; answer data is 16 bytes. */
export const READ_SAM_ID: SdtCommand = { cmd: 0x12, para: 0xff };
export const SAM_ID_BYTES = 16;

export const SW3 = {
  SUCCESS: 0x90,
  FIND_SUCCESS: 0x9f,
  CHECKSUM_ERROR: 0x10,
  LENGTH_ERROR: 0x11,
  UNKNOWN_COMMAND: 0x21,
  OUT_OF_ORDER: 0x23,
  NOT_AUTHORISED: 0x24,
  AUTH_CARD_FAILED: 0x31,
  AUTH_SAM_FAILED: 0x32,
  AUTH_INFO_FAILED: 0x33,
  CARD_OP_FAILED: 0x40,
  READ_FAILED: 0x41,
  SAM_SELF_CHECK_FAILED: 0x60,
  SAM_NOT_AUTHORISED: 0x66,
  NO_CARD: 0x80,
  SELECT_FAILED: 0x81,
} as const;

/** SW3 result codes with the words used in log lines and status details. */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  0x90: '操作成功',
  0x9f: '寻找证/卡成功',
  0x10: '接收业务终端数据的校验和错',
  0x11: '接收业务终端数据的长度错',
  0x21: '接收业务终端的命令错误（无法识别的命令）',
  0x23: '越权操作（命令顺序错误）',
  0x24: '无法识别的错误（未授权）',
  0x31: '证/卡认证机具失败',
  0x32: '机具认证证/卡失败',
  0x33: '信息验证错误',
  0x40: '无法识别的证/卡类型（证/卡操作失败）',
  0x41: '读证/卡操作失败',
  0x60: '安全模块（SAM）自检失败，不能接收命令',
  0x66: '安全模块（SAM）没经过授权，无法使用',
  0x80: '寻找证/卡失败（无证/卡）',
  0x81: '选取证/卡失败',
};

export function describeStatus(sw3: number): string {
  return STATUS_TEXT[sw3] ?? `未知状态码 0x${sw3.toString(16).padStart(2, '0').toUpperCase()}`;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('hex')
    .replace(/(..)(?=.)/g, '$1 ')
    .toUpperCase();
}

/** XOR of bytes[from, to). */
export function xorChecksum(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
}

/** Preamble + Len + body + CHK, where body is CMD PARA data (host) or SW1 SW2 SW3 data (reader). */
function frame(body: Uint8Array): Buffer {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`SDT 帧过长：${len} 字节`);
  const out = Buffer.alloc(HEADER_BYTES + len);
  PREAMBLE.copy(out, 0);
  out.writeUInt16BE(len, PREAMBLE.length);
  out.set(body, HEADER_BYTES);
  out[out.length - 1] = xorChecksum(out, PREAMBLE.length, out.length - 1);
  return out;
}

/** Host → reader frame. */
export function encodeCommand(command: SdtCommand, data: Uint8Array = new Uint8Array(0)): Buffer {
  return frame(Buffer.concat([Buffer.of(command.cmd, command.para), data]));
}

/** Reader → host frame. */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0x00, sw2 = 0x00): Buffer {
  return frame(Buffer.concat([Buffer.of(sw1, sw2, sw3), data]));
}

/** Checks a whole frame (preamble, length, checksum); returns the body between Len and CHK or an error. */
export function frameBody(f: Uint8Array): { body: Buffer } | { error: 'preamble' | 'length' | 'checksum' } {
  const b = Buffer.from(f.buffer, f.byteOffset, f.length);
  if (b.length < HEADER_BYTES + 1 || !b.subarray(0, PREAMBLE.length).equals(PREAMBLE)) return { error: 'preamble' };
  const len = b.readUInt16BE(PREAMBLE.length);
  if (len < 1 || b.length !== HEADER_BYTES + len) return { error: 'length' };
  if (xorChecksum(b, PREAMBLE.length, b.length - 1) !== b[b.length - 1]) return { error: 'checksum' };
  return { body: Buffer.from(b.subarray(HEADER_BYTES, b.length - 1)) };
}

export interface DecodedCommand extends SdtCommand {
  data: Buffer;
}

/** A host frame (checked by frameBody) as CMD, PARA, data; null when it is not a valid command frame. */
export function decodeCommand(f: Uint8Array): DecodedCommand | null {
  const r = frameBody(f);
  if (!('body' in r) || r.body.length < 2) return null;
  return { cmd: r.body[0]!, para: r.body[1]!, data: Buffer.from(r.body.subarray(2)) };
}

export interface DecodedResponse {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Buffer;
}

/** A reader frame as SW1 SW2 SW3 data; null when it is not a valid answer frame. */
export function decodeResponse(f: Uint8Array): DecodedResponse | null {
  const r = frameBody(f);
  if (!('body' in r) || r.body.length < 3) return null;
  return { sw1: r.body[0]!, sw2: r.body[1]!, sw3: r.body[2]!, data: Buffer.from(r.body.subarray(3)) };
}

// ---- card text ----------------------------------------------------------------------------------------

export const TEXT_BYTES = 256;
export const PHOTO_BYTES = 1024;

/** Field widths in bytes (UCS-2LE, 2 bytes a character), in order. */
export const TEXT_FIELDS = [
  ['name', 30],
  ['sex', 2],
  ['nation', 4],
  ['birth', 16],
  ['address', 70],
  ['idNumber', 36],
  ['authority', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['reserved', 36],
] as const;

export type TextField = (typeof TEXT_FIELDS)[number][0];
export type RawCardText = Record<TextField, string>;

/** GB/T 3304 民族代码, as the card prints them (without 族). */
export const NATIONS: Readonly<Record<string, string>> = {
  '01': '汉',
  '02': '蒙古',
  '03': '回',
  '04': '藏',
  '05': '维吾尔',
  '06': '苗',
  '07': '彝',
  '08': '壮',
  '09': '布依',
  '10': '朝鲜',
  '11': '满',
  '12': '侗',
  '13': '瑶',
  '14': '白',
  '15': '土家',
  '16': '哈尼',
  '17': '哈萨克',
  '18': '傣',
  '19': '黎',
  '20': '傈僳',
  '21': '佤',
  '22': '畲',
  '23': '高山',
  '24': '拉祜',
  '25': '水',
  '26': '东乡',
  '27': '纳西',
  '28': '景颇',
  '29': '柯尔克孜',
  '30': '土',
  '31': '达斡尔',
  '32': '仫佬',
  '33': '羌',
  '34': '布朗',
  '35': '撒拉',
  '36': '毛南',
  '37': '仡佬',
  '38': '锡伯',
  '39': '阿昌',
  '40': '普米',
  '41': '塔吉克',
  '42': '怒',
  '43': '乌孜别克',
  '44': '俄罗斯',
  '45': '鄂温克',
  '46': '德昂',
  '47': '保安',
  '48': '裕固',
  '49': '京',
  '50': '塔塔尔',
  '51': '独龙',
  '52': '鄂伦春',
  '53': '赫哲',
  '54': '门巴',
  '55': '珞巴',
  '56': '基诺',
  '97': '其他',
  '98': '外国血统中国籍人士',
};

export function nationName(code: string): string {
  return NATIONS[code] ?? '未知';
}

/** 汉 / 汉族 / 01 → 01; unknown → 97 (其他). */
export function nationCode(nameOrCode: string): string {
  const s = nameOrCode.trim();
  if (NATIONS[s]) return s;
  for (const [code, name] of Object.entries(NATIONS)) if (name === s || `${name}族` === s) return code;
  return '97';
}

function trimField(s: string): string {
  return s.replace(/[\s\u0000]+$/u, '').replace(/^[\s\u0000]+/u, '');
}

/** The 256-byte text block as its raw fields (trailing padding removed). */
export function decodeTextFields(text: Uint8Array): RawCardText {
  const b = Buffer.from(text.buffer, text.byteOffset, text.length);
  const out = {} as RawCardText;
  let at = 0;
  for (const [field, width] of TEXT_FIELDS) {
    const end = Math.min(at + width, b.length);
    const slice = b.subarray(at, end - ((end - at) % 2));
    out[field] = trimField(slice.toString('utf16le'));
    at += width;
  }
  return out;
}

/** YYYYMMDD → YYYY-MM-DD; anything else (长期, garbage) unchanged. */
export function formatCardDate(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : s;
}

/**
 * The card type mark (证件类型标识): one UCS-2 character at byte 248 of the text block, the same place in
 * every layout the readers return. A space (or nothing) is the resident ID card (居民身份证); 'J' the
 * 港澳台居民居住证; 'I' the 外国人永久居留身份证 (2017 edition); 'Y' its 2023 edition. Anything else is a
 * layout this code does not know and is reported as such, never decoded as if it were an ID card.
 */
export const CARD_TYPE_OFFSET = 248;
export type CardType = NonNullable<IdCard['cardType']>;
export const CARD_TYPE_MARKS: Readonly<Record<string, CardType>> = {
  ' ': 'resident',
  '\u0000': 'resident',
  J: 'hmt-residence',
  I: 'foreign-permanent',
  Y: 'foreign-permanent',
};
export const CARD_TYPE_NAMES: Record<CardType, string> = {
  resident: '居民身份证',
  'hmt-residence': '港澳台居民居住证',
  'foreign-permanent': '外国人永久居留身份证',
};

/** A text block whose card type mark names no layout this code knows. */
export class UnknownCardLayoutError extends Error {
  override readonly name = 'UnknownCardLayoutError';
  constructor(readonly mark: number) {
    super(`无法识别的证件类型（类型标识 0x${mark.toString(16).padStart(4, '0').toUpperCase()}），未读取`);
  }
}

/** The card type mark as a character code (UCS-2LE at CARD_TYPE_OFFSET); -1 when the block is too short. */
export function cardTypeMark(text: Uint8Array): number {
  if (text.length < CARD_TYPE_OFFSET + 2) return -1;
  return text[CARD_TYPE_OFFSET]! | (text[CARD_TYPE_OFFSET + 1]! << 8);
}

/** 港澳台居民居住证 fields in bytes (the resident layout with 通行证号码 and 签发次数 in the reserved part). */
export const HMT_FIELDS = [
  ['name', 30],
  ['sex', 2],
  ['reserved1', 4],
  ['birth', 16],
  ['address', 70],
  ['idNumber', 36],
  ['authority', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['passNumber', 18],
  ['issueCount', 4],
  ['reserved2', 6],
  ['typeMark', 2],
  ['reserved3', 6],
] as const;
/** 外国人永久居留身份证, 2017 edition ('I'): English name first, 15-character number, nationality code. */
export const FOREIGN_2017_FIELDS = [
  ['englishName', 120],
  ['sex', 2],
  ['idNumber', 30],
  ['nationality', 6],
  ['name', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['birth', 16],
  ['version', 4],
  ['authority', 8],
  ['typeMark', 2],
  ['reserved', 6],
] as const;
/** 外国人永久居留身份证, 2023 edition ('Y'): Chinese name first, 18-digit number, English name in two parts. */
export const FOREIGN_2023_FIELDS = [
  ['name', 30],
  ['sex', 2],
  ['renewals', 4],
  ['birth', 16],
  ['englishName', 70],
  ['idNumber', 36],
  ['reserved', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['englishNameMore', 22],
  ['nationality', 6],
  ['typeMark', 2],
  ['previousNumber', 6],
] as const;

function readFields(text: Uint8Array, fields: readonly (readonly [string, number])[]): Record<string, string> {
  const b = Buffer.from(text.buffer, text.byteOffset, text.length);
  const out: Record<string, string> = {};
  let at = 0;
  for (const [field, width] of fields) {
    const end = Math.min(at + width, b.length);
    out[field] = end > at ? trimField(b.subarray(at, end - ((end - at) % 2)).toString('utf16le')) : '';
    at += width;
  }
  return out;
}

const sexOf = (code: string | undefined): IdCard['sex'] => (code === '1' ? '男' : code === '2' ? '女' : '未知');
const field = (f: Record<string, string>, k: string): string => f[k] ?? '';

/**
 * The text block as an IdCard, by its card type mark; throws UnknownCardLayoutError for a layout it does
 * not know. Only what the kiosk needs is kept: a residence permit's 通行证号码 and 签发次数 are not read.
 */
export function decodeCardText(text: Uint8Array): IdCard {
  const mark = cardTypeMark(text);
  // A block too short to carry the mark can only be the resident layout (whose field it is reserved in).
  const type: CardType | undefined =
    mark < 0 ? 'resident' : mark < 0x80 ? CARD_TYPE_MARKS[String.fromCharCode(mark)] : undefined;
  if (!type) throw new UnknownCardLayoutError(mark);
  if (type === 'resident') {
    const f = decodeTextFields(text);
    return {
      name: f.name,
      sex: sexOf(f.sex),
      nation: nationName(f.nation),
      birthDate: formatCardDate(f.birth),
      address: f.address,
      idNumber: f.idNumber.toUpperCase(),
      authority: f.authority,
      validFrom: formatCardDate(f.validFrom),
      validTo: formatCardDate(f.validTo),
    };
  }
  if (type === 'hmt-residence') {
    const f = readFields(text, HMT_FIELDS);
    return {
      cardType: type,
      name: field(f, 'name'),
      sex: sexOf(f.sex),
      nation: '',
      birthDate: formatCardDate(field(f, 'birth')),
      address: field(f, 'address'),
      idNumber: field(f, 'idNumber').toUpperCase(),
      authority: field(f, 'authority'),
      validFrom: formatCardDate(field(f, 'validFrom')),
      validTo: formatCardDate(field(f, 'validTo')),
    };
  }
  const edition2023 = mark === 0x59; // 'Y'
  const f = readFields(text, edition2023 ? FOREIGN_2023_FIELDS : FOREIGN_2017_FIELDS);
  // The 2023 English name runs on from its first field (characters 1–35) into the second (36–46): join the
  // raw fields before trimming, or a space at character 36 would be lost.
  const b = Buffer.from(text.buffer, text.byteOffset, text.length);
  const english = edition2023
    ? trimField(Buffer.concat([b.subarray(52, 122), b.subarray(220, 242)]).toString('utf16le'))
    : field(f, 'englishName');
  return {
    cardType: type,
    // The Chinese name when the card has one (shown masked like any name), else the English name.
    name: field(f, 'name') || english,
    englishName: english,
    nationality: field(f, 'nationality'),
    sex: sexOf(f.sex),
    nation: '',
    birthDate: formatCardDate(field(f, 'birth')),
    address: '',
    idNumber: field(f, 'idNumber').toUpperCase(),
    authority: edition2023 ? '' : field(f, 'authority'),
    validFrom: formatCardDate(field(f, 'validFrom')),
    validTo: formatCardDate(field(f, 'validTo')),
  };
}

function padField(value: string, width: number): Buffer {
  const out = Buffer.alloc(width, 0);
  for (let i = 0; i < width; i += 2) out.writeUInt16LE(0x0020, i);
  const enc = Buffer.from(value, 'utf16le');
  enc.copy(out, 0, 0, Math.min(enc.length, width - (width % 2)));
  return out;
}

function encodeFields(fields: readonly (readonly [string, number])[], values: Record<string, string>): Buffer {
  return Buffer.concat(fields.map(([name, width]) => padField(values[name] ?? '', width)));
}

/** An IdCard as the 256-byte UCS-2LE text block a reader returns (simulator, tests), in its card's layout. */
export function encodeCardText(card: IdCard): Buffer {
  const undash = (d: string) => d.replace(/-/g, '');
  const sex = card.sex === '男' ? '1' : card.sex === '女' ? '2' : '0';
  const dates = {
    birth: undash(card.birthDate),
    validFrom: undash(card.validFrom),
    validTo: card.validTo === '长期' ? '长期' : undash(card.validTo),
  };
  if (card.cardType === 'hmt-residence') {
    return encodeFields(HMT_FIELDS, {
      ...dates,
      name: card.name,
      sex,
      address: card.address,
      idNumber: card.idNumber,
      authority: card.authority,
      typeMark: 'J',
    });
  }
  if (card.cardType === 'foreign-permanent') {
    const en = card.englishName ?? '';
    // An 18-character number is the 2023 edition ('Y'), 15 the 2017 one ('I').
    if (card.idNumber.length === 18) {
      return encodeFields(FOREIGN_2023_FIELDS, {
        ...dates,
        name: card.name,
        sex,
        englishName: en.slice(0, 35),
        englishNameMore: en.slice(35, 46),
        idNumber: card.idNumber,
        nationality: card.nationality ?? '',
        typeMark: 'Y',
      });
    }
    return encodeFields(FOREIGN_2017_FIELDS, {
      ...dates,
      englishName: en,
      sex,
      idNumber: card.idNumber,
      nationality: card.nationality ?? '',
      name: card.name === en ? '' : card.name,
      version: '01',
      authority: card.authority,
      typeMark: 'I',
    });
  }
  const values: RawCardText = {
    name: card.name,
    sex,
    nation: nationCode(card.nation),
    birth: dates.birth,
    address: card.address,
    idNumber: card.idNumber,
    authority: card.authority,
    validFrom: dates.validFrom,
    validTo: dates.validTo,
    reserved: '',
  };
  return Buffer.concat(TEXT_FIELDS.map(([name, width]) => padField(values[name], width)));
}

/** Data of a successful read answer: text length, photo length, text, photo. */
export function encodeReadData(card: IdCard, photo: Uint8Array = new Uint8Array(PHOTO_BYTES)): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(TEXT_BYTES, 0);
  head.writeUInt16BE(photo.length, 2);
  return Buffer.concat([head, encodeCardText(card), photo]);
}

/** Data of a read answer → IdCard; the photo is skipped, never copied. Throws on a malformed block. */
export function decodeReadData(data: Uint8Array): IdCard {
  const b = Buffer.from(data.buffer, data.byteOffset, data.length);
  if (b.length < 4) throw new Error(`读卡应答数据过短：${b.length} 字节`);
  const textLen = b.readUInt16BE(0);
  const photoLen = b.readUInt16BE(2);
  if (textLen !== TEXT_BYTES || b.length < 4 + textLen + photoLen) {
    throw new Error(`读卡应答长度不符：文字 ${textLen}、照片 ${photoLen}、共 ${b.length} 字节`);
  }
  return decodeCardText(b.subarray(4, 4 + textLen));
}

/** Full read answer frame for a card (simulator, tests). */
export function encodeReadAnswer(card: IdCard): Buffer {
  return encodeResponse(SW3.SUCCESS, encodeReadData(card));
}

// ---- GB 11643 citizen identity number -----------------------------------------------------------------

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Check character for the first 17 digits. */
export function checkDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('身份号码前 17 位必须是数字');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Calendar-valid YYYYMMDD between 1850-01-01 and today. */
export function isValidBirthDate(yyyymmdd: string, today: Date = new Date()): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1850 || mo < 1 || mo > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return false;
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return date.getTime() <= todayUtc;
}

/**
 * The card's number checked as its kind prescribes: GB 11643 (18 characters with check character) for the
 * resident ID card, the 港澳台居民居住证 (810000/820000/830000) and the 2023 外国人永久居留身份证 (leading 9);
 * the 2017 外国人永久居留身份证 has 3 letters (nationality) and 12 digits.
 */
export function isValidCardNumber(card: Pick<IdCard, 'idNumber' | 'cardType'>, today: Date = new Date()): boolean {
  const id = card.idNumber.trim().toUpperCase();
  if (card.cardType === 'foreign-permanent' && id.length === 15) return /^[A-Z]{3}\d{12}$/.test(id);
  return isValidIdNumber(id, today);
}

/** 18 characters: area code, valid birth date, sequence, correct check character (X upper or lower). */
export function isValidIdNumber(id: string, today: Date = new Date()): boolean {
  const s = id.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(s)) return false;
  if (!isValidBirthDate(s.slice(6, 14), today)) return false;
  return checkDigit(s.slice(0, 17)) === s[17];
}
