// 公示 at the window (issue 22 ⑦): for a case of a matter marked 须公示 — seed 004 附件2 ㈠ 低保 and ㈡ 廉租房
// “受理审核(做好审核阶段的公示、接受社会监督等工作)”, 资助居家托老残疾人申请 “中心和社区进行公示” — the window starts the
// 公示 while the case is 审核中 (accepted), sees its 公示期, and records an objection (异议) while it runs. The server
// decides the 公示期 (center.publicityDays) and refuses 上报/办结 before it is over (publicity-required / -running).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import type { CasePublicityStage, CaseRecord } from '../../server/contract/cases.ts';

/** 2026-11-29 → 11月29日 */
export function monthDay(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** The state tag: 公示中（至 11月29日） or 公示期满 — the dates follow it once, in full. */
export function publicityLine(s: CasePublicityStage): string {
  return s.over ? '公示期满' : `公示中（至 ${monthDay(s.endDate)}）`;
}

export function CasePublicity(props: {
  c: CaseRecord;
  busy: boolean;
  send<T>(method: 'GET' | 'POST', path: string, body: unknown, done: (r: T) => string): Promise<T | null>;
}) {
  const { c } = props;
  const [announce, setAnnounce] = useState<boolean | null>(null);
  const [stage, setStage] = useState<CasePublicityStage | null>(null);
  const [content, setContent] = useState('');
  const base = `/api/cases/${encodeURIComponent(c.id)}/publicity`;
  useEffect(() => {
    let gone = false;
    setAnnounce(null);
    setStage(null);
    void (async () => {
      try {
        const m = await api<{ announce: boolean }>('GET', `/api/matters/${encodeURIComponent(c.matterId)}`);
        if (gone) return;
        setAnnounce(m.announce);
        if (!m.announce) return;
        const p = await api<{ publicity: CasePublicityStage | null }>('GET', base);
        if (!gone) setStage(p.publicity);
      } catch {
        if (!gone) setAnnounce(null);
      }
    })();
    return () => {
      gone = true;
    };
  }, [c.id, c.matterId, base]);

  if (!announce) return null;
  const start = async () => {
    const r = await props.send<{ publicity: CasePublicityStage }>(
      'POST',
      base,
      {},
      (x) => `${c.caseNo}：已开始公示，公示期 ${monthDay(x.publicity.startDate)}至${monthDay(x.publicity.endDate)}`,
    );
    if (r) setStage(r.publicity);
  };
  const object = async (e: Event) => {
    e.preventDefault();
    const r = await props.send<{ publicity: CasePublicityStage }>(
      'POST',
      `${base}/objections`,
      { content: content.trim(), source: 'counter' },
      () => `${c.caseNo}：异议已登记到意见和投诉登记`,
    );
    if (r) {
      setStage(r.publicity);
      setContent('');
    }
  };
  return (
    <div class="case-publicity" data-testid="case-publicity">
      {!stage && (
        <p>
          本事项须公示（审核阶段），公示期满后方可上报或办结。
          {c.state === 'accepted' && (
            <button class="small primary" disabled={props.busy} onClick={() => void start()}>
              开始公示
            </button>
          )}
        </p>
      )}
      {stage && (
        <>
          <p>
            <span class={stage.over ? 'tag' : 'tag warn'} data-testid="publicity-state">
              {publicityLine(stage)}
            </span>{' '}
            公示期 {stage.startDate} 至 {stage.endDate}（{stage.days} 天）
            {stage.objections.length > 0 && `，已登记异议 ${stage.objections.length} 条`}
          </p>
          {!stage.over && (
            <form class="row" data-testid="publicity-objection" onSubmit={(e) => void object(e)}>
              <textarea
                name="objection"
                rows={2}
                maxLength={1000}
                placeholder="群众对公示提出的异议（必填，将登记到意见和投诉登记）"
                value={content}
                onInput={(e) => setContent(e.currentTarget.value)}
              />
              <button type="submit" class="small" disabled={props.busy || !content.trim()}>
                记录异议
              </button>
            </form>
          )}
        </>
      )}
    </div>
  );
}
