// 联办件 at the console (issue 28 item 3; 一次性告知制度 第四条 "所办事项涉及多个部门"; seed 004 四㈡ "一个窗口受理…
// 一站式办结"; 首问首办责任制度 第二条). The lead window (the case's own) sets up the participating windows' steps
// inside the case's one promised date; a participating window sees its steps here and marks them done or
// returns them to the lead with a reason; the lead sends a returned step back once resolved.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import type { JointStepView } from '../../server/contract/joint.ts';
import type { CaseRecord } from '../../server/contract/cases.ts';
import './joint-desk.css';

interface Options {
  steps: string[];
  windows: { no: number; name: string }[];
  promisedDate: string | null;
  today: string;
}
interface Row {
  windowNo: string;
  step: string;
  dueDate: string;
}
interface Inbox {
  mine: JointStepView[];
  returned: JointStepView[];
  leading: JointStepView[];
}

const emptyRow = (): Row => ({ windowNo: '', step: '', dueDate: '' });

export function JointDesk(props: { windowNo: number; onSignedOut: () => void }) {
  const [inbox, setInbox] = useState<Inbox>({ mine: [], returned: [], leading: [] });
  const [open, setOpen] = useState(false);
  const [cases, setCases] = useState<CaseRecord[]>([]);
  const [caseId, setCaseId] = useState('');
  const [options, setOptions] = useState<Options | null>(null);
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [redates, setRedates] = useState<Record<number, string>>({});
  const [message, setMessage] = useState('');
  const fail = (err: unknown) => {
    if (err instanceof ApiCallError && err.code === 'login-required') return props.onSignedOut();
    setMessage(err instanceof ApiCallError ? err.message : '操作失败，请重试');
  };
  const load = () => api<Inbox>('GET', `/api/windows/${props.windowNo}/joint`).then(setInbox).catch(fail);
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 30_000);
    return () => clearInterval(t);
  }, [props.windowNo]);

  const startSetup = async () => {
    setOpen(!open);
    if (open) return;
    try {
      const r = await api<{ cases: CaseRecord[] }>('GET', `/api/cases?window=${props.windowNo}`);
      // Only a running 承诺件 shares out its promised date.
      setCases(r.cases.filter((c) => c.kind === 'promised' && c.state === 'accepted'));
    } catch (err) {
      fail(err);
    }
  };
  const pickCase = async (id: string) => {
    setCaseId(id);
    setOptions(null);
    setRows([emptyRow()]);
    if (!id) return;
    try {
      const r = await api<{ steps: JointStepView[]; options: Options }>(
        'GET',
        `/api/cases/${encodeURIComponent(id)}/joint/steps`,
      );
      if (r.steps.length) setMessage('该办件已设为联办件');
      setOptions(r.options);
    } catch (err) {
      fail(err);
    }
  };
  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api('POST', `/api/cases/${encodeURIComponent(caseId)}/joint`, {
        steps: rows.map((r) => ({ windowNo: Number(r.windowNo), step: r.step, dueDate: r.dueDate })),
      });
      const no = cases.find((c) => c.id === caseId)?.caseNo ?? '';
      setMessage(`办件 ${no} 已设为联办件，请重新打印受理回执交申请人`);
      setOpen(false);
      setCaseId('');
      setOptions(null);
      void load();
    } catch (err) {
      fail(err);
    }
  };
  const act = async (s: JointStepView, what: 'done' | 'return' | 'reopen') => {
    try {
      const body =
        what === 'return'
          ? { reason: reasons[s.id]?.trim() ?? '' }
          : what === 'reopen'
            ? { dueDate: redates[s.id] ?? '' }
            : {};
      await api('POST', `/api/joint/steps/${s.id}/${what}`, body);
      setMessage(
        what === 'done'
          ? `办件 ${s.caseNo} 第${s.seq}步已办结`
          : what === 'return'
            ? `办件 ${s.caseNo} 第${s.seq}步已退回牵头窗口`
            : `办件 ${s.caseNo} 第${s.seq}步已重新交办`,
      );
      void load();
    } catch (err) {
      fail(err);
    }
  };
  const complete = rows.every((r) => r.windowNo && r.step && r.dueDate);
  const leadingCases = [...new Set(inbox.leading.map((s) => s.caseId))];

  return (
    <section class="joint-desk" data-testid="joint-desk">
      <h2>
        联办件
        <button aria-pressed={open} onClick={() => void startSetup()}>
          设为联办
        </button>
      </h2>
      {open && (
        <form class="joint-form" onSubmit={(e) => void submit(e)} data-testid="joint-form">
          <select
            value={caseId}
            aria-label="办件"
            onChange={(e) => void pickCase((e.target as HTMLSelectElement).value)}
          >
            <option value="">选择本窗口正在办理的承诺件</option>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.caseNo} {c.matterName}（承诺 {c.promisedDate}）
              </option>
            ))}
          </select>
          {options && (
            <>
              <p class="muted">
                各步骤依次办理，办理时限须为工作日，且不晚于承诺办结日期 {options.promisedDate}（限时办结制度第六条）。
              </p>
              {rows.map((r, i) => (
                <div class="joint-row" key={i} data-testid="joint-row">
                  <select
                    value={r.windowNo}
                    aria-label={`第${i + 1}步窗口`}
                    onChange={(e) => setRow(i, { windowNo: (e.target as HTMLSelectElement).value })}
                  >
                    <option value="">窗口</option>
                    {options.windows.map((w) => (
                      <option key={w.no} value={String(w.no)}>
                        {w.no}号窗口 {w.name}
                      </option>
                    ))}
                  </select>
                  <select
                    value={r.step}
                    aria-label={`第${i + 1}步环节`}
                    onChange={(e) => setRow(i, { step: (e.target as HTMLSelectElement).value })}
                  >
                    <option value="">办理环节</option>
                    {options.steps.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                  <input
                    type="date"
                    value={r.dueDate}
                    aria-label={`第${i + 1}步时限`}
                    onInput={(e) => setRow(i, { dueDate: (e.target as HTMLInputElement).value })}
                  />
                  <button
                    type="button"
                    disabled={rows.length === 1}
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                  >
                    删除
                  </button>
                </div>
              ))}
              <div class="joint-buttons">
                <button type="button" disabled={rows.length >= 8} onClick={() => setRows([...rows, emptyRow()])}>
                  加一步
                </button>
                <button type="submit" class="primary" disabled={!complete}>
                  确定联办
                </button>
              </div>
            </>
          )}
        </form>
      )}
      {message && <p class="info">{message}</p>}

      <h3>待本窗口办理</h3>
      {inbox.mine.length === 0 ? (
        <p class="muted">没有待办的联办步骤</p>
      ) : (
        <ul class="joint-list">
          {inbox.mine.map((s) => (
            <li key={s.id} class={s.late ? 'late' : ''} data-testid="joint-mine">
              <span>
                <b>{s.caseNo}</b> {s.matterName}
                {s.applicantMasked ? `（${s.applicantMasked}）` : ''}
              </span>
              <span>
                第{s.seq}步：{s.step}，{s.dueDate} 前完成（{s.leadWindowNo}号窗口牵头）
                {s.late && <span class="error">（已超过时限）</span>}
              </span>
              <input
                value={reasons[s.id] ?? ''}
                maxLength={300}
                placeholder="退回理由（退回牵头窗口时填写）"
                aria-label="退回理由"
                onInput={(e) => setReasons({ ...reasons, [s.id]: (e.target as HTMLInputElement).value })}
              />
              <div class="joint-buttons">
                <button class="primary" onClick={() => void act(s, 'done')}>
                  本步办结
                </button>
                <button disabled={!reasons[s.id]?.trim()} onClick={() => void act(s, 'return')}>
                  退回牵头窗口
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      {inbox.returned.length > 0 && (
        <>
          <h3>退回本窗口（牵头）</h3>
          <ul class="joint-list">
            {inbox.returned.map((s) => (
              <li key={s.id} class="late" data-testid="joint-returned">
                <span>
                  <b>{s.caseNo}</b> 第{s.seq}步 {s.windowName}：{s.step}
                </span>
                <span>退回理由：{s.returnReason}</span>
                <div class="joint-buttons">
                  <input
                    type="date"
                    value={redates[s.id] ?? ''}
                    aria-label="新的办理时限"
                    onInput={(e) => setRedates({ ...redates, [s.id]: (e.target as HTMLInputElement).value })}
                  />
                  <button disabled={!redates[s.id]} onClick={() => void act(s, 'reopen')}>
                    重新交办
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}

      {leadingCases.length > 0 && (
        <>
          <h3>本窗口牵头的联办件</h3>
          <ul class="joint-list">
            {leadingCases.map((id) => {
              const list = inbox.leading.filter((s) => s.caseId === id);
              return (
                <li key={id} data-testid="joint-leading">
                  <span>
                    <b>{list[0]!.caseNo}</b> {list[0]!.matterName}（承诺 {list[0]!.promisedDate}）
                  </span>
                  {list.every((s) => s.state === 'done') && (
                    <span class="info">各联办步骤均已完成，可在本窗口办结、出件</span>
                  )}
                  {list.map((s) => (
                    <span key={s.id} class={s.late ? 'error' : ''}>
                      第{s.seq}步 {s.windowName}：{s.step}，{s.dueDate} 前 —{' '}
                      {s.state === 'done' ? '已完成' : s.state === 'returned' ? '已退回' : s.late ? '已超时' : '办理中'}
                    </span>
                  ))}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
