// A case's public status (办件进度): what the receipt already says plus its history. Shared by the phone
// page /c/:id and the kiosk's scan-the-receipt screen. Chinese only: the receipt and the case are Chinese.
import {
  CASE_STATE_NAMES,
  type CaseAction,
  type CaseHistoryEntry,
  type CaseState,
  type PublicCase,
} from '../../server/contract/cases.ts';
import './case-status.css';

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * A history step named by what happened, not by the state the case was left in: the state (已受理) is said
 * once at the top; an accepted case's later steps were listed as 已受理 again (issue 24).
 */
const STEP_NAMES: Record<CaseState, string> = {
  received: '收件',
  accepted: '受理',
  correction: '一次性告知补正材料',
  reported: '上报上级审批',
  finished: '办结',
  collected: '领取',
  rejected: '不予受理',
  'not-approved': '上级不予批准',
};
const ACTION_NAMES: Record<CaseAction, string> = {
  'extension-requested': '申请延期',
  'extension-approved': '延期已批准',
  'extension-refused': '延期未获批准',
  'applicant-delay': '申请人原因暂停计时',
  'manual-date': '人工确认承诺办结日期',
  'manual-date-checked': '核对人工确认的日期',
  omission: '要求补正（时限照常计算）',
  returned: '上级退回',
  'kind-changed': '办件类型变更（经领导批准）',
  'other-material': '按办事指南“其它”项要求补正',
  verified: '超时查实',
  'urgent-marked': '急事特办（标记紧急）',
  'urgent-target': '急事特办办结目标日期（领导确定）',
};

export function stepName(h: CaseHistoryEntry, i: number, history: readonly CaseHistoryEntry[]): string {
  if (h.action) return ACTION_NAMES[h.action];
  // 受理 after 补正: the materials came complete (一次性告知制度: 补齐材料后受理).
  if (h.state === 'accepted' && history.slice(0, i).some((p) => p.state === 'correction' || p.state === 'received'))
    return '材料补齐，受理';
  return STEP_NAMES[h.state];
}

/**
 * When the case was received and when it was accepted. A case created with missing materials was received
 * (收件), not accepted: its first time is 收件时间, and 受理时间 is the step that accepted it, once there is one.
 */
export function caseTimes(c: Pick<PublicCase, 'acceptedAt' | 'history'>): {
  received: string | null;
  accepted: string | null;
} {
  const acceptedStep = c.history.find((h) => !h.action && h.state === 'accepted');
  const first = c.history[0];
  const startedAccepted = !first || (!first.action && first.state === 'accepted');
  if (startedAccepted) return { received: null, accepted: c.acceptedAt };
  return { received: c.acceptedAt, accepted: acceptedStep?.at ?? null };
}

export function CaseStatus({ c }: { c: PublicCase }) {
  const times = caseTimes(c);
  return (
    <div class="case-status" data-testid="case-status">
      <p class="case-no">办件编号 {c.caseNo}</p>
      <h2 class="case-matter">{c.matterName}</h2>
      <p class={`case-state case-state-${c.state}`}>{CASE_STATE_NAMES[c.state]}</p>
      <dl class="case-facts">
        <dt>办件类型</dt>
        <dd>{c.kind === 'promised' ? '承诺件' : '即办件'}</dd>
        {times.received && (
          <>
            <dt>收件时间</dt>
            <dd>{time(times.received)}</dd>
          </>
        )}
        {times.accepted && (
          <>
            <dt>受理时间</dt>
            <dd>{time(times.accepted)}</dd>
          </>
        )}
        {c.kind === 'promised' && (
          <>
            <dt>承诺办结日期</dt>
            <dd>
              {c.promisedDate ??
                (c.state === 'correction'
                  ? '补齐材料后重新计算'
                  : c.state === 'reported'
                    ? '上级机关审批中（不计入本中心时限），返回后告知'
                    : '—')}
            </dd>
          </>
        )}
      </dl>
      {c.missingMaterials.length > 0 && (
        <section>
          <h3>需要补正的材料</h3>
          <ul>
            {(c.missingLines ?? c.missingMaterials).map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </section>
      )}
      <h3>办理记录</h3>
      <ol class="case-history">
        {c.history.map((h, i) => (
          <li key={i}>
            <b>{stepName(h, i, c.history)}</b> · {time(h.at)}
            {h.note && <div>{h.note}</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}
