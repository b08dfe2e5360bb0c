// 联办件 progress for the resident (/c/:id): which windows take part, what each does, by when, and where it
// stands — in plain Chinese, no staff names, no internal reasons (一次性告知制度 第四条 "将结果告知服务对象").
import type { PublicJoint } from '../../server/contract/joint.ts';
import './joint-progress.css';

const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

export function JointProgress({ joint }: { joint: PublicJoint }) {
  const done = joint.steps.filter((s) => s.state === 'done').length;
  return (
    <section class="joint-progress" data-testid="joint-progress">
      <h3>联办进度</h3>
      <p class="joint-lead">
        本件由 <b>{joint.leadWindowName}</b> 牵头受理，以下窗口协同办理，办结后在牵头窗口领取结果。已完成 {done}/
        {joint.steps.length} 项。
      </p>
      <ol class="joint-steps">
        {joint.steps.map((s) => (
          <li key={s.seq} class={`joint-step joint-step-${s.state}`}>
            <span class="joint-window">{s.windowName}</span>
            <span class="joint-what">{s.step}</span>
            <span class="joint-state">
              {s.state === 'done' && s.doneOn ? `已完成（${md(s.doneOn)}）` : s.stateName}
              {s.state === 'open' ? `，${md(s.dueDate)}前完成` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
