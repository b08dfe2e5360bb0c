// 转办 reaches the receiving window: from which window, who sent it, when, and the note they wrote.
import type { Ticket } from '../../server/contract/queue.ts';
import { hhmm } from './queue-view.ts';

export function TransferNote({ ticket }: { ticket: Ticket }) {
  const t = ticket.transfer;
  if (!t) return null;
  return (
    <div class="transfer-note" data-testid="transfer-note">
      <span class="tag">转自{t.fromWindowNo}号窗口</span> {t.byName} · {hhmm(t.at)}
      {t.note && <span class="transfer-text">：{t.note}</span>}
    </div>
  );
}
