// Seed 004 附件2 业务工作流程, section by section, as this table keeps it: the centre's own catalogue
// (config/matters/center.json + guides.json) must say exactly this — the section's own name, where the
// resident goes first, and each 提交资料 item as written (name, 原件/复印件, 份数, and a condition only
// where the seed states one). 一次性告知制度 第一条: 接待人应按政策法规及有关规定一次性告知; a name, a
// condition or a 原件 mark the seed does not give sends the resident back a second time.
//
// Corrections of the seed, each noted where it is made:
// - 民政㈠㈢ ②“居民户口薄” is 户口簿 (a typo in the published text).
// - 劳动保障(十一) ②“户口办” is 户口本 (kept as a note in the guide).
// - Items listed together (㈠④ 下岗证、离退休证、…) are split one per line, each required as written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CONFIG = new URL('../../config', import.meta.url).pathname;
const read = (f: string) => JSON.parse(readFileSync(join(CONFIG, 'matters', f), 'utf8'));

interface GuideMaterial {
  name: string;
  original: boolean;
  copy: boolean;
  count: number | null;
  required: boolean;
  condition: string | null;
}
const guides = read('guides.json').guides as Record<
  string,
  { title: string; place: string | null; materials: GuideMaterial[]; audience?: string }
>;
const centre = read('center.json').matters as { id: string; name: string; guide: string }[];

/** [name, 原件/复印件 as printed, count, condition (null = required as written)] */
type Row = [string, '' | '原件' | '复印件' | '原件及复印件', number | null, string | null];
interface Section {
  id: string;
  name: string;
  guide: string;
  place: string | null;
  materials: Row[];
}

const SEED_004: Section[] = [
  {
    id: 'street-03',
    name: '最低生活保障',
    guide: 'urban-minimum-living',
    place: null,
    materials: [
      ['书面申请报告', '', 1, null],
      // ② 原文“居民户口薄和所有成员身份证及复印件”: 户口薄 corrected to 户口簿
      ['居民户口簿和所有成员身份证', '原件及复印件', 1, null],
      ['房屋产权或房屋租赁等居住情况证明(房产证、租房合同等)', '', 1, null],
      ['下岗证', '', 1, null],
      ['离退休证', '', 1, null],
      ['结婚证', '', 1, null],
      ['离婚证(判决书)', '', 1, null],
      ['残疾证(县以上医疗疾病诊断)', '', 1, null],
      ['学生证(入学通知书)', '', 1, null],
      ['租房合同', '', 1, null],
      ['就业状况证明', '', 1, null],
      ['劳动能力状况证明', '', 1, null],
      ['养老保险证明', '', 1, null],
      ['失业保险证明', '', 1, null],
      ['下岗职工基本生活费证明', '', 1, null],
      ['按有关政策领取一次性补助费的数额及用途证明', '', 1, null],
      ['有关裁决、判决材料', '', 1, null],
      ['有关部门出具的求职登记证明', '', 1, '符合就业条件而未就业人员'],
      ['县市以上医院的证明书', '', 1, '患有大病、重病'],
      ['其它需要提供的相关证明材料', '', 1, null],
    ],
  },
  {
    id: 'gl-01',
    name: '低保金发放',
    guide: 'minimum-living-payment',
    place: null,
    materials: [
      ['低保证', '', null, null],
      ['身份证', '', null, null],
      ['户口本', '', null, null],
    ],
  },
  {
    id: 'gl-02',
    name: '城市困难家庭廉租房申请',
    guide: 'low-rent-housing',
    place: null,
    materials: [
      ['书面申请报告', '', 3, null],
      // ② 原文“居民户口薄…”: corrected to 户口簿; ⑦ 所有材料一式三份
      ['居民户口簿和所有成员身份证', '原件及复印件', 3, null],
      ['下岗证', '', 3, null],
      ['离退休证', '', 3, null],
      ['结婚证', '', 3, null],
      ['离婚证(判决书)', '', 3, null],
      ['残疾证(县以上医疗疾病诊断)', '', 3, null],
      ['学生证(入学通知书)', '', 3, null],
      ['租房合同', '', 3, null],
      ['家庭住房状况的证明材料(房产证、租房合同)', '', 3, null],
      ['县市以上医院的证明书', '', 3, '患有大病、重病'],
      ['其它需要提供的相关证明材料', '', 3, null],
    ],
  },
  {
    id: 'gl-03',
    name: '租赁补贴发放',
    guide: 'rent-subsidy-payment',
    place: null,
    materials: [
      ['低保证', '', null, null],
      ['身份证', '', null, null],
      ['户口本', '', null, null],
    ],
  },
  {
    id: 'gl-04',
    name: '城市医疗救助',
    guide: 'urban-medical-relief',
    place: null,
    materials: [
      ['身份证', '复印件', 1, null],
      ['户口簿', '复印件', 1, null],
      ['转院证', '原件', 1, null],
      // ④ 原件: ⑥“提供的资料需原件一式一份，如无原件，必须提供保险理赔单”
      ['救助对象的出院发票、新农合医疗住院补偿结算单、城镇居民医疗保险住院费用结算审核表、出院证', '原件', 1, null],
      ['低保证、保险公司赔付单', '原件', 1, null],
      ['申请救助表', '', 3, null],
    ],
  },
  {
    id: 'street-05',
    name: '临时救助给付',
    guide: 'urban-temporary-relief',
    place: null,
    materials: [
      ['身份证', '原件及复印件', 1, null],
      ['户口簿', '原件及复印件', 1, null],
      ['社区出具的家庭情况说明', '', 1, null],
      ['医院诊断证明', '', 1, '因患重大疾病'],
      ['申请救助表', '', 3, null],
    ],
  },
  {
    id: 'gl-05',
    name: '城市低保生活救助',
    guide: 'minimum-living-relief',
    place: null,
    materials: [
      ['低保家庭享受低保金人员身份证', '复印件', 1, null],
      ['户口簿', '复印件', 1, null],
      ['低保证', '', 1, null],
      ['申请救助表', '', 3, null],
    ],
  },
  {
    id: 'gl-06',
    name: '优抚对象抚恤金、复员干部生活津贴发放',
    guide: 'special-care-pension',
    place: null,
    materials: [],
  },
  {
    id: 'street-30',
    name: '高龄老人生活津贴申请、发放',
    guide: 'elderly-allowance',
    place: '所在社区（带上相关证件到社区申请）',
    materials: [
      ['户口本', '原件及复印件', 3, null],
      ['身份证', '原件及复印件', 3, null],
      ['一寸照片', '', 3, null],
    ],
  },
  {
    id: 'gl-07',
    name: '高龄老人体检',
    guide: 'elderly-health-check',
    place: '所在社区（社区通知辖区老人参加体检）',
    materials: [
      ['户口本', '复印件', 3, null],
      ['身份证', '复印件', 3, null],
      ['一寸照片', '', 3, null],
    ],
  },
  {
    id: 'gl-08',
    name: '殡葬救助',
    guide: 'funeral-relief',
    place: '所在社区（带上相关证件到社区申请）',
    materials: [
      ['申请人身份证', '', 3, null],
      ['户口本', '复印件', 3, null],
      ['低保证', '复印件', 3, null],
      ['死亡证明或户口注销证明', '', 3, null],
    ],
  },
  {
    id: 'gl-09',
    name: '残疾人创业资金申请',
    guide: 'disabled-startup-fund',
    place: '所在社区（本人或其监护人到社区提出申请）',
    materials: [
      ['《残疾人家庭申请创业就业申请书》', '', null, null],
      ['《残疾人创业就业补助资金申请审批表》', '', null, null],
      ['第二代残疾人证', '原件及复印件', null, null],
    ],
  },
  {
    id: 'street-47',
    name: '辅助器具申请',
    guide: 'assistive-devices',
    place: null,
    materials: [
      ['残疾人证', '', null, null],
      ['身份证', '', null, null],
      ['低保证或贫困证明', '', null, null],
      ['《辅助器具申请审批表》', '', null, null],
      ['《辅助器具评估适配表》', '', null, null],
    ],
  },
  {
    id: 'gl-10',
    name: '白内障复明手术申请',
    guide: 'cataract-surgery',
    place: null,
    materials: [
      ['本人申请书', '', 1, null],
      ['《白内障患者手术受助申请表》', '', 2, null],
      ['本人户口簿', '', null, null],
      ['身份证', '', null, null],
      ['享受低保证明', '原件及复印件', null, null],
    ],
  },
  {
    id: 'street-44',
    name: '残疾人机动轮椅车燃油补贴',
    guide: 'wheelchair-fuel-subsidy',
    place: '所在社区（本人或其监护人到社区提出申请）',
    materials: [
      ['第二代《中华人民共和国残疾人证》', '原件及复印件', null, null],
      ['购买机动轮椅车的相关凭证', '', null, null],
    ],
  },
  {
    id: 'gl-11',
    name: '资助居家托老残疾人申请',
    guide: 'disabled-home-care',
    place: null,
    materials: [
      ['个人户籍证明材料', '', null, null],
      ['《中华人民共和国残疾人证》(第二代)', '原件及复印件', null, null],
      ['《阳光家园计划残疾人托养(家庭)资助申请审批表》', '', null, null],
      ['社区出具的个人家庭经济状况证明材料(低保证复印件)', '复印件', null, null],
    ],
  },
  {
    id: 'street-11',
    name: '就业困难人员认定',
    guide: 'employment-difficulty',
    place: '所在社区（居民到社区申请；社区初审后，本人到服务中心审核填写表格）',
    materials: [
      ['身份证', '原件及复印件', 3, null],
      ['户口簿', '原件及复印件', 3, null],
      ['就业失业登记证', '原件及复印件', 3, null],
      ['一寸彩色相片', '', 3, null],
      ['民政部门发放的《最低生活保障金领取证》', '原件及复印件', null, '享受城镇最低生活保障人员'],
      ['残联发放的《残疾人证》', '原件及复印件', null, '残疾人员'],
    ],
  },
  {
    id: 'gl-12',
    name: '就业援助金',
    guide: 'employment-assistance-fund',
    place: null,
    materials: [
      ['身份证', '原件及复印件', 3, null],
      ['户口簿', '原件及复印件', 3, null],
      ['就业失业登记证', '原件及复印件', 3, null],
      ['一寸彩色相片', '', 3, null],
      ['民政部门核发的《低保证》', '原件及复印件', null, '享受城镇最低生活保障待遇的人员'],
      ['《残疾人证》', '原件及复印件', null, '残疾人'],
      ['其他有关的个人相关证明', '原件及复印件', null, '按不同的人员类别提供'],
    ],
  },
  {
    id: 'gl-13',
    name: '实名制大中专毕业生登记',
    guide: 'graduate-registration',
    place: '所在社区（个人到社区报到）',
    materials: [
      ['身份证', '原件及复印件', 1, null],
      ['户口簿', '原件及复印件', 1, null],
      ['毕业证和学士学位证', '', 1, null],
      ['一寸照片', '', 1, null],
    ],
  },
  {
    id: 'street-20',
    name: '居民基本医疗保险参保登记',
    guide: 'urban-resident-medical-insurance',
    place: null,
    materials: [
      ['社保卡', '', null, '续保人员'],
      ['身份证', '', null, '新增人员'],
      ['一寸照片', '', 1, null],
    ],
  },
  {
    id: 'gl-14',
    name: '城镇居民养老保险',
    guide: 'urban-resident-pension-insurance',
    place: null,
    materials: [
      ['户口本', '', null, '新增人员'],
      ['身份证', '', null, null],
      ['一寸照片', '', 1, null],
    ],
  },
  {
    id: 'street-23',
    name: '企业退休人员领取养老金资格认证',
    guide: 'retiree-certification',
    place: '所在社区（或包片干部上门进行资格认证）',
    materials: [
      ['身份证', '复印件', null, null],
      ['一寸照片', '', 1, null],
    ],
  },
  {
    id: 'gl-15',
    name: '小额担保贷款',
    guide: 'small-guaranteed-loan',
    place: '所在社区（居民到社区申请）',
    materials: [
      ['贷款人及配偶双方有效的身份证', '原件及复印件', null, null],
      ['贷款人及配偶双方户口本', '原件及复印件', null, null],
      ['结婚证', '原件及复印件', null, null],
      ['一寸照片', '', 3, null],
      ['借款人持有的就业失业登记证、复转退役军人证(或大中专毕业证)', '原件及复印件', null, null],
      ['经营项目相关证明', '', null, null],
      ['项目经营场地现状图片', '', null, null],
      ['贷款担保人身份证', '原件及复印件', 3, null],
      ['贷款担保人户口簿', '原件及复印件', 3, null],
      ['贷款担保人近三个月工资证明(条)', '', 3, null],
      ['贷款担保人一寸照片', '', 3, null],
      ['家庭收入证明', '', null, null],
      ['家庭财产证明', '', null, null],
      ['客户经济档案', '', null, null],
    ],
  },
  {
    id: 'street-09',
    name: '就业登记、失业登记及就业失业登记证发放',
    guide: 'employment-registration-card',
    place: null,
    materials: [
      ['身份证', '原件及复印件', 2, null],
      ['户口簿', '原件及复印件', 2, null],
      ['毕业证和学士学位证', '', 2, null],
      ['两寸照片', '', 3, null],
      ['劳动合同', '', 2, null],
      ['社保缴费单子', '', 2, null],
      ['营业执照', '', 2, null],
      ['居住证明', '', 2, null],
    ],
  },
  {
    id: 'gl-16',
    name: '《就业失业登记证》年审',
    guide: 'employment-card-annual-review',
    place: '所在社区（每年3-5月内到社区进行年审）',
    materials: [
      ['身份证', '', null, null],
      ['就业失业登记证', '', null, null],
    ],
  },
  {
    id: 'street-13',
    name: '社会保险补贴(个人)',
    guide: 'social-insurance-subsidy-person',
    place: '所在社区（个人到社区申请）',
    materials: [
      ['本人身份证', '', null, null],
      ['户口本', '', null, null],
      ['就业失业登记证', '', null, null],
      ['毕业证', '原件及复印件', null, null],
      ['社保机构出具的缴费证明', '', null, null],
      ['社区出具的灵活就业认定证明', '', null, null],
    ],
  },
  {
    id: 'street-14',
    name: '社会保险补贴(企业)',
    guide: 'social-insurance-subsidy-employer',
    place: '所在社区（企业到社区申请）',
    materials: [
      // ① 复印件 as written, no 原件
      ['符合享受社会保险补贴条件人员名单及身份证复印件', '复印件', null, null],
      ['《就业失业登记证》', '复印件', null, null],
      ['劳动合同', '复印件', null, null],
      ['员工花名册', '', null, null],
      ['社会保险征缴机构出具的社会保险明细账(单)', '', null, null],
      ['用人单位在银行开立的基本账户等凭证材料', '', null, null],
      ['用人单位营业执照,法人身份证', '复印件', null, null],
      ['人社部门要求提交的其他相关材料', '', null, null],
    ],
  },
  {
    id: 'gl-17',
    name: '超过法定退休年龄参保补费人员申请审批',
    guide: 'over-age-insurance-payment',
    place: '所在社区（个人到社区申请）',
    materials: [
      ['身份证', '', null, null],
      ['户口本', '', null, null],
      ['原单位开证明', '', null, null],
      ['社区公示', '', null, null],
      ['一寸照片', '', 4, null],
    ],
  },
  { id: 'gl-18', name: '劳动监察', guide: 'labour-inspection', place: null, materials: [] },
  {
    id: 'gl-19',
    name: '计划生育奖励扶助',
    guide: 'family-planning-reward',
    place: '所在社区（符合条件的居民到社区申请）',
    materials: [
      ['夫妻双方身份证', '', null, null],
      ['户口本', '', null, null],
      ['结婚证', '', null, null],
      ['一寸照片', '', 3, null],
      ['孩子的户口本', '', null, null],
      ['光荣证', '复印件', null, null],
      ['下岗证', '', null, '下岗人员'],
    ],
  },
  {
    id: 'street-37',
    name: '生育登记服务',
    guide: 'birth-certificate',
    place: '所在社区（符合生育条件的居民到社区申请，服务中心全程办理）',
    materials: [
      ['夫妻双方身份证', '', null, null],
      ['户口本', '', null, null],
      ['结婚证', '', null, null],
      ['2寸合影', '', 2, null],
      ['申请表', '', 1, null],
      ['户籍所在地出具的流动人口婚育证明', '', null, '一方或者双方为流动人口的'],
      ['离婚证、离婚协议或法院判决书', '原件', null, '一方或者双方为再婚的'],
    ],
  },
  {
    id: 'street-01',
    name: '再生育审核',
    guide: 'special-birth-certificate',
    place: '所在社区（符合生育条件的居民到社区申请，服务中心全程办理）',
    materials: [
      ['夫妻双方身份证', '', null, null],
      ['户口本', '', null, null],
      ['结婚证', '', null, null],
      // 特批生育服务证“除提供以上材料外”: the base 2寸合影两张 stays
      ['2寸合影', '', 2, null],
      ['申请表', '', 1, null],
      ['户籍所在地出具的流动人口婚育证明', '', null, '一方或者双方为流动人口的'],
      ['离婚证、离婚协议或法院判决书', '原件', null, '一方或者双方为再婚的'],
      ['夫妻双方个人申请', '', null, null],
      ['单位证明', '', null, '有工作单位的'],
      ['社区证明', '', null, '有工作单位的'],
      ['社区出具的证明', '', null, '无业的'],
      ['二(三)孩申请表', '', 3, null],
      ['再生育申请表', '', 3, null],
      ['2寸合影', '', 3, null],
      ['所有证件复印件', '复印件', 1, null],
    ],
  },
  {
    id: 'gl-20',
    name: '“两证”办理',
    guide: 'two-certificates',
    place: '所在社区（符合生育条件的居民到社区申请，服务中心全程办理）',
    materials: [],
  },
  {
    id: 'street-42',
    name: '出具流动人口婚育证明',
    guide: 'floating-population-marriage',
    place: null,
    materials: [
      ['身份证', '', null, null],
      ['户口本', '', null, null],
      ['结婚证', '', null, '已婚的'],
      ['本人一寸照片', '', 2, null],
    ],
  },
  {
    id: 'gl-21',
    name: '孕优检查',
    guide: 'pre-pregnancy-check',
    place: '市计划生育指导站（参加孕优的夫妻双方到市计划生育指导站做检查）',
    materials: [
      ['身份证', '', null, null],
      ['户口本', '', null, null],
      ['结婚证', '', null, null],
    ],
  },
  { id: 'gl-22', name: '计生药具发放', guide: 'contraceptives', place: null, materials: [] },
];

const forms = (m: GuideMaterial) =>
  [m.original ? '原件' : null, m.copy ? '复印件' : null].filter(Boolean).join('及') as Row[1];

describe('the centre’s guides against seed 004 附件2, section by section', () => {
  it('has exactly the sections of the table, under the seed’s own names', () => {
    expect(centre.map((m) => [m.id, m.name, m.guide])).toEqual(SEED_004.map((s) => [s.id, s.name, s.guide]));
  });

  it.each(SEED_004.map((s) => [s.name, s] as const))('%s: every 提交资料 item as written', (_name, s) => {
    const guide = guides[s.guide]!;
    expect(guide.place, `${s.name}: 办理地点`).toBe(s.place);
    expect(
      guide.materials.map((m): Row => [m.name, forms(m), m.count, m.condition]),
      s.name,
    ).toEqual(s.materials);
    // required exactly where no condition is given: a 视情况 without a condition from the seed is invented
    for (const m of guide.materials) expect(m.required, `${s.name}: ${m.name}`).toBe(m.condition === null);
  });

  it('invents no eligibility in a name: no age or 低保 condition the seed does not give', () => {
    const names = centre.map((m) => m.name);
    expect(names).not.toContain('80周岁以上低保长寿老年人高龄津贴');
    expect(names).toContain('高龄老人生活津贴申请、发放');
    expect(names).toContain('辅助器具申请');
    expect(names.join()).not.toMatch(/周岁|长寿/);
  });

  it('keeps no 视情况 the seed does not state (低保 ④⑤, 廉租房 ③)', () => {
    const optional = (key: string) =>
      guides[key]!.materials.filter((m) => !m.required).map((m) => [m.name, m.condition]);
    expect(optional('urban-minimum-living')).toEqual([
      ['有关部门出具的求职登记证明', '符合就业条件而未就业人员'],
      ['县市以上医院的证明书', '患有大病、重病'],
    ]);
    expect(optional('low-rent-housing')).toEqual([['县市以上医院的证明书', '患有大病、重病']]);
  });
});
