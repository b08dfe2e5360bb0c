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

// Reader → host. AA AA AA 96 69 | Len | SW1 SW2 SW3 | data | CHK
export const ANS_FIND_OK = h('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'); // 9F 寻卡成功, CHK 08^9F = 97
export const ANS_NO_CARD = h('AA AA AA 96 69 00 04 00 00 80 84'); // 80 无卡, CHK 04^80 = 84
export const ANS_SELECT_OK = h('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'); // 90, CHK 0C^90 = 9C
export const ANS_SELECT_FAIL = h('AA AA AA 96 69 00 04 00 00 81 85'); // 81 选卡失败
export const ANS_READ_FAIL = h('AA AA AA 96 69 00 04 00 00 41 45'); // 41 读卡失败
export const ANS_CHECKSUM_ERR = h('AA AA AA 96 69 00 04 00 00 10 14'); // 10 校验和错
export const ANS_SAM_FAIL = h('AA AA AA 96 69 00 04 00 00 60 64'); // 60 SAM 自检失败
/** ANS_NO_CARD with the checksum byte wrong (84 → 85). */
export const ANS_NO_CARD_BAD_CHK = h('AA AA AA 96 69 00 04 00 00 80 85');
/** Line noise, including a false preamble start (AA AA 13), before a frame. */
export const GARBAGE = h('00 FF 13 AA AA 13 37 96 69 AA');
