// A case's public status (办件进度): what the receipt already says plus its history. Shared by the phone
// page /c/:id and the kiosk's scan-the-receipt screen. Chinese only: the receipt and the case are Chinese.
import { CASE_STATE_NAMES, type PublicCase } from '../../server/contract/cases.ts';
import './case-status.css';

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export function CaseStatus({ c }: { c: PublicCase }) {
  return (
    <div class="case-status" data-testid="case-status">
      <p class="case-no">办件编号 {c.caseNo}</p>
      <h2 class="case-matter">{c.matterName}</h2>
      <p class={`case-state case-state-${c.state}`}>{CASE_STATE_NAMES[c.state]}</p>
      <dl class="case-facts">
        <dt>办件类型</dt>
        <dd>{c.kind === 'promised' ? '承诺件' : '即办件'}</dd>
        <dt>受理时间</dt>
        <dd>{time(c.acceptedAt)}</dd>
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
            {c.missingMaterials.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </section>
      )}
      <h3>办理记录</h3>
      <ol class="case-history">
        {c.history.map((h, i) => (
          <li key={i}>
            <b>{CASE_STATE_NAMES[h.state]}</b> · {time(h.at)}
            {h.note && <div>{h.note}</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}
