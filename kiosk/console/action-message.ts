// What the console says after an action went through (issue 24: it said 过号：已完成, 暂停：已完成): the
// ticket and what happened to it, in the words of the hall — A012 已过号, 已暂停叫号.

const DONE: Record<string, string> = {
  过号: '已过号',
  办结: '已办结',
  转办: '已转办',
  暂停: '已暂停叫号',
  恢复: '已恢复叫号',
  补打小票: '小票已补打',
  重打小票: '小票已重新打印',
  开启自动叫号: '已开启自动叫号',
  关闭自动叫号: '已关闭自动叫号',
  确认绿色通道: '已确认绿色通道',
};
/** Actions about the ticket at the window: its number goes first. */
const ABOUT_TICKET = new Set(['过号', '办结', '转办']);

/**
 * `label`: the action (过号, 办结…); `called`: the number a call action called; `ticket`: the number at the
 * window when the action was taken. A label that already says what happened (A012 已恢复排队) stays.
 */
export function actionMessage(label: string, called: string | null, ticket: string | null): string {
  if (called) return `${label}：${called}`;
  if (label.includes('已')) return label;
  const done = DONE[label] ?? `已${label}`;
  return ticket && ABOUT_TICKET.has(label) ? `${ticket} ${done}` : done;
}
