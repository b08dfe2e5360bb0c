// 限时办结 at the window: the case's clock (accepted on, time limit and where it came from, paused why and
// since when, working days used and left, promised date and how it was set), and the steps that change it —
// 上报 / 上级返回, 申请延期, 申请人原因, the 受理决定 of a 收件 case — each a small form with its reason.
// The server checks and counts everything again (server/cases/clock.ts); this only shows and asks.
import { useState } from 'preact/hooks';
import {
  EXTENSION_STATE_NAMES,
  LIMIT_SOURCE_NAMES,
  REPORT_OUTCOME_NAMES,
  type CaseClock,
  type CaseRecord,
  type LimitSource,
  type ReportOutcome,
} from '../../server/contract/cases.ts';

const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** How the clock reads in one line (for list rows and supervision). */
export function clockSummary(k: CaseClock | null): string {
  if (!k) return '';
  if (k.running === 'not-started') return '待补正，未开始计时';
  if (k.running === 'paused') return `上报暂停 · 已用 ${k.usedDays ?? '—'} 剩 ${k.leftDays ?? '—'} 个工作日`;
  if (k.usedDays === null) return '日历缺年份，按人工确认日期';
  return `已用 ${k.usedDays} / ${k.allowedDays} 个工作日${k.leftDays !== null && k.leftDays >= 0 ? `，剩 ${k.leftDays}` : `，超 ${-(k.leftDays ?? 0)}`}`;
}

/** The clock's facts as definition-list rows (the case page). */
export function ClockFacts({ c }: { c: CaseRecord }) {
  const k = c.clock;
  if (!k) return null;
  return (
    <>
      <dt>受理日期</dt>
      <dd>{k.acceptedOn ?? '待补正材料后确定'}</dd>
      <dt>时限</dt>
      <dd data-testid="limit-source">
        {k.limitDays} 个工作日（{LIMIT_SOURCE_NAMES[k.limitSource]}）
        {k.extensionDays ? `＋延期 ${k.extensionDays}` : ''}
      </dd>
      <dt>承诺办结</dt>
      <dd>
        {k.promisedDate ?? (k.running === 'paused' ? '上级审批期间暂停，返回后重算' : '收到补正材料后计算')}
        {k.manual && <span class="tag manual">人工确认</span>}
        {k.manual?.check === 'disagrees' && <span class="warn"> 按日历应为 {k.manual.computedDate}，请核对</span>}
      </dd>
      <dt>本中心用时</dt>
      <dd data-testid="clock-used">
        {k.usedDays === null ? '日历缺少年份数据' : `已用 ${k.usedDays} 个工作日，剩余 ${k.leftDays} 个工作日`}
        {k.overdue && <span class="tag overdue">已超期</span>}
      </dd>
      {c.urgent && (
        <>
          <dt>急事特办</dt>
          <dd data-testid="clock-urgent">
            <span class="tag urgent">紧急</span>
            {c.urgent.markedOn} 由 {c.urgent.markedByName ?? c.urgent.markedBy} 标记；办结目标 {c.urgent.targetDate}
            {c.urgent.targetSetBy ? `（${c.urgent.targetSetByName ?? c.urgent.targetSetBy} 确定）` : '（当日办结）'}
            ；理由：{c.urgent.reason}
            {k.urgent?.late && <span class="tag overdue">未按期办结·第十二条（四）</span>}
          </dd>
        </>
      )}
      {(k.pausedDays > 0 || c.pauses.length > 0) && (
        <>
          <dt>上级办理</dt>
          <dd data-testid="clock-authority">
            {c.pauses
              .map(
                (p) =>
                  `${p.from} 报${p.authority}${p.to ? ` → ${p.to} ${REPORT_OUTCOME_NAMES[p.outcome!]}` : ' → 审批中'}（${p.days ?? '—'} 个工作日，不计入）`,
              )
              .join('；')}
          </dd>
        </>
      )}
      {k.pausedReason && (
        <>
          <dt>暂停计时</dt>
          <dd>
            {k.pausedReason}
            {k.pausedSince ? `，自 ${k.pausedSince} 起` : ''}
          </dd>
        </>
      )}
      {k.applicantDays > 0 && (
        <>
          <dt>申请人原因</dt>
          <dd>{c.applicantDelays.map((d) => `${d.days} 个工作日：${d.reason}`).join('；')}（不计入本中心时限）</dd>
        </>
      )}
      {c.extensions.length > 0 && (
        <>
          <dt>延期</dt>
          <dd>
            {c.extensions
              .map(
                (e) =>
                  `${EXTENSION_STATE_NAMES[e.state]} ${e.days} 个工作日（${e.reason}）${e.newDate ? ` → ${e.newDate}` : ''}${e.decidedByName ? `，${e.decidedByName}` : ''}${e.state === 'refused' && e.decisionNote ? `：${e.decisionNote}` : ''}`,
              )
              .join('；')}
          </dd>
        </>
      )}
    </>
  );
}

/** Where the number in the acceptance form will come from (the server applies the same rule, 第六条). */
export function limitPreview(
  guide: { promisedDays: number | null; legalDays: number | null } | null,
  typed: string,
): { days: number; source: LimitSource } {
  const n = Number(typed);
  if (typed && Number.isInteger(n) && n > 0 && n !== guide?.promisedDays) return { days: n, source: 'window' };
  if (guide?.promisedDays) return { days: guide.promisedDays, source: 'guide' };
  if (guide?.legalDays) return { days: guide.legalDays, source: 'legal' };
  return { days: 20, source: 'default' };
}

/** Monday–Friday dates of `year` from `after` on (the hand-confirmed date: weekdays only). */
export function weekdaysOf(year: string, after: string, count = 90): string[] {
  const out: string[] = [];
  let t = Math.max(Date.parse(`${year}-01-01T00:00:00Z`), Date.parse(`${after}T00:00:00Z`) + 86_400_000);
  while (out.length < count && new Date(t).getUTCFullYear() === Number(year)) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
    t += 86_400_000;
  }
  return out;
}

/** A date the server suggested (`earliest` of a calendar-missing / manual-date answer), or null. */
export function suggestedDate(body: Record<string, unknown>): string | null {
  const d = body.earliest;
  return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
}

/**
 * 人工确认: the calendar lacks `year`; the window picks a weekday and writes why. `suggested` is the earliest
 * plausible date the server computed (the known year exactly, the new year as weekdays less the statutory
 * holidays of 《全国年节及纪念日放假办法》): the form pre-fills it, marked 待核对 — the clerk checks it against the
 * State Council's notice before giving it to the applicant (issue 21 loophole 5).
 */
export function ManualDatePicker(props: {
  year: string;
  today: string;
  value: { date: string; reason: string };
  onChange(v: { date: string; reason: string }): void;
  suggested?: string | null;
}) {
  const listed = weekdaysOf(props.year, props.today);
  const days = props.suggested && !listed.includes(props.suggested) ? [...listed, props.suggested].sort() : listed;
  return (
    <div class="manual-date" data-testid="manual-date">
      <p class="warn">
        节假日日历尚无 {props.year}{' '}
        年的数据，无法按日历计算承诺办结日期。请人工确认日期（只能选周一至周五），并写明理由；回执上将注明“人工确认”，待日历数据到位后系统会自动核对。
      </p>
      <label>
        人工确认日期
        <select
          name="manualDate"
          value={props.value.date}
          onChange={(e) => props.onChange({ ...props.value, date: e.currentTarget.value })}
        >
          <option value="">请选择</option>
          {days.map((d) => (
            <option key={d} value={d}>
              {d} {WEEKDAY[new Date(`${d}T00:00:00Z`).getUTCDay()]}
            </option>
          ))}
        </select>
        {props.suggested && props.value.date === props.suggested && <span class="tag manual">待核对</span>}
      </label>
      {props.suggested && (
        <p class="suggested" data-testid="manual-suggested">
          系统建议的最早日期：<b>{props.suggested}</b>（待核对）——已知年份按官方日历、{props.year}{' '}
          年按周一至周五扣除法定节假日推算；请对照国务院办公厅 {props.year}{' '}
          年放假通知核对后再告知申请人，不得早于此日期。
        </p>
      )}
      <textarea
        name="manualReason"
        rows={2}
        placeholder="理由（必填），如：国务院尚未公布该年放假安排，按周一至周五计算"
        value={props.value.reason}
        onInput={(e) => props.onChange({ ...props.value, reason: e.currentTarget.value })}
      />
    </div>
  );
}

export type CaseStep = 'report' | 'return' | 'extension' | 'delay' | 'decide' | 'urgent';

/** The steps a case in this state offers (the server checks them again); 标记紧急 on an open 承诺件 not yet urgent. */
export function stepsFor(c: CaseRecord): { step: CaseStep; label: string }[] {
  const steps = baseSteps(c);
  if (c.kind === 'promised' && !c.urgent && ['accepted', 'correction', 'reported'].includes(c.state))
    steps.push({ step: 'urgent', label: '标记紧急' });
  return steps;
}

function baseSteps(c: CaseRecord): { step: CaseStep; label: string }[] {
  if (c.state === 'received') return [{ step: 'decide', label: '受理决定' }];
  if (c.state === 'reported')
    return [
      { step: 'return', label: '上级返回' },
      { step: 'delay', label: '申请人原因' },
    ];
  if (c.state === 'accepted' && c.kind === 'promised')
    return [
      { step: 'report', label: '上报上级审批' },
      { step: 'extension', label: '申请延期' },
      { step: 'delay', label: '申请人原因' },
    ];
  if (c.state === 'correction' && c.kind === 'promised') return [{ step: 'delay', label: '申请人原因' }];
  return [];
}

/** The form for one step; `send` posts it and answers true when the server accepted it. */
export function StepForm(props: {
  c: CaseRecord;
  step: CaseStep;
  today: string;
  busy: boolean;
  send(path: string, body: Record<string, unknown>, done: string): Promise<boolean>;
  onDone(): void;
}) {
  const { c, step } = props;
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState('');
  const [outcome, setOutcome] = useState<ReportOutcome>('approved');
  const [decision, setDecision] = useState<'accept' | 'correction' | 'reject'>('accept');
  const base = `/api/cases/${encodeURIComponent(c.id)}`;
  const n = Number(days);
  const daysOk = Number.isInteger(n) && n >= 1 && n <= 60;
  const go = async (path: string, body: Record<string, unknown>, done: string) => {
    if (await props.send(path, body, done)) props.onDone();
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (step === 'report')
      void go(`${base}/report`, { authority: text.trim() }, `${c.caseNo}：已上报${text.trim()}，暂停计时`);
    if (step === 'return')
      void go(
        `${base}/return`,
        { outcome, ...(reason.trim() ? { note: reason.trim() } : {}) },
        `${c.caseNo}：${REPORT_OUTCOME_NAMES[outcome]}`,
      );
    if (step === 'extension')
      void go(`${base}/extension`, { days: n, reason: reason.trim() }, `${c.caseNo}：延期申请已提交，待分管领导批准`);
    if (step === 'delay')
      void go(
        `${base}/applicant-delay`,
        { days: n, reason: reason.trim() },
        `${c.caseNo}：已登记申请人原因 ${n} 个工作日`,
      );
    if (step === 'urgent')
      void go(`${base}/urgent`, { reason: reason.trim() }, `${c.caseNo}：已标记紧急（急事特办），当日办结`);
    if (step === 'decide') {
      const body: Record<string, unknown> = { outcome: decision };
      if (decision === 'correction')
        body.missingMaterials = text
          .split(/[\n、；;]/)
          .map((s) => s.trim())
          .filter(Boolean);
      if (decision === 'reject') body.rejectReason = reason.trim();
      void go(`${base}/decide`, body, `${c.caseNo}：已作出受理决定`);
    }
  };
  const ready =
    step === 'report'
      ? text.trim().length > 0
      : step === 'return'
        ? outcome !== 'not-approved' || reason.trim().length > 0
        : step === 'decide'
          ? decision === 'accept' || (decision === 'correction' ? text.trim() : reason.trim()).length > 0
          : step === 'urgent'
            ? reason.trim().length > 0
            : daysOk && reason.trim().length > 0;
  return (
    <form class="step-form" data-testid={`step-${step}`} onSubmit={submit}>
      {step === 'report' && (
        <input
          name="authority"
          placeholder="接收上报的上级机关、部门（如：博乐市民政局）"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      )}
      {step === 'return' && (
        <div class="row">
          {(['approved', 'returned', 'not-approved'] as const).map((o) => (
            <label key={o}>
              <input type="radio" name="outcome" checked={outcome === o} onChange={() => setOutcome(o)} />{' '}
              {REPORT_OUTCOME_NAMES[o]}
            </label>
          ))}
        </div>
      )}
      {step === 'decide' && (
        <div class="row">
          {(['accept', 'correction', 'reject'] as const).map((o) => (
            <label key={o}>
              <input type="radio" name="decision" checked={decision === o} onChange={() => setDecision(o)} />{' '}
              {{ accept: '受理', correction: '一次性告知补正', reject: '不予受理' }[o]}
            </label>
          ))}
        </div>
      )}
      {step === 'decide' && decision === 'correction' && (
        <textarea
          name="missingMaterials"
          rows={2}
          placeholder="需补正的材料，每行一项"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      )}
      {(step === 'extension' || step === 'delay') && (
        <label>
          {step === 'extension' ? '延长' : '延误'}
          <input
            name="days"
            class="days"
            inputMode="numeric"
            value={days}
            onInput={(e) => setDays(e.currentTarget.value.replace(/\D/g, ''))}
          />
          个工作日
        </label>
      )}
      {(step === 'extension' ||
        step === 'urgent' ||
        step === 'delay' ||
        step === 'return' ||
        (step === 'decide' && decision === 'reject')) && (
        <textarea
          name="reason"
          rows={2}
          placeholder={
            step === 'urgent'
              ? '紧急的理由（必填，将记录；如：申请人明日住院手术急需证明）'
              : step === 'extension'
                ? '延期理由（必填，将写入延期办理告知书）'
                : step === 'delay'
                  ? '申请人原因（必填）'
                  : step === 'return'
                    ? outcome === 'not-approved'
                      ? '不予批准的理由（必填，将打印在告知书上）'
                      : '说明（可选）'
                    : '不予受理的理由（必填）'
          }
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      )}
      {step === 'urgent' && (
        <p class="muted">
          限时办结制度第三条“紧急事项应急事特办，随到随办”：当日办结；另定日期须由领导确定。未按期办结按第十二条（四）计为超时。
        </p>
      )}
      {step === 'extension' && (
        <p class="muted">第七条：须经分管领导书面批准，并在原承诺办结日期前 3 个工作日书面告知申请人。</p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={props.busy || !ready}>
          确定
        </button>
        <button type="button" class="link" onClick={props.onDone}>
          取消
        </button>
      </div>
    </form>
  );
}
