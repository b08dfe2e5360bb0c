// 上级机关、部门 on /admin → 配置管理 (限时办结制度 第九条 "需上报上级机关、部门审批的…，上级机关、部门办理时间不计在内"):
// the list a window may report a case to. One name a line; the server refuses empty names, duplicates and
// the centre's own name, saves it into center.json and records it in the audit list.
import { useState } from 'preact/hooks';

export function AuthoritiesForm(props: { authorities: string[]; onSave: (authorities: string[]) => void }) {
  const [text, setText] = useState(props.authorities.join('\n'));
  const list = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const unchanged = list.join('\n') === props.authorities.join('\n');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(list);
      }}
    >
      <textarea
        name="authorities"
        rows={Math.min(12, Math.max(4, props.authorities.length + 1))}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div class="actions">
        <span class="muted">每行一个；办件“上报”时只能从中选择，不能填本中心</span>
        <button type="submit" class="primary" disabled={unchanged || list.length === 0}>
          保存上级机关、部门
        </button>
      </div>
    </form>
  );
}
