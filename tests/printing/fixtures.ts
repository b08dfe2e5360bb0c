// Realistic domain data for the printed layouts. Only masked personal data.
import type { Appointment } from '../../server/contract/appointments.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';
import type { CategoryView, Ticket } from '../../server/contract/queue.ts';
import type { Matter } from '../../server/contract/matters.ts';
import type { SlipCenter } from '../../server/printing/slip-kit.ts';

export const center: SlipCenter = {
  name: '城关镇便民服务中心',
  level: 'township',
  address: '城关镇人民路88号一楼大厅',
  phone: '0991-2345678',
  supervisionPhone: '0991-12345',
  timezone: 'Asia/Shanghai',
};

export const category: Pick<CategoryView, 'name' | 'windows'> = { name: '民政业务', windows: [3, 1] };

export const ticket: Ticket = {
  id: 'tk_20261123_a012',
  number: 'A012',
  categoryId: 'civil',
  serviceDate: '2026-11-23',
  status: 'waiting',
  priority: null,
  priorityConfirmed: false,
  issuedAt: '2026-11-23T01:30:00.000Z', // 09:30 in Beijing
  calledAt: null,
  finishedAt: null,
  windowNo: null,
  targetWindowNo: null,
  recallCount: 0,
  appointmentId: null,
  nameMasked: '张*三',
  idMasked: '6527**********1234',
  matterIds: ['dibao'],
  ahead: 7,
  orderKey: Date.parse('2026-11-23T01:30:00.000Z'),
};

export const statusUrl = 'http://192.168.1.20:8080/t/tk_20261123_a012';
export const caseUrl = 'http://192.168.1.20:8080/c/case_20261123_0007';

export const dibao: Matter = {
  id: 'dibao',
  name: '城市居民最低生活保障申请',
  type: '行政给付',
  body: '县民政局（乡镇人民政府、街道办事处受理、审核）',
  levels: ['township', 'street'],
  department: '民政',
  categoryId: 'civil',
  guide: {
    basis: [
      '《社会救助暂行办法》（国务院令第649号）第九条至第十五条',
      '《最低生活保障审核确认办法》（民发〔2021〕57号）',
    ],
    conditions: [
      '持有本地城镇常住户口，且共同生活的家庭成员人均收入低于当地城市最低生活保障标准',
      '家庭财产状况符合当地规定',
    ],
    materials: [
      { name: '户口簿', original: true, copy: true, count: 1, required: true, condition: null, note: null },
      {
        name: '身份证',
        original: true,
        copy: true,
        count: 1,
        required: true,
        condition: null,
        note: '共同生活的家庭成员均需提供',
      },
      {
        name: '最低生活保障申请书',
        original: true,
        copy: false,
        count: 1,
        required: true,
        condition: null,
        note: null,
      },
      {
        name: '家庭经济状况核对授权书',
        original: true,
        copy: false,
        count: null,
        required: true,
        condition: null,
        note: null,
      },
      {
        name: '残疾人证',
        original: true,
        copy: true,
        count: 1,
        required: false,
        condition: '家庭成员中有残疾人的',
        note: null,
      },
      {
        name: '医院诊断证明或病历',
        original: false,
        copy: true,
        count: 1,
        required: false,
        condition: '家庭成员患有重大疾病的',
        note: null,
      },
    ],
    steps: [
      '申请人向户籍所在地乡镇（街道）便民服务中心提出申请',
      '乡镇（街道）入户调查、民主评议并公示',
      '县民政局审核确认并公示',
      '发放最低生活保障金',
    ],
    promisedDays: 20,
    legalDays: 30,
    timeLimitText: '自受理之日起30个工作日内审核确认；特殊情况可延长至45个工作日',
    caseKind: 'promised',
    fees: '不收费',
    place: '城关镇便民服务中心3号窗口（民政）',
    phone: null,
    source: '城关镇便民服务事项清单（2026年版）第12项',
  },
};

/** A matter whose guide leaves most fields out: the slip must say 指南未载明, not skip them. */
export const sparse: Matter = {
  ...dibao,
  id: 'sparse',
  name: '临时救助申请',
  guide: {
    ...dibao.guide!,
    basis: [],
    steps: [],
    promisedDays: null,
    legalDays: null,
    timeLimitText: null,
    fees: null,
    caseKind: null,
    place: null,
    phone: null,
    materials: dibao.guide!.materials.slice(0, 2),
  },
};

export const acceptedCase: CaseRecord = {
  id: 'case_20261123_0007',
  caseNo: '20261123-0007',
  matterId: 'dibao',
  matterName: '城市居民最低生活保障申请',
  kind: 'promised',
  state: 'accepted',
  acceptedAt: '2026-11-23T02:15:00.000Z',
  promisedDate: '2026-12-21',
  ticketId: 'tk_20261123_a012',
  windowNo: 3,
  applicantMasked: '张*三',
  applicantIdMasked: null,
  applicantPhoneMasked: null,
  history: [],
  missingMaterials: [],
  reason: null,
  promisedDays: 20,
  matterType: '行政给付',
  // 20 working days after Monday 2026-11-23 on the 2026 calendar: 2026-12-21 (限时办结制度 第六条 default).
  clock: {
    limitDays: 20,
    limitSource: 'default',
    acceptedOn: '2026-11-23',
    startAfter: '2026-11-23',
    running: 'running',
    pausedReason: null,
    pausedSince: null,
    usedDays: 0,
    pausedDays: 0,
    applicantDays: 0,
    extensionDays: 0,
    allowedDays: 20,
    leftDays: 20,
    promisedDate: '2026-12-21',
    overdue: false,
    manual: null,
  },
  pauses: [],
  extensions: [],
  applicantDelays: [],
  correctionDue: null,
  correctionDaysLeft: null,
};

export const appointment: Appointment = {
  id: 'ap_20261124_01',
  code: 'K79N9DQC',
  matterId: 'dibao',
  categoryId: 'civil',
  date: '2026-11-24',
  slotFrom: '09:30',
  slotTo: '10:30',
  nameMasked: '张*三',
  idMasked: '6527**********1233',
  phoneMasked: null,
  status: 'booked',
  ticketId: null,
};

/** The same case after a 5-working-day extension approved in writing by the 分管领导 (限时办结制度 第七条). */
export const extendedCase: CaseRecord = {
  ...acceptedCase,
  promisedDate: '2026-12-28',
  clock: { ...acceptedCase.clock!, extensionDays: 5, allowedDays: 25, leftDays: 25, promisedDate: '2026-12-28' },
  extensions: [
    {
      id: 1,
      requestedAt: '2026-11-30T02:00:00.000Z',
      requestedBy: 'w3a',
      reason: '需等待社区完成入户调查和民主评议，并经街道低保评审小组过会',
      days: 5,
      oldDate: '2026-12-21',
      newDate: '2026-12-28',
      state: 'approved',
      decidedBy: 'leader',
      decidedByName: '分管领导',
      decidedAt: '2026-12-01T03:00:00.000Z',
      decisionNote: '同意',
    },
  ],
};
