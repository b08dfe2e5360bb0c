// Configuration edits: category names and daily quotas, window names, staff (name, windows, a new password,
// a new account), the notice line. The server checks
// the whole configuration before saving and the screens change at once; every edit is in the audit list.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiCallError } from '../lib/api.ts';
import { AuthoritiesForm } from './authorities.tsx';

interface ConfigView {
  notice: string;
  phone: string;
  supervisionPhone: string;
  higherAuthorities: string[];
  categories: { id: string; name: string; prefix: string; dailyQuota: number }[];
  windows: { no: number; name: string; categoryIds: string[] }[];
  staff: { id: string; name: string; role: 'staff' | 'leader' | 'admin'; windows: number[] }[];
}

interface AuditEntry {
  at: string;
  actor: string;
  type: string;
  data: { before?: unknown; after?: unknown; id?: string; no?: number };
}

const AUDIT_NAMES: Record<string, string> = {
  'admin.category.updated': '修改业务类别',
  'admin.window.updated': '修改窗口',
  'admin.notice.updated': '修改公告',
  'admin.phones.updated': '修改咨询/监督电话',
  'admin.authorities.updated': '修改上级机关、部门',
  'admin.staff.updated': '修改工作人员',
  'admin.staff.created': '新增工作人员',
  'rating.follow-up': '登记差评整改',
  'admin.device.updated': '修改设备设置',
  'admin.holidays.updated': '录入节假日安排',
  'admin.station.created': '新增便民服务站',
  'admin.station.updated': '修改便民服务站',
  'admin.station.retired': '撤销便民服务站',
  'admin.agent.created': '新增代办员',
  'admin.agent.updated': '修改代办员',
  'admin.agent.retired': '停用代办员账号',
};

export function Settings() {
  const [config, setConfig] = useState<ConfigView | null>(null);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = () => {
    api<ConfigView>('GET', '/api/admin/config')
      .then(setConfig)
      .catch((err: ApiCallError) => setMessage({ ok: false, text: err.message }));
    api<{ entries: AuditEntry[] }>('GET', '/api/admin/audit')
      .then((r) => setAudit(r.entries))
      .catch(() => undefined);
  };
  useEffect(load, []);

  const save = async (method: 'PUT' | 'POST', path: string, body: unknown, what: string) => {
    setMessage(null);
    try {
      setConfig(await api<ConfigView>(method, path, body));
      setMessage({ ok: true, text: `已保存：${what}（各屏幕已同步更新）` });
      load();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiCallError ? err.message : '保存失败，请重试' });
    }
  };

  if (!config) return message ? <p class="error">{message.text}</p> : <p class="muted">正在读取配置…</p>;
  return (
    <div class="settings">
      {message && (
        <p class={message.ok ? 'ok' : 'error'} role="status" data-testid="settings-message">
          {message.text}
        </p>
      )}
      <section class="card">
        <h2>大厅公告</h2>
        <NoticeForm
          notice={config.notice}
          onSave={(notice) => save('PUT', '/api/admin/notice', { notice }, '大厅公告')}
        />
      </section>
      <section class="card">
        <h2>咨询电话与监督电话</h2>
        <PhonesForm
          key={`${config.phone}|${config.supervisionPhone}`}
          phone={config.phone}
          supervisionPhone={config.supervisionPhone}
          onSave={(body) => save('PUT', '/api/admin/phones', body, '咨询电话与监督电话')}
        />
      </section>
      <section class="card" data-testid="authorities-card">
        <h2>上级机关、部门（办件上报）</h2>
        <AuthoritiesForm
          key={config.higherAuthorities.join('|')}
          authorities={config.higherAuthorities}
          onSave={(authorities) => save('PUT', '/api/admin/authorities', { authorities }, '上级机关、部门')}
        />
      </section>
      <section class="card">
        <h2>业务类别</h2>
        <table class="grid-table form-table">
          <thead>
            <tr>
              <th>号码字母</th>
              <th>编号</th>
              <th>名称</th>
              <th>每日号源</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {config.categories.map((c) => (
              <CategoryRow
                key={`${c.id}-${c.name}-${c.dailyQuota}`}
                category={c}
                onSave={(body) => save('PUT', `/api/admin/categories/${c.id}`, body, `业务类别“${body.name}”`)}
              />
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>窗口</h2>
        <table class="grid-table form-table">
          <thead>
            <tr>
              <th>窗口号</th>
              <th>名称</th>
              <th>办理业务</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {config.windows.map((w) => (
              <WindowRow
                key={`${w.no}-${w.name}`}
                window={w}
                categories={config.categories}
                onSave={(name) => save('PUT', `/api/admin/windows/${w.no}`, { name }, `${w.no}号窗口名称`)}
              />
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>工作人员</h2>
        <p class="note">
          窗口：可操作的窗口号，用逗号分隔。填写新密码即重置密码（至少 6 位），该账号已登录的页面需要重新登录。
        </p>
        <table class="grid-table form-table" data-testid="staff-table">
          <thead>
            <tr>
              <th>工号</th>
              <th>姓名</th>
              <th>角色</th>
              <th>窗口</th>
              <th>新密码</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {/* 代办员 accounts are managed on the 便民服务站 tab (issue 24 ⑫). */}
            {config.staff
              .filter((m) => (m.role as string) !== 'agent')
              .map((m) => (
                <StaffRow
                  key={`${m.id}-${m.name}-${m.windows.join(',')}`}
                  member={m}
                  onSave={(body) =>
                    save('PUT', `/api/admin/staff/${encodeURIComponent(m.id)}`, body, `工作人员 ${m.id}`)
                  }
                />
              ))}
            <NewStaffRow
              key={config.staff.length}
              onAdd={(body) => save('POST', '/api/admin/staff', body, `新工作人员 ${body.id}`)}
            />
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>修改记录</h2>
        {audit.length === 0 && <p class="empty">还没有修改记录</p>}
        <ul class="audit" data-testid="audit">
          {audit.map((a, i) => (
            <li key={i}>
              <span class="muted">
                {new Date(a.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}
              </span>
              <b>{AUDIT_NAMES[a.type] ?? a.type}</b>
              <span>{a.actor}</span>
              <code>
                {JSON.stringify(a.data.before)} → {JSON.stringify(a.data.after)}
              </code>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function NoticeForm(props: { notice: string; onSave: (notice: string) => void }) {
  const [text, setText] = useState(props.notice);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(text);
      }}
    >
      <textarea name="notice" rows={3} maxLength={500} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="actions">
        <span class="muted">{text.length} / 500 字</span>
        <button type="submit" class="primary" disabled={text === props.notice}>
          保存公告
        </button>
      </div>
    </form>
  );
}

/** Only numbers the centre itself publishes; an empty field prints no phone line at all. */
function PhonesForm(props: {
  phone: string;
  supervisionPhone: string;
  onSave: (body: { phone: string; supervisionPhone: string }) => void;
}) {
  const [phone, setPhone] = useState(props.phone);
  const [supervision, setSupervision] = useState(props.supervisionPhone);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave({ phone, supervisionPhone: supervision });
      }}
    >
      <label>
        本中心咨询电话{' '}
        <input
          name="phone"
          value={phone}
          maxLength={40}
          placeholder="不公布请留空"
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
      </label>
      <label>
        监督电话{' '}
        <input
          name="supervisionPhone"
          value={supervision}
          maxLength={40}
          placeholder="不公布请留空"
          onInput={(e) => setSupervision(e.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <span class="muted">留空的电话不印在告知单和回执上</span>
        <button
          type="submit"
          class="primary"
          disabled={phone === props.phone && supervision === props.supervisionPhone}
        >
          保存电话
        </button>
      </div>
    </form>
  );
}

function CategoryRow(props: {
  category: ConfigView['categories'][number];
  onSave: (body: { name: string; dailyQuota: number }) => void;
}) {
  const c = props.category;
  const [name, setName] = useState(c.name);
  const [quota, setQuota] = useState(String(c.dailyQuota));
  const changed = name !== c.name || quota !== String(c.dailyQuota);
  const valid = name.trim().length > 0 && /^\d+$/.test(quota) && Number(quota) >= 1 && Number(quota) <= 9999;
  return (
    <tr data-testid={`category-${c.id}`}>
      <td class="prefix">{c.prefix}</td>
      <td class="muted">{c.id}</td>
      <td>
        <input name="name" value={name} maxLength={30} onInput={(e) => setName(e.currentTarget.value)} />
      </td>
      <td>
        <input
          name="dailyQuota"
          type="number"
          min={1}
          max={9999}
          value={quota}
          onInput={(e) => setQuota(e.currentTarget.value)}
          class="narrow"
        />
      </td>
      <td>
        <button
          class="primary small"
          disabled={!changed || !valid}
          onClick={() => props.onSave({ name: name.trim(), dailyQuota: Number(quota) })}
        >
          保存
        </button>
        {!valid && <span class="error"> 名称不能为空，号源 1–9999</span>}
      </td>
    </tr>
  );
}

function WindowRow(props: {
  window: ConfigView['windows'][number];
  categories: ConfigView['categories'];
  onSave: (name: string) => void;
}) {
  const w = props.window;
  const [name, setName] = useState(w.name);
  return (
    <tr data-testid={`window-${w.no}`}>
      <td>{w.no}号</td>
      <td>
        <input name="name" value={name} maxLength={30} onInput={(e) => setName(e.currentTarget.value)} />
      </td>
      <td class="muted">
        {w.categoryIds.map((id) => props.categories.find((c) => c.id === id)?.name ?? id).join('、')}
      </td>
      <td>
        <button
          class="primary small"
          disabled={name === w.name || !name.trim()}
          onClick={() => props.onSave(name.trim())}
        >
          保存
        </button>
      </td>
    </tr>
  );
}

/** "3, 5" → [3, 5]; null when not a list of window numbers. */
function parseWindows(text: string): number[] | null {
  const parts = text.split(/[,，、\s]+/).filter(Boolean);
  return parts.every((p) => /^\d{1,3}$/.test(p)) ? parts.map(Number) : null;
}

function StaffRow(props: {
  member: ConfigView['staff'][number];
  onSave: (body: { name?: string; windows?: number[]; pin?: string }) => void;
}) {
  const m = props.member;
  const [name, setName] = useState(m.name);
  const [windows, setWindows] = useState(m.windows.join(', '));
  const [pin, setPin] = useState('');
  const list = parseWindows(windows);
  const changed = name !== m.name || (list !== null && list.join(',') !== m.windows.join(',')) || pin !== '';
  const valid = name.trim().length > 0 && list !== null && (pin === '' || pin.length >= 6);
  const body = () => ({
    ...(name !== m.name ? { name: name.trim() } : {}),
    ...(list && list.join(',') !== m.windows.join(',') ? { windows: list } : {}),
    ...(pin ? { pin } : {}),
  });
  return (
    <tr data-testid={`staff-${m.id}`}>
      <td class="muted">{m.id}</td>
      <td>
        <input name="name" value={name} maxLength={30} onInput={(e) => setName(e.currentTarget.value)} />
      </td>
      <td>{m.role === 'admin' ? '管理员' : m.role === 'leader' ? '分管领导' : '窗口'}</td>
      <td>
        <input name="windows" value={windows} class="narrow" onInput={(e) => setWindows(e.currentTarget.value)} />
      </td>
      <td>
        <input
          name="pin"
          type="password"
          autoComplete="new-password"
          value={pin}
          class="narrow"
          placeholder="不改则留空"
          onInput={(e) => setPin(e.currentTarget.value)}
        />
      </td>
      <td>
        <button class="primary small" disabled={!changed || !valid} onClick={() => props.onSave(body())}>
          保存
        </button>
        {!valid && <span class="error"> 姓名不能为空，窗口写数字，密码至少 6 位</span>}
      </td>
    </tr>
  );
}

function NewStaffRow(props: {
  onAdd: (body: {
    id: string;
    name: string;
    role: 'staff' | 'leader' | 'admin';
    windows: number[];
    pin: string;
  }) => void;
}) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<'staff' | 'leader' | 'admin'>('staff');
  const [windows, setWindows] = useState('');
  const [pin, setPin] = useState('');
  const list = parseWindows(windows);
  const valid = /^[a-z][a-z0-9_-]{1,31}$/.test(id) && name.trim().length > 0 && list !== null && pin.length >= 6;
  return (
    <tr data-testid="staff-new">
      <td>
        <input
          name="id"
          value={id}
          maxLength={32}
          placeholder="新工号"
          class="narrow"
          onInput={(e) => setId(e.currentTarget.value.trim())}
        />
      </td>
      <td>
        <input
          name="name"
          value={name}
          maxLength={30}
          placeholder="姓名"
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </td>
      <td>
        <select
          name="role"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as 'staff' | 'leader' | 'admin')}
        >
          <option value="staff">窗口</option>
          <option value="leader">分管领导</option>
          <option value="admin">管理员</option>
        </select>
      </td>
      <td>
        <input
          name="windows"
          value={windows}
          class="narrow"
          placeholder="如 3, 5"
          onInput={(e) => setWindows(e.currentTarget.value)}
        />
      </td>
      <td>
        <input
          name="pin"
          type="password"
          autoComplete="new-password"
          value={pin}
          class="narrow"
          placeholder="初始密码"
          onInput={(e) => setPin(e.currentTarget.value)}
        />
      </td>
      <td>
        <button
          class="primary small"
          disabled={!valid}
          onClick={() => props.onAdd({ id, name: name.trim(), role, windows: list ?? [], pin })}
        >
          新增
        </button>
      </td>
    </tr>
  );
}
