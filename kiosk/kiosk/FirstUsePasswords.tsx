// An installation's first start generates a random first-use password for every account (issue #23 item 2:
// no password is published any more). They are shown once, here on the kiosk's own screen — the route answers
// only the kiosk's address, and only once — and in the service's journal. Whoever installs the kiosk copies
// them and hands each to its holder, who must replace it at the first login.
import { useEffect, useState } from 'preact/hooks';
import type { ApiAnswer } from '../../server/contract/api.ts';
import { call } from '../lib/api.ts';

type Accounts = ApiAnswer<'GET /api/kiosk/first-use-passwords'>['accounts'];

export function FirstUsePasswords() {
  const [accounts, setAccounts] = useState<Accounts>([]);
  useEffect(() => {
    // 410 when they were shown already or none were generated: nothing to show.
    call('GET /api/kiosk/first-use-passwords').then(
      (r) => setAccounts(r.accounts),
      () => {},
    );
  }, []);
  if (accounts.length === 0) return null;
  return (
    <div class="dialog-veil" data-testid="first-use-passwords">
      <div class="dialog first-use" role="dialog" aria-label="首次使用密码">
        <h2>首次使用密码（只显示这一次）</h2>
        <p class="dialog-text">
          本机首次启动，已为每个账号生成随机密码。请现在抄录并交给本人，本人首次登录时须改为自己的密码；只能在本机或已登记的窗口电脑上使用。关闭后不再显示，服务日志中另有记录。
        </p>
        <ul class="first-use-list">
          {accounts.map((a) => (
            <li key={a.staffId} data-staff={a.staffId}>
              <span class="first-use-who">
                {a.staffId} {a.name}
              </span>
              <span class="first-use-password">{a.password}</span>
            </li>
          ))}
        </ul>
        <div class="dialog-actions">
          <button type="button" class="btn btn-primary" onClick={() => setAccounts([])}>
            已抄录，关闭
          </button>
        </div>
      </div>
    </div>
  );
}
