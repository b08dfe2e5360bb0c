// 办件受理 at the window (一次性告知制, 限时办结制): pick the matter, tick the materials received, then accept
// it (即办件 finishes now; 承诺件 gets a promised date counted in working days by the server), ask for the
// missing materials (补正) or refuse it (不予受理) with a reason. The document prints on the hall printer
// or opens as an A4/A5 page for the office printer. Below: this window's cases with their next step, and
// the overdue / due-soon ones (限时办结 supervision).
import { useEffect, useState } from 'preact/hooks';
import { applicantProblem, normaliseApplicant, type ApplicantFields } from '../../server/contract/applicant.ts';
import { api, ApiCallError, call } from '../lib/api.ts';
import {
  CASE_STATE_NAMES,
  type CaseRecord,
  type CaseState,
  type CaseSupervision,
} from '../../server/contract/cases.ts';
import { type CaseKind, type Matter } from '../../server/contract/matters.ts';
import { type Ticket } from '../../server/contract/queue.ts';
import { MatterPicker } from './matter-picker.tsx';
import { UrgentTag } from './urgent-panel.tsx';
import { CasePublicity } from './case-publicity.tsx';
// The same title the server prints on the document (受理回执 / 补正材料通知书 / 不予受理告知书).
import { caseDocumentTitle } from '../../server/contract/cases.ts';
import {
  ClockFacts,
  clockSummary,
  limitPreview,
  ManualDatePicker,
  suggestedDate,
  StepForm,
  stepsFor,
  type CaseStep,
} from './case-clock-view.tsx';
import { LIMIT_SOURCE_NAMES } from '../../server/contract/cases.ts';

type Outcome = 'accept' | 'correction' | 'reject' | 'intake';

/** The next steps staff may take on a case in this state (the server checks them again). */
const NEXT_STEPS: Partial<Record<CaseState, { to: 'reported' | 'finished' | 'collected'; label: string }[]>> = {
  // 上报 needs the receiving authority: it is one of the 限时办结 steps (stepsFor).
  accepted: [{ to: 'finished', label: '办结' }],
  finished: [{ to: 'collected', label: '群众已领取' }],
};

export function CaseDesk(props: {
  windowNo: number;
  categoryIds: string[];
  ticket: Ticket | null;
  open: boolean;
  onClose(): void;
  onSignedOut(): void;
}) {
  const [cases, setCases] = useState<CaseRecord[]>([]);
  const [supervision, setSupervision] = useState<CaseSupervision | null>(null);
  const [latest, setLatest] = useState<CaseRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  /** The step form open on the case on show (上报, 上级返回, 延期, 申请人原因, 受理决定). */
  const [step, setStep] = useState<CaseStep | null>(null);
  /** The calendar lacks this year: the acceptance form asks for a hand-confirmed date. */
  const [missingYear, setMissingYear] = useState<string | null>(null);
  const [retry, setRetry] = useState<{ path: string; body: Record<string, unknown>; year: string } | null>(null);
  const [retryManual, setRetryManual] = useState({ date: '', reason: '' });
  /** The earliest plausible date the server suggested for the hand-confirmed date (待核对), if any. */
  const [suggested, setSuggested] = useState<string | null>(null);

  const refresh = async () => {
    try {
      const [list, sup] = await Promise.all([
        call('GET /api/cases', { query: { window: props.windowNo } }),
        call('GET /api/cases/supervision'),
      ]);
      setCases(list.cases);
      setSupervision(sup);
      // The case on show follows its changes (材料已补齐, 办结, …).
      setLatest((l) => (l ? (list.cases.find((c) => c.id === l.id) ?? l) : l));
    } catch (err) {
      if (err instanceof ApiCallError && err.status === 401) props.onSignedOut();
    }
  };
  useEffect(() => {
    void refresh();
    // Promised dates pass while the console stays open: look again every few minutes.
    const t = setInterval(() => void refresh(), 5 * 60_000);
    return () => clearInterval(t);
  }, [props.windowNo]);

  /** One request at a time; the server's Chinese message on failure; the lists refreshed after. */
  const send = async <T,>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    done: (r: T) => string,
  ): Promise<T | null> => {
    if (busy) return null;
    setBusy(true);
    setMessage(null);
    try {
      const r = await api<T>(method, path, body);
      setMessage({ error: false, text: done(r) });
      return r;
    } catch (err) {
      const e =
        err instanceof ApiCallError
          ? err
          : new ApiCallError(0, 'unknown', '操作失败，请重试', { code: 'unknown', message: '' });
      if (e.status === 401) props.onSignedOut();
      // The hand-date form shows: pre-fill the earliest plausible date the answer carries (待核对).
      const earliest = suggestedDate(e.body);
      const handDate =
        e.code === 'calendar-missing' || e.code === 'manual-date-holiday' || e.code === 'manual-date-too-early';
      if (handDate && earliest) {
        setSuggested(earliest);
        if (!path.startsWith('/api/windows/')) setRetryManual((m) => ({ ...m, date: earliest }));
      }
      if (e.code === 'calendar-missing' && typeof e.body.year === 'string') {
        setMissingYear(e.body.year);
        // A later step (材料已补齐, 受理决定, 上级退回) asks again with a hand-confirmed date.
        if (!path.startsWith('/api/windows/'))
          setRetry({ path, body: (body ?? {}) as Record<string, unknown>, year: e.body.year });
      }
      setMessage({ error: true, text: e.message });
      return null;
    } finally {
      setBusy(false);
      void refresh();
    }
  };

  const accept = async (body: Record<string, unknown>) => {
    const r = await send<{ case: CaseRecord; intakeWarning?: string | null }>(
      'POST',
      `/api/windows/${props.windowNo}/cases`,
      body,
      // 受理时间外 (issue 22): warned, not blocked; the case keeps the note.
      (r) =>
        `已生成${caseDocumentTitle(r.case)}：办件编号 ${r.case.caseNo}${r.intakeWarning ? `。注意：${r.intakeWarning}` : ''}`,
    );
    if (r) {
      setLatest(r.case);
      setMissingYear(null);
      setSuggested(null);
      props.onClose();
    }
  };
  /** A 限时办结 step; the case on show follows the answer. */
  const sendStep = async (path: string, body: Record<string, unknown>, done: string): Promise<boolean> => {
    const r = await send<{ case: CaseRecord }>('POST', path, body, () => done);
    if (r) setLatest(r.case);
    return r !== null;
  };
  const show = (c: CaseRecord, s: CaseStep | null) => {
    setLatest(c);
    setStep(s);
  };
  const printExtension = (c: CaseRecord) =>
    void send(
      'POST',
      `/api/cases/${encodeURIComponent(c.id)}/print`,
      { document: 'extension' },
      () => `${c.caseNo} 延期办理告知书已在大厅打印机打印`,
    );
  const openExtensionPage = (c: CaseRecord, size: 'A4' | 'A5') =>
    window.open(`/api/cases/${encodeURIComponent(c.id)}/document?size=${size}&document=extension`, '_blank');
  /** 一次性告知单 for the matter on the hall printer: what to bring, so the resident comes back only once. */
  const printNotice = (m: Matter) =>
    void send(
      'POST',
      `/api/matters/${encodeURIComponent(m.id)}/notice`,
      {},
      () => `“${m.name}”${m.guide ? '一次性告知单' : '咨询指引'}已在大厅打印机打印`,
    );
  const printOnHallPrinter = (c: CaseRecord) =>
    void send(
      'POST',
      `/api/cases/${encodeURIComponent(c.id)}/print`,
      {},
      () => `${caseDocumentTitle(c)} ${c.caseNo} 已在大厅打印机打印`,
    );
  const openPage = (c: CaseRecord, size: 'A4' | 'A5') =>
    window.open(`/api/cases/${encodeURIComponent(c.id)}/document?size=${size}`, '_blank');
  const advance = (c: CaseRecord, to: string, label: string) => {
    // 办结签收 (seed 002 篇8): who collected the result goes into the register, not into the case's public history.
    if (to === 'collected') {
      const recipient = prompt(`${c.caseNo} 领取人姓名（记入办结签收登记）`)?.trim();
      if (recipient)
        void send(
          'POST',
          `/api/registers/cases/${encodeURIComponent(c.id)}/collect`,
          { recipient },
          () => `${c.caseNo}：${label}，领取人 ${recipient}`,
        );
      return;
    }
    void send('POST', `/api/cases/${encodeURIComponent(c.id)}/state`, { to }, () => `${c.caseNo}：${label}`);
  };
  const materialsReceived = (c: CaseRecord) =>
    void send<{ case: CaseRecord }>(
      'POST',
      `/api/cases/${encodeURIComponent(c.id)}/materials-received`,
      {},
      (r) => `${c.caseNo}：材料已补齐${r.case.promisedDate ? `，重新计算时限，${r.case.promisedDate} 前办结` : ''}`,
    );

  const mine = (list: CaseRecord[]) => list.filter((c) => c.windowNo === props.windowNo);
  return (
    <section class="case-desk" data-testid="case-desk">
      {props.open && (
        <AcceptForm
          categoryIds={props.categoryIds}
          ticket={props.ticket}
          busy={busy}
          missingYear={missingYear}
          suggested={suggested}
          onAccept={(b) => void accept(b)}
          onNotice={printNotice}
          onCancel={props.onClose}
        />
      )}
      <div class="feedback" role="status" data-testid="case-message">
        {message && <span class={message.error ? 'error' : 'info'}>{message.text}</span>}
      </div>
      {retry && (
        <div class="panel" data-testid="manual-retry">
          <ManualDatePicker
            year={retry.year}
            today={`${Number(retry.year) - 1}-12-31`}
            value={retryManual}
            onChange={setRetryManual}
            suggested={suggested}
          />
          <div class="row">
            <button
              class="primary"
              disabled={busy || !retryManual.date || !retryManual.reason.trim()}
              onClick={async () => {
                const r = await send<{ case: CaseRecord }>(
                  'POST',
                  retry.path,
                  { ...retry.body, manualDate: retryManual.date, manualReason: retryManual.reason.trim() },
                  (x) => `${x.case.caseNo}：承诺办结日期人工确认为 ${retryManual.date}`,
                );
                if (r) {
                  setLatest(r.case);
                  setRetry(null);
                  setSuggested(null);
                  setRetryManual({ date: '', reason: '' });
                }
              }}
            >
              以人工确认的日期提交
            </button>
            <button class="link" onClick={() => setRetry(null)}>
              取消
            </button>
          </div>
        </div>
      )}
      {latest && (
        <div class="panel case-latest" data-testid="case-latest">
          <h3>
            {caseDocumentTitle(latest)} · 办件编号 <span class="num">{latest.caseNo}</span>
          </h3>
          <CaseFacts c={latest} />
          <CasePublicity key={latest.id} c={latest} busy={busy} send={send} />
          <div class="row">
            <button class="primary" disabled={busy} onClick={() => printOnHallPrinter(latest)}>
              大厅打印机打印
            </button>
            <button onClick={() => openPage(latest, 'A4')}>A4 打印页</button>
            <button onClick={() => openPage(latest, 'A5')}>A5 打印页</button>
            {latest.extensions.some((e) => e.state === 'approved') && (
              <>
                <button disabled={busy} onClick={() => printExtension(latest)}>
                  打印延期办理告知书
                </button>
                <button onClick={() => openExtensionPage(latest, 'A4')}>延期告知书 A4</button>
                <button onClick={() => openExtensionPage(latest, 'A5')}>延期告知书 A5</button>
              </>
            )}
            <button
              class="link"
              onClick={() => {
                setStep(null);
                setLatest(null);
              }}
            >
              收起
            </button>
          </div>
          {stepsFor(latest).length > 0 && (
            <div class="row">
              {stepsFor(latest).map((s) => (
                <button
                  key={s.step}
                  class={step === s.step ? 'small on' : 'small'}
                  disabled={busy}
                  onClick={() => setStep(s.step)}
                >
                  {s.label}
                </button>
              ))}
            </div>
          )}
          {step && stepsFor(latest).some((s) => s.step === step) && (
            <StepForm
              key={`${latest.id}-${step}`}
              c={latest}
              step={step}
              today=""
              busy={busy}
              send={sendStep}
              onDone={() => setStep(null)}
            />
          )}
        </div>
      )}

      {supervision && mine(supervision.urgent ?? []).length > 0 && (
        // 急事特办 (第三条 "随到随办"): this window's open urgent cases and their target, first.
        <div class="supervision" data-testid="case-urgent">
          <div class="alert">
            紧急办件（急事特办）{mine(supervision.urgent).length} 件：
            {mine(supervision.urgent)
              .map(
                (c) =>
                  `${c.caseNo} ${c.matterName}（${c.urgent?.targetDate ?? ''} 前办结${c.clock?.urgent?.late ? '，已超时' : ''}）`,
              )
              .join('；')}
          </div>
        </div>
      )}
      {supervision &&
        (supervision.overdue.length > 0 ||
          supervision.dueSoon.length > 0 ||
          mine(supervision.correctionWatch).length > 0) && (
          <div class="supervision" data-testid="case-supervision">
            {supervision.overdue.length > 0 && (
              <div class="alert">
                超期办件 {supervision.overdue.length} 件（本窗口 {mine(supervision.overdue).length} 件）：
                {supervision.overdue
                  .map((c) => `${c.caseNo} ${c.matterName}（${c.windowNo}号窗口，应于 ${c.promisedDate} 办结）`)
                  .join('；')}
              </div>
            )}
            {supervision.dueSoon.length > 0 && (
              <div class="alert soon">
                即将到期 {supervision.dueSoon.length} 件：
                {supervision.dueSoon.map((c) => `${c.caseNo} ${c.matterName}（${c.promisedDate}）`).join('；')}
              </div>
            )}
            {mine(supervision.correctionWatch).some((c) => c.correctionDue) && (
              <div class="alert soon">
                行政许可收件待审查：
                {mine(supervision.correctionWatch)
                  .filter((c) => c.correctionDue)
                  .map(
                    (c) =>
                      `${c.caseNo} ${c.matterName}（应于 ${c.correctionDue} 前一次性告知补正或受理，剩 ${c.correctionDaysLeft} 个工作日）`,
                  )
                  .join('；')}
              </div>
            )}
          </div>
        )}

      <h2>
        本窗口办件 <span class="muted">（最近 {cases.length} 件）</span>
      </h2>
      {cases.length === 0 && <p class="muted">还没有办件。受理时按 F7 或“受理办件”。</p>}
      <ul class="case-list" data-testid="case-list">
        {cases.map((c) => (
          <li key={c.id}>
            <span class="num">{c.caseNo}</span>
            <span class="case-name">{c.matterName}</span>
            <span class={`tag state-${c.state}`}>{CASE_STATE_NAMES[c.state]}</span>
            {c.urgent && <UrgentTag />}
            {c.promisedDate && (
              <span class="muted">
                承诺 {c.promisedDate} 前{c.clock?.manual ? '（人工确认）' : ''}
              </span>
            )}
            {c.clock && <span class="muted">{clockSummary(c.clock)}</span>}
            {c.clock?.running === 'paused' && <span class="tag soon">暂停计时</span>}
            {c.extensions.some((e) => e.state === 'pending') && <span class="tag soon">延期待批</span>}
            {supervision?.overdue.some((o) => o.id === c.id) && <span class="tag overdue">已超期</span>}
            {supervision?.dueSoon.some((o) => o.id === c.id) && <span class="tag soon">即将到期</span>}
            <span class="right">
              {c.state === 'correction' && (
                <button class="small" disabled={busy} onClick={() => materialsReceived(c)}>
                  材料已补齐
                </button>
              )}
              {stepsFor(c).map((s) => (
                <button key={s.step} class="small" disabled={busy} onClick={() => show(c, s.step)}>
                  {s.label}
                </button>
              ))}
              {(NEXT_STEPS[c.state] ?? []).map((s) => (
                <button key={s.to} class="small" disabled={busy} onClick={() => advance(c, s.to, s.label)}>
                  {s.label}
                </button>
              ))}
              <button class="small" disabled={busy} onClick={() => setLatest(c)}>
                打印
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CaseFacts({ c }: { c: CaseRecord }) {
  return (
    <dl class="case-facts">
      <dt>事项</dt>
      <dd>{c.matterName}</dd>
      <dt>状态</dt>
      <dd>{CASE_STATE_NAMES[c.state]}</dd>
      <dt>办件类型</dt>
      <dd>{c.kind === 'promised' ? `承诺件${c.promisedDays ? `（${c.promisedDays} 个工作日）` : ''}` : '即办件'}</dd>
      {c.correctionDue && (
        <>
          <dt>补正告知期限</dt>
          <dd>
            行政许可：{c.correctionDue} 前一次性告知补正或作出受理决定（剩 {c.correctionDaysLeft} 个工作日）
          </dd>
        </>
      )}
      <ClockFacts c={c} />
      {c.kind === 'promised' && !c.clock && (
        <>
          <dt>承诺办结</dt>
          <dd>{c.promisedDate ?? (c.state === 'correction' ? '补齐材料后重新计算' : '—')}</dd>
        </>
      )}
      {c.missingMaterials.length > 0 && (
        <>
          <dt>需补正</dt>
          <dd>{c.missingMaterials.join('、')}</dd>
        </>
      )}
      {c.reason && (
        <>
          <dt>不予受理理由</dt>
          <dd>{c.reason}</dd>
        </>
      )}
      <dt>申请人</dt>
      <dd>{c.applicantMasked ?? '（未登记）'}</dd>
      {c.applicantIdMasked && (
        <>
          <dt>证件号码</dt>
          <dd>{c.applicantIdMasked}</dd>
        </>
      )}
      {c.applicantPhoneMasked && (
        <>
          <dt>联系电话</dt>
          <dd>{c.applicantPhoneMasked}</dd>
        </>
      )}
    </dl>
  );
}

/** Choose the matter (see MatterPicker), then tick its materials and decide. */
function AcceptForm(props: {
  categoryIds: string[];
  ticket: Ticket | null;
  busy: boolean;
  missingYear: string | null;
  suggested: string | null;
  onAccept(body: Record<string, unknown>): void;
  onNotice(m: Matter): void;
  onCancel(): void;
}) {
  const [matter, setMatter] = useState<Matter | null>(null);
  return (
    <div class="panel accept-form" data-testid="accept-form">
      <h3>
        受理办件
        <span class="muted">
          　
          {props.ticket
            ? `号码 ${props.ticket.number}${props.ticket.nameMasked ? ` · ${props.ticket.nameMasked}` : ''}`
            : '未关联排队号码'}
        </span>
      </h3>
      {!matter && (
        <MatterPicker
          categoryIds={props.categoryIds}
          wanted={props.ticket?.matterIds ?? []}
          onPick={setMatter}
          onCancel={props.onCancel}
        />
      )}
      {matter && (
        <MatterAcceptance
          matter={matter}
          ticket={props.ticket}
          busy={props.busy}
          missingYear={props.missingYear}
          suggested={props.suggested}
          onAccept={props.onAccept}
          onNotice={() => props.onNotice(matter)}
          onBack={() => setMatter(null)}
        />
      )}
    </div>
  );
}

/** The checklist and the decision for one matter; required materials left unticked make a 补正 notice. */
function MatterAcceptance(props: {
  matter: Matter;
  ticket: Ticket | null;
  busy: boolean;
  missingYear: string | null;
  suggested: string | null;
  onAccept(body: Record<string, unknown>): void;
  onNotice(): void;
  onBack(): void;
}) {
  const guide = props.matter.guide;
  const materials = guide?.materials ?? [];
  const [received, setReceived] = useState<boolean[]>(() => materials.map(() => false));
  // 限时办结制度 第六条 (as the server rules, issue 21): the guide's kind; a guide that names none is a 承诺件.
  const defaultKind: CaseKind = guide?.caseKind ?? 'promised';
  const [kind, setKind] = useState<CaseKind>(defaultKind);
  const [days, setDays] = useState(guide?.promisedDays ? String(guide.promisedDays) : '');
  const [outcome, setOutcome] = useState<Outcome>('accept');
  const [missingText, setMissingText] = useState('');
  const [reason, setReason] = useState('');
  const [manual, setManual] = useState({ date: '', reason: '' });
  // The server's earliest plausible date pre-fills the hand-confirmed date (待核对) each time it suggests one.
  useEffect(() => {
    if (props.suggested) setManual((m) => ({ ...m, date: props.suggested! }));
  }, [props.suggested]);
  const [applicant, setApplicant] = useState<ApplicantFields>({});
  const card = props.ticket?.nameMasked ? props.ticket : null;
  const typed = normaliseApplicant(applicant);
  const applicantIssue = applicantProblem(typed);
  // Issue 24 ⑦: a name (typed, or the card read at the kiosk) and a phone for the 办件台账.
  const applicantOk = !applicantIssue && Boolean(typed.name || card) && Boolean(typed.phone);

  const missingRequired = materials.filter((m, i) => m.required && !received[i]).map((m) => m.name);
  const chooseOutcome = (o: Outcome) => {
    setOutcome(o);
    if (o === 'correction' && !missingText.trim()) setMissingText(missingRequired.join('\n'));
  };
  const missingList = missingText
    .split(/[\n、；;]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const daysNumber = Number(days);
  // Empty is allowed: the server applies the guide's promise, its legal limit, or 20 working days (第六条).
  const daysOk =
    kind === 'immediate' ||
    outcome === 'reject' ||
    days === '' ||
    (Number.isInteger(daysNumber) && daysNumber >= 1 && daysNumber <= 365);
  const limit = limitPreview(guide, days);
  const manualNeeded = props.missingYear !== null && outcome === 'accept' && kind === 'promised';
  // No date picked yet: 受理 asks the server, whose calendar-missing answer carries the earliest plausible date
  // (pre-filled, 待核对); a picked date needs its reason.
  const manualOk = !manualNeeded || manual.date === '' || manual.reason.trim().length > 0;
  const ready =
    applicantOk &&
    daysOk &&
    manualOk &&
    (outcome !== 'correction' || missingList.length > 0) &&
    (outcome !== 'reject' || reason.trim().length > 0);

  const submit = (e: Event) => {
    e.preventDefault();
    if (!ready) return;
    const body: Record<string, unknown> = { matterId: props.matter.id, kind };
    if (props.ticket) body.ticketId = props.ticket.id;
    body.applicant = typed;
    if (kind === 'promised' && days) body.promisedDays = daysNumber;
    if (outcome === 'correction') body.missingMaterials = missingList;
    if (outcome === 'reject') body.rejectReason = reason.trim();
    if (outcome === 'intake') body.intake = true;
    if (manualNeeded && manual.date)
      Object.assign(body, { manualDate: manual.date, manualReason: manual.reason.trim() });
    props.onAccept(body);
  };

  return (
    <form onSubmit={submit} data-testid="matter-acceptance">
      <div class="row">
        <b>{props.matter.name}</b>
        <span class="muted">{props.matter.type}</span>
        <button type="button" class="small" disabled={props.busy} onClick={props.onNotice}>
          {guide ? '打印一次性告知单' : '打印咨询指引'}
        </button>
        <button type="button" class="link" onClick={props.onBack}>
          换一个事项
        </button>
      </div>
      {!guide && (
        <p class="muted">
          本中心尚未公布该事项的办事指南：告诉群众的所需材料请写在“需补正材料”中，打印的补正材料通知书即一次性告知的记录。
        </p>
      )}
      {guide && (
        <p class="muted">
          时限：{guide.timeLimitText ?? (guide.promisedDays ? `${guide.promisedDays} 个工作日` : '指南未载明')}
          {guide.fees ? `　收费：${guide.fees}` : '　收费：指南未载明'}
        </p>
      )}
      <ApplicantFieldset card={card} value={applicant} onChange={setApplicant} problem={applicantIssue} />
      {materials.length > 0 && (
        <fieldset class="materials">
          <legend>材料核验（勾选已收到的）</legend>
          {materials.map((m, i) => (
            <label key={m.name + i}>
              <input
                type="checkbox"
                checked={received[i]}
                onChange={(e) => setReceived(received.map((v, j) => (j === i ? e.currentTarget.checked : v)))}
              />
              {m.name}
              <span class="muted">
                {[
                  m.original ? '原件' : '',
                  m.copy ? '复印件' : '',
                  m.count ? `${m.count}份` : '',
                  m.required ? '' : `（${m.condition ?? '视情形'}）`,
                ]
                  .filter(Boolean)
                  .join(' ')}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <div class="row">
        <label>
          <input type="radio" name="kind" checked={kind === 'immediate'} onChange={() => setKind('immediate')} />{' '}
          即办件（当场办结）
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === 'promised'} onChange={() => setKind('promised')} /> 承诺件
        </label>
        {kind === 'promised' && (
          <label>
            承诺
            <input
              name="promisedDays"
              class="days"
              inputMode="numeric"
              value={days}
              placeholder={String(limit.days)}
              onInput={(e) => setDays(e.currentTarget.value.replace(/\D/g, ''))}
            />
            个工作日
            <span class="muted" data-testid="limit-preview">
              （{LIMIT_SOURCE_NAMES[limit.source]}
              {limit.source === 'default' ? '：法律法规和政策没有规定的，按20个工作日计算' : ''}）
            </span>
          </label>
        )}
      </div>
      <div class="row outcome">
        <label>
          <input type="radio" name="outcome" checked={outcome === 'accept'} onChange={() => chooseOutcome('accept')} />{' '}
          受理
        </label>
        <label>
          <input
            type="radio"
            name="outcome"
            checked={outcome === 'correction'}
            onChange={() => chooseOutcome('correction')}
          />{' '}
          材料不全，一次性告知补正
        </label>
        <label>
          <input type="radio" name="outcome" checked={outcome === 'reject'} onChange={() => chooseOutcome('reject')} />{' '}
          不予受理
        </label>
        <label>
          <input type="radio" name="outcome" checked={outcome === 'intake'} onChange={() => chooseOutcome('intake')} />{' '}
          先收件，稍后决定
        </label>
      </div>
      {outcome === 'accept' && missingRequired.length > 0 && (
        <p class="warn">尚有必交材料未勾选：{missingRequired.join('、')}。材料不全请选“一次性告知补正”。</p>
      )}
      {outcome === 'correction' && (
        <textarea
          name="missingMaterials"
          rows={3}
          placeholder="需补正的材料，每行一项（全部列出，一次告知）"
          value={missingText}
          onInput={(e) => setMissingText(e.currentTarget.value)}
        />
      )}
      {outcome === 'reject' && (
        <textarea
          name="rejectReason"
          rows={2}
          placeholder="不予受理的理由（必填，将打印在告知书上）"
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      )}
      {!daysOk && <p class="warn">请填写承诺办结的工作日数（1–365）。</p>}
      {manualNeeded && (
        <ManualDatePicker
          year={props.missingYear!}
          today={`${Number(props.missingYear) - 1}-12-31`}
          value={manual}
          onChange={setManual}
          suggested={props.suggested}
        />
      )}
      {outcome === 'intake' && props.matter.type === '行政许可' && (
        <p class="muted">
          行政许可事项：材料不齐全的，应在五个工作日内一次性告知需补正的全部内容（一次性告知制度第三条）。
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={props.busy || !ready}>
          {outcome === 'accept'
            ? kind === 'immediate'
              ? '受理并办结'
              : '受理并生成回执'
            : outcome === 'correction'
              ? '生成补正材料通知书'
              : outcome === 'intake'
                ? '收件并生成收件回执'
                : '生成不予受理告知书'}
        </button>
      </div>
    </form>
  );
}

/**
 * 申请人 (issue 24 ⑦): the ID card read at the kiosk for this ticket (masked: the server keeps no more), or
 * typed — name, phone, ID number optional. Paper and screens show it masked; the 办件台账 keeps the name and phone.
 */
function ApplicantFieldset(props: {
  card: Pick<Ticket, 'nameMasked' | 'idMasked'> | null;
  value: ApplicantFields;
  problem: string | null;
  onChange(v: ApplicantFields): void;
}) {
  const set = (k: keyof ApplicantFields) => (e: { currentTarget: HTMLInputElement }) =>
    props.onChange({ ...props.value, [k]: e.currentTarget.value });
  return (
    <fieldset class="applicant" data-testid="applicant">
      <legend>申请人</legend>
      {props.card && (
        <p class="applicant-card" data-testid="applicant-card">
          取号时已读身份证：{props.card.nameMasked}
          {props.card.idMasked ? `　${props.card.idMasked}` : ''}
          <span class="muted">（不是本人办理时，请在下面填写申请人姓名）</span>
        </p>
      )}
      <div class="row">
        <label>
          姓名{props.card ? '' : '（必填）'}
          <input
            name="applicantName"
            autocomplete="off"
            maxLength={30}
            value={props.value.name ?? ''}
            placeholder={props.card?.nameMasked ?? '如 张三'}
            onInput={set('name')}
          />
        </label>
        <label>
          联系电话（必填）
          <input
            name="applicantPhone"
            autocomplete="off"
            inputMode="tel"
            maxLength={16}
            value={props.value.phone ?? ''}
            placeholder="手机或带区号的固话"
            onInput={set('phone')}
          />
        </label>
        <label>
          身份证号码（选填）
          <input
            name="applicantIdNumber"
            autocomplete="off"
            maxLength={18}
            value={props.value.idNumber ?? ''}
            onInput={set('idNumber')}
          />
        </label>
      </div>
      {props.problem && (
        <p class="applicant-problem" role="alert">
          {props.problem}
        </p>
      )}
      <p class="muted">回执、通知书和屏幕上只显示遮挡后的姓名、证件号和电话（如 张*三、138****1234）。</p>
    </fieldset>
  );
}
