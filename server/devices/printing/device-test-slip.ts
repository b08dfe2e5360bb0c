// The administrator's test slip from the device set-up page: proves the printer is reached on the chosen
// port, prints Chinese (GB18030 mode), uses the whole line width, and cuts. Staff paper, not a resident's.
import { header, startSlip, type SlipCenter } from '../../printing/slip-kit.ts';
import { localTime } from '../../common/clock.ts';

export function deviceTestSlip(input: {
  center: SlipCenter;
  connection: string;
  columns: number;
  printedAt: Date;
}): Uint8Array {
  const { center, columns } = input;
  const b = startSlip(columns);
  header(b, center, '打印机测试页');
  const t = localTime(input.printedAt, center.timezone ?? 'Asia/Shanghai');
  b.field('打印时间：', `${t.date} ${t.time}`);
  b.field('连接方式：', input.connection);
  b.field('每行字数：', `${columns}（${columns === 32 ? '58' : '80'} 毫米纸）`);
  b.rule('-');
  // A full line of digits and of Chinese characters: a cut-off right edge shows at once.
  b.line('1234567890'.repeat(Math.ceil(columns / 10)).slice(0, columns));
  b.line('中'.repeat(columns / 2));
  b.rule('=');
  b.align('center').line('看到本页即打印机连接正常').align('left');
  return b.cut('partial', 96).bytes();
}
