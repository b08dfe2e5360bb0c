// 限时办结 supervision for the centre's leaders: open promised cases past their allowance or due within two
// days, on the centre's own working days (time at the higher authority and applicant-caused days excluded,
// 限时办结制度 第九条、第十三条); extension requests waiting for a leader's written approval (第七条); cases at
// the authority; hand-confirmed dates to check; 收件 cases (行政许可: 补正 notice within 5 working days).
import { useEffect, useState } from 'preact/hooks';
import type { JointStepView } from '../../server/contract/joint.ts';
import { ApiCallError, call } from '../lib/api.ts';
import {
  CASE_STATE_NAMES,
  LIMIT_SOURCE_NAMES,
  type CaseRecord,
  type CaseSupervision,
  type LateCaseStep,
} from '../../server/contract/cases.ts';
import { clockSummary } from '../console/case-clock-view.tsx';

/** The case number starts with the centre's local acceptance date (20261123-0007). */
const acceptedDate = (c: CaseRecord) =>
  c.clock?.acceptedOn ?? `${c.caseNo.slice(0, 4)}-${c.caseNo.slice(4, 6)}-${c.caseNo.slice(6, 8)}`;

function promised(c: CaseRecord): string {
  const k = c.clock;
  if (!k) return c.promisedDate ?? '—';
  if (k.running === 'paused') return '上报暂停';
  return `${k.promisedDate ?? '—'}${k.manual ? '（人工确认）' : ''}`;
}

export function SupervisionCard() {
  const [data, setData] = useState<
    (CaseSupervision & { lateSteps?: LateCaseStep[]; lateJointSteps?: JointStepView[] }) | null
  >(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [targets, setTargets] = useState<Record<string, string>>({});
  const load = () =>
    call('GET /api/cases/supervision')
      .then(setData)
      .catch((err: ApiCallError) => setError(err.message));
  useEffect(() => {
    void load();
  }, []);

  /** 第七条: the leader's written decision on a pending extension. */
  const decide = async (c: CaseRecord, approve: boolean) => {
    setMessage('');
    try {
      const note = notes[c.id]?.trim();
      const r = await call('POST /api/cases/:id/extension/decision', {
        params: { id: c.id },
        body: { approve, ...(note ? { note } : {}) },
      });
      setMessage(
        approve
          ? `${c.caseNo} 已批准延期，新的办结时限 ${r.case.promisedDate}；请窗口打印延期办理告知书交申请人`
          : `${c.caseNo} 未批准延期`,
      );
    } catch (err) {
      setMessage(err instanceof ApiCallError ? err.message : '操作失败，请重试');
    }
    void load();
  };

  /** 急事特办: a leader sets another target date than 当日 (the server refuses anyone else). */
  const setTarget = async (c: CaseRecord) => {
    setMessage('');
    const date = targets[c.id] ?? '';
    try {
      const r = await call('POST /api/cases/:id/urgent/target', { params: { id: c.id }, body: { date } });
      setMessage(`${c.caseNo} 急事特办办结目标日期已定为 ${r.case.urgent?.targetDate ?? date}`);
    } catch (err) {
      setMessage(err instanceof ApiCallError ? err.message : '操作失败，请重试');
    }
    void load();
  };

  const rows = data
    ? [...data.overdue.map((c) => ({ c, overdue: true })), ...data.dueSoon.map((c) => ({ c, overdue: false }))]
    : [];
  return (
    <section class="card" data-testid="supervision">
      <h2>
        限时办结督办
        {data && (
          <span class="note">
            　急事特办 <b>{data.urgent?.length ?? 0}</b> 件，超期未办结{' '}
            <b class={data.overdue.length ? 'bad' : ''}>{data.overdue.length}</b> 件，两日内到期{' '}
            <b>{data.dueSoon.length}</b> 件，待批延期 <b>{data.pendingExtensions.length}</b> 件，上报暂停{' '}
            <b>{data.reported.length}</b> 件
          </span>
        )}
      </h2>
      {error && <p class="error">{error}</p>}
      {message && (
        <p class="note" data-testid="supervision-message">
          {message}
        </p>
      )}
      {data && data.urgent?.length > 0 && (
        <>
          <h3>急事特办（限时办结制度第三条“紧急事项应急事特办，随到随办”；未按期办结按第十二条（四）计为超时）</h3>
          <table class="grid-table" data-testid="supervision-urgent">
            <thead>
              <tr>
                <th>办件编号</th>
                <th>事项</th>
                <th>窗口</th>
                <th>标记</th>
                <th>理由</th>
                <th>办结目标</th>
                <th>状态</th>
                <th>领导另定日期</th>
              </tr>
            </thead>
            <tbody>
              {data.urgent.map((c) => (
                <tr key={c.id}>
                  <td>
                    <span class="tag urgent">紧急</span>
                    {c.caseNo}
                  </td>
                  <td>{c.matterName}</td>
                  <td>{c.windowNo}号窗口</td>
                  <td>
                    {c.urgent!.markedOn} {c.urgent!.markedByName ?? c.urgent!.markedBy}
                  </td>
                  <td>{c.urgent!.reason}</td>
                  <td class={c.clock?.urgent?.late ? 'bad' : ''}>
                    {c.urgent!.targetDate}
                    {c.urgent!.targetSetBy
                      ? `（${c.urgent!.targetSetByName ?? c.urgent!.targetSetBy} 确定）`
                      : '（当日）'}
                    {c.clock?.urgent?.late ? '（已超时）' : ''}
                  </td>
                  <td>{CASE_STATE_NAMES[c.state]}</td>
                  <td>
                    <input
                      type="date"
                      value={targets[c.id] ?? ''}
                      onInput={(e) => setTargets({ ...targets, [c.id]: e.currentTarget.value })}
                    />
                    <button type="button" disabled={!targets[c.id]} onClick={() => void setTarget(c)}>
                      确定
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {data && rows.length === 0 && <p class="empty">没有超期或即将到期的承诺件</p>}
      {rows.length > 0 && (
        <table class="grid-table">
          <thead>
            <tr>
              <th>办件编号</th>
              <th>事项</th>
              <th>窗口</th>
              <th>申请人</th>
              <th>受理日期</th>
              <th>承诺办结</th>
              <th>本中心用时</th>
              <th>时限来源</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ c, overdue }) => (
              <tr key={c.id}>
                <td>
                  {c.urgent && <span class="tag urgent">紧急</span>}
                  {c.caseNo}
                </td>
                <td>{c.matterName}</td>
                <td>{c.windowNo}号窗口</td>
                <td>{c.applicantMasked ?? '—'}</td>
                <td>{acceptedDate(c)}</td>
                <td class={overdue ? 'bad' : ''}>
                  {promised(c)}
                  {overdue ? '（已超期）' : ''}
                </td>
                <td>{clockSummary(c.clock)}</td>
                <td>{c.clock ? LIMIT_SOURCE_NAMES[c.clock.limitSource] : '—'}</td>
                <td>{CASE_STATE_NAMES[c.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {data && data.pendingExtensions.length > 0 && (
        <>
          <h3>待批准的延期申请（第七条：领导书面批准，并提前 3 个工作日书面告知申请人）</h3>
          <table class="grid-table" data-testid="pending-extensions">
            <thead>
              <tr>
                <th>办件编号</th>
                <th>事项</th>
                <th>窗口</th>
                <th>原承诺办结</th>
                <th>申请延长</th>
                <th>理由</th>
                <th>本中心用时</th>
                <th>批示</th>
              </tr>
            </thead>
            <tbody>
              {data.pendingExtensions.map((c) => {
                const e = c.extensions.find((x) => x.state === 'pending')!;
                return (
                  <tr key={c.id}>
                    <td>{c.caseNo}</td>
                    <td>{c.matterName}</td>
                    <td>{c.windowNo}号窗口</td>
                    <td>{e.oldDate ?? '—'}</td>
                    <td>{e.days} 个工作日</td>
                    <td>{e.reason}</td>
                    <td>{clockSummary(c.clock)}</td>
                    <td>
                      <input
                        name="decisionNote"
                        placeholder="批示意见（可选）"
                        value={notes[c.id] ?? ''}
                        onInput={(ev) => setNotes({ ...notes, [c.id]: ev.currentTarget.value })}
                      />
                      <button onClick={() => void decide(c, true)}>批准</button>
                      <button onClick={() => void decide(c, false)}>不批准</button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}

      {data && data.reported.length > 0 && (
        <>
          <h3>已上报上级审批（上级办理时间不计入本中心时限，第九条）</h3>
          <table class="grid-table" data-testid="reported-cases">
            <thead>
              <tr>
                <th>办件编号</th>
                <th>事项</th>
                <th>窗口</th>
                <th>上报机关</th>
                <th>上报日期</th>
                <th>上级已用</th>
                <th>本中心用时</th>
              </tr>
            </thead>
            <tbody>
              {data.reported.map((c) => {
                const p = c.pauses.at(-1)!;
                return (
                  <tr key={c.id}>
                    <td>{c.caseNo}</td>
                    <td>{c.matterName}</td>
                    <td>{c.windowNo}号窗口</td>
                    <td>{p.authority}</td>
                    <td>{p.from}</td>
                    <td>{p.days ?? '—'} 个工作日</td>
                    <td>{clockSummary(c.clock)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}

      {data && data.manualDates.length > 0 && (
        <>
          <h3>人工确认的承诺办结日期（节假日日历缺少年份，数据到位后核对）</h3>
          <table class="grid-table" data-testid="manual-dates">
            <thead>
              <tr>
                <th>办件编号</th>
                <th>事项</th>
                <th>窗口</th>
                <th>人工确认日期</th>
                <th>理由</th>
                <th>核对</th>
              </tr>
            </thead>
            <tbody>
              {data.manualDates.map((c) => {
                const m = c.clock?.manual;
                return (
                  <tr key={c.id}>
                    <td>{c.caseNo}</td>
                    <td>{c.matterName}</td>
                    <td>{c.windowNo}号窗口</td>
                    <td>{m?.date}</td>
                    <td>{m?.reason}</td>
                    <td class={m?.check === 'disagrees' ? 'bad' : ''}>
                      {m?.check === 'unchecked'
                        ? '日历尚无该年数据'
                        : m?.check === 'agrees'
                          ? '与日历一致'
                          : `不一致：按日历应为 ${m?.computedDate}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}

      {data && data.correctionWatch.length > 0 && (
        <>
          <h3>已收件待审查（行政许可：五个工作日内一次性告知补正，一次性告知制度第三条）</h3>
          <table class="grid-table" data-testid="correction-watch">
            <thead>
              <tr>
                <th>办件编号</th>
                <th>事项</th>
                <th>类型</th>
                <th>窗口</th>
                <th>收件日期</th>
                <th>告知补正期限</th>
              </tr>
            </thead>
            <tbody>
              {data.correctionWatch.map((c) => (
                <tr key={c.id}>
                  <td>{c.caseNo}</td>
                  <td>{c.matterName}</td>
                  <td>{c.matterType ?? '—'}</td>
                  <td>{c.windowNo}号窗口</td>
                  <td>{acceptedDate(c)}</td>
                  <td class={c.correctionDaysLeft !== null && c.correctionDaysLeft < 0 ? 'bad' : ''}>
                    {c.correctionDue ? `${c.correctionDue} 前（剩 ${c.correctionDaysLeft} 个工作日）` : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {data?.lateSteps && data.lateSteps.length > 0 && (
        <>
          {/* issue 22 ⑨: steps the guide gives a deadline (低保 15天内 核查和入户核实, 救助 2个工作日内 入户核实) */}
          <h3>逾期未完成的办理步骤（办事指南规定时限，限时办结制度第六条：逐环节明确办理时限）</h3>
          <table class="grid-table" data-testid="late-steps">
            <thead>
              <tr>
                <th>办件编号</th>
                <th>事项</th>
                <th>窗口</th>
                <th>步骤</th>
                <th>应完成日期</th>
              </tr>
            </thead>
            <tbody>
              {data.lateSteps.map((s) => (
                <tr key={s.id}>
                  <td>{s.caseNo}</td>
                  <td>{s.matterName}</td>
                  <td>{s.windowNo}号窗口</td>
                  <td>{s.step}</td>
                  <td class="bad">{s.dueDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {data?.lateJointSteps && data.lateJointSteps.length > 0 && (
        <>
          {/* issue 28 ③: 联办件 steps past their deadline (限时办结制度第六条: 逐环节、逐岗位明确责任人和办理时限) */}
          <h3>逾期未完成的联办步骤（联办件各窗口办理时限）</h3>
          <table class="grid-table" data-testid="late-joint-steps">
            <thead>
              <tr>
                <th>办件编号</th>
                <th>事项</th>
                <th>牵头窗口</th>
                <th>联办窗口</th>
                <th>环节</th>
                <th>应完成日期</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {data.lateJointSteps.map((s) => (
                <tr key={s.id}>
                  <td>{s.caseNo}</td>
                  <td>{s.matterName}</td>
                  <td>{s.leadWindowNo}号窗口</td>
                  <td>{s.windowName}</td>
                  <td>{s.step}</td>
                  <td class="bad">{s.dueDate}</td>
                  <td>{s.state === 'returned' ? '已退回牵头窗口' : '办理中'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
