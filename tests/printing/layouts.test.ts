import { describe, expect, it } from 'vitest';
import {
  acceptanceReceipt,
  appointmentSlip,
  correctionNotice,
  noticeSlip,
  rejectionNotice,
  ticketSlip,
  TICKET_SLIP_MAX_BYTES,
} from '../../server/printing/index.ts';
import { renderModel } from '../../drivers/printer/render-model.ts';
import { parseEscPos } from '../../drivers/printer/escpos-parser.ts';
import { textWidth } from '../../drivers/printer/text-width.ts';
import { acceptedCase, appointment, caseUrl, category, center, dibao, sparse, statusUrl, ticket } from './fixtures.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const dots = (columns: number): number => columns * 12;
/** What a printer would print, line by line. */
const printed = (job: Uint8Array, columns: number): string[] => renderModel(job, { widthDots: dots(columns) }).lines;
const text = (job: Uint8Array, columns: number): string => printed(job, columns).join('\n');

/** Every line the layout sent fits: the renderer never had to wrap at the edge. */
function expectNoEdgeWrap(job: Uint8Array, columns: number): void {
  const model = renderModel(job, { widthDots: dots(columns) });
  for (const item of model.items) {
    if (item.kind !== 'text') continue;
    const right = item.x + item.glyphs.reduce((n, g) => n + g.width, 0);
    expect(right).toBeLessThanOrEqual(dots(columns));
  }
  // Lines as sent (text between two LFs) equal lines as printed: no automatic wrap happened.
  let sent = 0;
  let hasText = false;
  for (const cmd of parseEscPos(job)) {
    if (cmd.op === 'text') hasText = true;
    if (cmd.op === 'lf' && hasText) {
      sent++;
      hasText = false;
    }
  }
  expect(model.lines.length).toBe(sent);
}

describe.each([32, 48])('layouts at %i columns', (columns) => {
  it('ticket slip: a self-declared green channel says it waits for the window to check it', () => {
    const lines = (confirmed: boolean) =>
      printed(
        ticketSlip({
          ticket: { ...ticket, priority: 'pregnant', priorityConfirmed: confirmed },
          category,
          center,
          statusUrl,
          reprint: false,
          columns,
        }),
        columns,
      );
    expect(lines(false)).toContain('绿色通道（请到窗口核验）');
    expect(lines(true)).toContain('绿色通道');
    expect(lines(true)).not.toContain('绿色通道（请到窗口核验）');
  });

  it('ticket slip: starts with ESC @ FS &, ends with a partial cut, stays within 1,024 bytes', () => {
    const job = ticketSlip({ ticket, category, center, statusUrl, reprint: false, columns });
    expect(hex(job.subarray(0, 4))).toBe('1b401c26'); // ESC @, FS &
    expect(hex(job.subarray(job.length - 4))).toBe('1d564230'); // GS V 42 30: feed to the cutter + 48 dots, partial cut
    expect(job.length).toBeLessThanOrEqual(TICKET_SLIP_MAX_BYTES);
    const lines = printed(job, columns);
    expect(lines).toContain('城关镇便民服务中心');
    expect(lines).toContain('民政业务');
    expect(lines).toContain('A012');
    expect(lines).toContain('前面还有 7 人等候');
    expect(lines).toContain('取号时间 2026-11-23 09:30');
    expect(lines).toContain('办理窗口 1、3号窗口');
    expect(lines.join('')).toContain('过号请到服务台重新取号');
    expect(lines).not.toContain('【补打】');
    // The number is printed double width and height (GS ! 11) and the QR carries the status URL.
    expect(hex(job)).toContain('1d2111' + Buffer.from('A012').toString('hex'));
    const model = renderModel(job, { widthDots: dots(columns) });
    const qr = model.items.find((i) => i.kind === 'qr');
    expect(qr && qr.kind === 'qr' && qr.data).toBe(statusUrl);
    expectNoEdgeWrap(job, columns);
  });

  it('ticket slip never carries a full ID number, only the masked name', () => {
    const job = ticketSlip({
      ticket: { ...ticket, nameMasked: '张小三', idMasked: '652701199001011234' },
      category,
      center,
      statusUrl,
      reprint: false,
      columns,
    });
    const all = text(job, columns);
    expect(all).not.toContain('652701199001011234');
    expect(all).not.toContain('1234'); // not even the masked ID: the slip does not need it
    expect(all).not.toContain('张小三');
    expect(all).toContain('取号人 张*三');
  });

  it('ticket slip worst case (longest centre and category names, long URL, reprint) is still ≤ 1,024 bytes', () => {
    const longCenter = {
      ...center,
      name: '新疆维吾尔自治区乌鲁木齐市天山区燕儿窝街道办事处便民服务中心'.padEnd(60, '中'),
    };
    const longUrl = 'https://kiosk.yanerwo-street.example.gov.cn:8443/t/' + 'x'.repeat(120);
    const job = ticketSlip({
      ticket: { ...ticket, number: 'Z999', ahead: 999, priority: 'elderly' },
      category: {
        name: '社会保障及退役军人事务综合业务受理窗口'.padEnd(30, '务'),
        windows: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      },
      center: longCenter,
      statusUrl: longUrl,
      reprint: true,
      columns,
    });
    expect(job.length).toBeLessThanOrEqual(TICKET_SLIP_MAX_BYTES);
    expectNoEdgeWrap(job, columns);
  });

  it('reprint prints 【补打】 in double width near the top', () => {
    const job = ticketSlip({ ticket, category, center, statusUrl, reprint: true, columns });
    const lines = printed(job, columns);
    expect(lines.indexOf('【补打】')).toBeGreaterThanOrEqual(1);
    expect(lines.indexOf('【补打】')).toBeLessThan(lines.indexOf('A012'));
    // GS ! 10 (double width), then 【补打】 in GB18030: A1BE B2B9 B4F2 A1BF, LF
    expect(hex(job)).toContain('1d2110' + 'a1beb2b9b4f2a1bf' + '0a');
  });

  it('notice slip lists every material with the form, count and condition the guide gives, and room to sign', () => {
    const job = noticeSlip({ matter: dibao, center, columns, printedAt: '2026-11-23T02:00:00Z' });
    const all = text(job, columns);
    const flat = all.replace(/\s+/g, '');
    for (const m of dibao.guide!.materials) expect(flat).toContain(m.name);
    expect(flat).toContain('原件及复印件，1份');
    expect(flat).not.toContain('必需'); // the guide never says 必需: a material without a condition is simply listed
    expect(flat).not.toContain('份数指南未载明');
    expect(flat).toContain('视情况：家庭成员中有残疾人的');
    expect(flat).toContain('说明：共同生活的家庭成员均需提供');
    expect(flat).toContain('事项类型：行政给付');
    expect(flat).toContain('实施主体：县民政局');
    expect(flat).toContain('承诺时限：20个工作日');
    expect(flat).toContain('法定时限：30个工作日');
    expect(flat).toContain('收费标准】不收费');
    expect(flat).toContain('城关镇便民服务中心3号窗口（民政）');
    expect(flat).toContain('咨询电话：0991-2345678'); // the guide gives no phone: the centre's
    expect(flat).toContain('监督电话：0991-12345');
    expect(flat).toContain('告知日期：2026年11月23日');
    // A blank to the end of the line for the name, the date on its own line.
    expect(all).toMatch(new RegExp(`申请人签字：_{${columns - 12}}`));
    expect(all).toContain('日期：______年____月____日');
    expect(flat).toContain('社会救助暂行办法');
    expect(flat).toContain('发放最低生活保障金');
    expectNoEdgeWrap(job, columns);
  });

  it('notice slip says 指南未载明 for every field the guide leaves out; no limit → the 20-working-day rule', () => {
    const flat = text(
      noticeSlip({ matter: sparse, center, columns, printedAt: new Date('2026-11-23T02:00:00Z') }),
      columns,
    ).replace(/\s+/g, '');
    expect(flat).toContain('【设定依据】指南未载明');
    expect(flat).toContain('【办理流程】指南未载明');
    expect(flat).not.toContain('承诺时限');
    expect(flat).toContain('办结时限：20个工作日');
    expect(flat).toContain('法律法规和政策没有规定的，按20个工作日计算（本中心限时办结制度第六条）');
    expect(flat).toContain('【收费标准】指南未载明');
    expect(flat).toContain('【办理地点】城关镇人民路88号一楼大厅'); // no place in the guide: the centre address
  });

  it('a matter without a guide gets a 咨询指引 (window, hours, phone), never a 一次性告知单', () => {
    const flat = text(
      noticeSlip({
        matter: { ...dibao, guide: null },
        center,
        columns,
        printedAt: '2026-11-23T02:00:00Z',
        windowText: '3号窗口',
        hours: '工作日 09:30-13:30',
      }),
      columns,
    ).replace(/\s+/g, '');
    expect(flat).toContain('咨询指引');
    expect(flat).not.toContain('一次性告知单');
    expect(flat).not.toContain('全部材料');
    expect(flat).toContain('本中心尚未公布该事项的办事指南');
    expect(flat).toContain('【咨询窗口】3号窗口');
    expect(flat).toContain('【办公时间】工作日09:30-13:30');
    expect(flat).toContain('咨询电话：0991-2345678');
  });

  it('acceptance receipt: case number, kind, promised date, window, QR to the case page', () => {
    const job = acceptanceReceipt({ caseRecord: acceptedCase, center, columns, statusUrl: caseUrl });
    const flat = text(job, columns).replace(/\s+/g, '');
    expect(flat).toContain('受理回执');
    expect(flat).toContain('办件编号：20261123-0007');
    expect(flat).toContain('事项名称：城市居民最低生活保障申请');
    expect(flat).toContain('受理时间：2026-11-2310:15');
    expect(flat).toContain('办件类型：承诺件');
    expect(flat).toContain('承诺办结：2026年12月21日');
    expect(flat).toContain('受理窗口：3号窗口');
    expect(flat).toContain('监督电话：0991-12345');
    const qr = renderModel(job, { widthDots: dots(columns) }).items.find((i) => i.kind === 'qr');
    expect(qr && qr.kind === 'qr' && qr.data).toBe(caseUrl);
    const immediate = text(
      acceptanceReceipt({
        caseRecord: { ...acceptedCase, kind: 'immediate', promisedDate: null },
        center,
        columns,
        statusUrl: caseUrl,
      }),
      columns,
    );
    expect(immediate.replace(/\s+/g, '')).toContain('办件类型：即办件');
    expect(immediate).toContain('当场办结');
    expectNoEdgeWrap(job, columns);
  });

  it('appointment slip: the code big, day with its weekday, slot, category, matter, windows, masked identity, QR YY:<code>', () => {
    const job = appointmentSlip({
      appointment,
      categoryName: '民政',
      matterName: dibao.name,
      windowsText: '4、5号窗口',
      center,
      columns,
    });
    const model = renderModel(job, { widthDots: dots(columns) });
    const flat = model.lines.join('\n').replace(/\s+/g, '');
    expect(flat).toContain('预约凭条');
    const code = model.items.find((i) => i.kind === 'text' && i.glyphs.map((g) => g.ch).join('') === 'K79N9DQC');
    expect(code && code.kind === 'text' && code.height).toBe(48);
    expect(flat).toContain('预约日期：2026年11月24日星期二');
    expect(flat).toContain('预约时段：09:30-10:30');
    expect(flat).toContain('办理业务：民政');
    expect(flat).toContain(`办理事项：${dibao.name}`);
    expect(flat).toContain('办理窗口：4、5号窗口');
    expect(flat).toContain('预约人：张*三');
    expect(flat).toContain('身份证号：6527**********1233');
    const qr = model.items.find((i) => i.kind === 'qr');
    expect(qr && qr.kind === 'qr' && qr.data).toBe('YY:K79N9DQC');
    expect(model.cuts).toBe(1);
    expectNoEdgeWrap(job, columns);
  });

  it('a centre phone left empty prints no phone line at all, and no slip points to a supervision phone it lacks', () => {
    const bare = { ...center, phone: '', supervisionPhone: '' };
    const jobs = [
      acceptanceReceipt({ caseRecord: acceptedCase, center: bare, columns, statusUrl: caseUrl }),
      correctionNotice({
        caseRecord: { ...acceptedCase, state: 'correction' },
        missing: ['户口簿'],
        center: bare,
        columns,
        printedAt: new Date('2026-11-23T02:15:00Z'),
      }),
      rejectionNotice({
        caseRecord: { ...acceptedCase, state: 'rejected' },
        reason: '不属于本中心受理范围',
        center: bare,
        columns,
        printedAt: new Date('2026-11-23T02:15:00Z'),
      }),
    ];
    jobs.push(
      noticeSlip({ matter: dibao, center: bare, columns, printedAt: '2026-11-23T02:00:00Z' }),
      noticeSlip({
        matter: { ...dibao, guide: null },
        center: bare,
        columns,
        printedAt: '2026-11-23T02:00:00Z',
        windowText: null,
        hours: null,
      }),
    );
    for (const job of jobs) {
      const flat = text(job, columns).replace(/\s+/g, '');
      expect(flat).not.toContain('本中心未公布');
      expect(flat).not.toContain('监督电话');
      expect(flat).not.toContain('咨询电话');
    }
  });

  it('correction notice lists the missing materials and says the time limit restarts', () => {
    const job = correctionNotice({
      caseRecord: { ...acceptedCase, state: 'correction' },
      missing: [dibao.guide!.materials[0]!, '近6个月银行流水（加盖银行印章）'],
      center,
      columns,
      printedAt: '2026-11-23T03:00:00Z',
      note: '户口簿复印件缺少本人页',
    });
    const flat = text(job, columns).replace(/\s+/g, '');
    expect(flat).toContain('补正材料通知书');
    expect(flat).toContain('1.户口簿（原件及复印件，1份）');
    expect(flat).toContain('2.近6个月银行流水（加盖银行印章）');
    expect(flat).toContain('说明：户口簿复印件缺少本人页');
    expect(flat).toContain('办结时限自收到补正材料的次日起计算'); // 限时办结制度 第八条
    expect(flat).toContain('申请人签字');
    expectNoEdgeWrap(job, columns);
  });

  it('rejection notice gives the reason and the remedies', () => {
    const job = rejectionNotice({
      caseRecord: { ...acceptedCase, state: 'rejected' },
      reason: '申请人户籍不在本镇，不属于本中心受理范围。',
      referTo: '请到户籍所在地乡镇（街道）便民服务中心申请。',
      center,
      columns,
      printedAt: '2026-11-23T03:00:00Z',
    });
    const flat = text(job, columns).replace(/\s+/g, '');
    expect(flat).toContain('不予受理告知书');
    expect(flat).toContain('决定不予受理');
    expect(flat).toContain('申请人户籍不在本镇，不属于本中心受理范围。');
    expect(flat).toContain('六十日内依法申请行政复议');
    expect(flat).toContain('请到户籍所在地乡镇（街道）便民服务中心申请。');
    expectNoEdgeWrap(job, columns);
  });
});

describe('layout parameters', () => {
  it('refuses a column count other than 32 or 48, in Chinese', () => {
    expect(() => ticketSlip({ ticket, category, center, statusUrl, reprint: false, columns: 40 })).toThrow(
      /32（58 毫米纸）或 48（80 毫米纸）/,
    );
  });

  it('wraps long lines within the paper: every printed line is at most the column count', () => {
    for (const columns of [32, 48]) {
      const lines = printed(noticeSlip({ matter: dibao, center, columns, printedAt: '2026-11-23T02:00:00Z' }), columns);
      for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(columns);
      // A hanging indent: the continuation of material 5's condition starts under the text, not at the edge.
      expect(lines.some((l) => /^ {3}\S/.test(l))).toBe(true);
    }
  });

  it('the 58 mm notice slip is longer than the 80 mm one (same text, narrower paper)', () => {
    const narrow = printed(
      noticeSlip({ matter: dibao, center, columns: 32, printedAt: '2026-11-23T02:00:00Z' }),
      32,
    ).length;
    const wide = printed(
      noticeSlip({ matter: dibao, center, columns: 48, printedAt: '2026-11-23T02:00:00Z' }),
      48,
    ).length;
    expect(narrow).toBeGreaterThan(wide);
  });
});
