// 急事特办 at the window (issue 21; 限时办结制度 第三条 "紧急事项应急事特办，随到随办", 预约服务制度 第五条): a clerk marks
// a waiting ticket or an open case 紧急 with a short reason (required, recorded with who and when; erased at the
// retention date). An urgent ticket is called first at the windows serving its category.
import { useState } from 'preact/hooks';

export function UrgentPanel(props: {
  /** 'B003 号' or '办件 20261102-0001'. */
  what: string;
  busy: boolean;
  onMark: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <form
      class="panel inline"
      data-testid="urgent-panel"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) props.onMark(reason.trim());
      }}
    >
      <input
        maxLength={100}
        placeholder={`${props.what}标记紧急的理由（必填，将记录）`}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
        autoFocus
      />
      <button type="submit" class="primary" disabled={props.busy || !reason.trim()}>
        标记紧急
      </button>
      <button type="button" class="link" onClick={props.onCancel}>
        取消
      </button>
    </form>
  );
}

/** The badge a ticket or case marked 紧急 carries on the console and on supervision. */
export function UrgentTag() {
  return <span class="tag urgent">紧急·急事特办</span>;
}
