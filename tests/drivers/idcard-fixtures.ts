// Synthetic ID card data and byte fixtures for the SDT (GA 467) tests. No real person: 张三, area code
// 652701, birth 1990-03-07, sequence 123, check digit computed by GB 11643 (→ 3).
import type { IdCard } from '../../drivers/device.ts';

export const ZHANG_SAN: IdCard = {
  name: '张三',
  sex: '男',
  nation: '汉',
  birthDate: '1990-03-07',
  address: '新疆维吾尔自治区博尔塔拉蒙古自治州博乐市青得里大街1号',
  idNumber: '652701199003071233',
  authority: '博乐市公安局',
  validFrom: '2015-06-01',
  validTo: '2035-06-01',
};

export const LI_SI: IdCard = {
  name: '李四',
  sex: '女',
  nation: '蒙古',
  birthDate: '1985-01-01',
  address: '新疆维吾尔自治区博尔塔拉蒙古自治州博乐市南城区2号',
  idNumber: '652701198501010025',
  authority: '博乐市公安局',
  validFrom: '2010-01-01',
  validTo: '长期',
};

/** Same as 张三 but the last character wrong: must be refused. */
export const BAD_CHECK: IdCard = { ...ZHANG_SAN, idNumber: '652701199003071234' };

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// Host → reader. AA AA AA 96 69 | Len 00 03 | CMD PARA | CHK = 00^03^CMD^PARA
export const CMD_FIND = h('AA AA AA 96 69 00 03 20 01 22'); // 寻卡
export const CMD_SELECT = h('AA AA AA 96 69 00 03 20 02 21'); // 选卡
export const CMD_READ = h('AA AA AA 96 69 00 03 30 01 32'); // 读文字 + 照片
export const CMD_RESET_SAM = h('AA AA AA 96 69 00 03 10 FF EC'); // 复位 SAM, CHK 03^10^FF = EC
export const CMD_SAM_STATUS = h('AA AA AA 96 69 00 03 11 FF ED'); // SAM 状态检测
export const CMD_READ_SAM_ID = h('AA AA AA 96 69 00 03 12 FF EE'); // 读 SAM 编号

// Reader → host. AA AA AA 96 69 | Len | SW1 SW2 SW3 | data | CHK
export const ANS_FIND_OK = h('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'); // 9F 寻卡成功, CHK 08^9F = 97
export const ANS_NO_CARD = h('AA AA AA 96 69 00 04 00 00 80 84'); // 80 无卡, CHK 04^80 = 84
export const ANS_SELECT_OK = h('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'); // 90, CHK 0C^90 = 9C
export const ANS_SELECT_FAIL = h('AA AA AA 96 69 00 04 00 00 81 85'); // 81 选卡失败
export const ANS_READ_FAIL = h('AA AA AA 96 69 00 04 00 00 41 45'); // 41 读卡失败
export const ANS_CHECKSUM_ERR = h('AA AA AA 96 69 00 04 00 00 10 14'); // 10 校验和错
export const ANS_SAM_FAIL = h('AA AA AA 96 69 00 04 00 00 60 64'); // 60 SAM 自检失败
export const ANS_OK = h('AA AA AA 96 69 00 04 00 00 90 94'); // 90 操作成功 (SAM 复位 / 状态)
/** SAM id: Len 00 14 = SW×3 + 16 data + CHK; the 16 × 5A cancel out in the XOR: CHK 14^90 = 84. */
export const ANS_SAM_ID = h('AA AA AA 96 69 00 14 00 00 90' + ' 5A'.repeat(16) + ' 84');

/** Every failure status as the bare answer a reader sends: Len 00 04, SW 00 00 SW3, CHK = 04 ^ SW3. */
export const STATUS_FIXTURES: readonly { sw3: number; name: string; frame: Buffer }[] = [
  { sw3: 0x10, name: '校验和错', frame: h('AA AA AA 96 69 00 04 00 00 10 14') },
  { sw3: 0x11, name: '长度错', frame: h('AA AA AA 96 69 00 04 00 00 11 15') },
  { sw3: 0x21, name: '命令错误', frame: h('AA AA AA 96 69 00 04 00 00 21 25') },
  { sw3: 0x23, name: '越权操作', frame: h('AA AA AA 96 69 00 04 00 00 23 27') },
  { sw3: 0x24, name: '未授权', frame: h('AA AA AA 96 69 00 04 00 00 24 20') },
  { sw3: 0x31, name: '证/卡认证机具失败', frame: h('AA AA AA 96 69 00 04 00 00 31 35') },
  { sw3: 0x32, name: '机具认证证/卡失败', frame: h('AA AA AA 96 69 00 04 00 00 32 36') },
  { sw3: 0x33, name: '信息验证错误', frame: h('AA AA AA 96 69 00 04 00 00 33 37') },
  { sw3: 0x40, name: '证/卡操作失败', frame: h('AA AA AA 96 69 00 04 00 00 40 44') },
  { sw3: 0x41, name: '读证/卡操作失败', frame: h('AA AA AA 96 69 00 04 00 00 41 45') },
  { sw3: 0x60, name: 'SAM 自检失败', frame: h('AA AA AA 96 69 00 04 00 00 60 64') },
  { sw3: 0x66, name: 'SAM 未授权', frame: h('AA AA AA 96 69 00 04 00 00 66 62') },
  { sw3: 0x80, name: '寻卡失败', frame: h('AA AA AA 96 69 00 04 00 00 80 84') },
  { sw3: 0x81, name: '选卡失败', frame: h('AA AA AA 96 69 00 04 00 00 81 85') },
];

/** ANS_NO_CARD with the checksum byte wrong (84 → 85). */
export const ANS_NO_CARD_BAD_CHK = h('AA AA AA 96 69 00 04 00 00 80 85');
/** Line noise, including a false preamble start (AA AA 13), before a frame. */
export const GARBAGE = h('00 FF 13 AA AA 13 37 96 69 AA');

// Other cards the readers return (synthetic holders). 港澳台居民居住证: 18-digit GB 11643 number with the
// region code 810000 (Hong Kong) / 830000 (Taiwan), check digit computed.
export const HMT_CHEN: IdCard = {
  cardType: 'hmt-residence',
  name: '陈大文',
  sex: '男',
  nation: '',
  birthDate: '1990-01-01',
  address: '新疆维吾尔自治区博尔塔拉蒙古自治州博乐市青得里大街8号',
  idNumber: '810000199001011230',
  authority: '博乐市公安局',
  validFrom: '2019-03-01',
  validTo: '2024-03-01',
};
/** 外国人永久居留身份证, 2017 edition ('I'): 3 letters of nationality + 12 digits. */
export const FOREIGN_2017: IdCard = {
  cardType: 'foreign-permanent',
  name: '史密斯',
  englishName: 'SMITH, JOHN',
  nationality: 'CAN',
  sex: '男',
  nation: '',
  birthDate: '1980-07-07',
  address: '',
  idNumber: 'CAN110080070701',
  authority: '1100',
  validFrom: '2018-01-01',
  validTo: '2028-01-01',
};
/** 外国人永久居留身份证, 2023 edition ('Y'): 18 digits starting with 9, GB 11643 check digit. */
export const FOREIGN_2023: IdCard = {
  cardType: 'foreign-permanent',
  name: '玛丽',
  englishName: 'GARCIA LOPEZ, MARIA FERNANDA DE LOS ANGELES',
  nationality: 'ESP',
  sex: '女',
  nation: '',
  birthDate: '1980-07-07',
  address: '',
  idNumber: '933156198007070015',
  authority: '',
  validFrom: '2023-12-01',
  validTo: '2033-12-01',
};
