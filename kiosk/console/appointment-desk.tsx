// 预约登记 (预约服务制) at a window: book a matter for a working day and an hour slot inside the opening
// sessions; the resident gets the appointment code and its QR (scanned at the kiosk to check in, or the
// ID card swiped). The ID number is sent once for matching and kept only masked and as a keyed hash.
// Below the form: that day's appointments, with cancel.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiCallError, call } from '../lib/api.ts';
import { QrCode } from '../lib/QrCode.tsx';
import type { Appointment } from '../../server/contract/appointments.ts';
import type { CategoryView } from '../../server/contract/queue.ts';
import type { Matter } from '../../server/contract/matters.ts';
import { MatterPicker } from './matter-picker.tsx';
import { csvCell } from '../../server/contract/csv.ts';

interface Slot {
  from: string;
  to: string;
  booked: number;
  /** Today's slot that has already ended (where hours are enforced): not bookable. */
  ended: boolean;
}

const STATUS_NAMES: Record<Appointment['status'], string> = {
  booked: '已预约',
  'checked-in': '已签到',
  cancelled: '已取消',
};
const ID_NUMBER = /^\d{17}[\dXx]$/;

export function AppointmentDesk(props: {
  today: string;
  categoryIds: string[];
  categories: CategoryView[];
  onClose(): void;
  onSignedOut(): void;
}) {
  const [matter, setMatter] = useState<Matter | null>(null);
  const [picking, setPicking] = useState(false);
  const [categoryId, setCategoryId] = useState(props.categoryIds[0] ?? props.categories[0]?.id ?? '');
  const [date, setDate] = useState(props.today);
  const [day, setDay] = useState<{ open: boolean; slots: Slot[] } | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [list, setList] = useState<Appointment[]>([]);
  const [booked, setBooked] = useState<{ appointment: Appointment; qr: string } | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string; details?: string[] } | null>(null);
  const [imported, setImported] = useState<Appointment[] | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (err: unknown) => {
    const e =
      err instanceof ApiCallError
        ? err
        : new ApiCallError(0, 'unknown', '操作失败，请重试', { code: 'unknown', message: '' });
    if (e.status === 401) props.onSignedOut();
    setMessage({
      error: true,
      text: e.message,
      details: Array.isArray(e.body.details) ? (e.body.details as string[]) : undefined,
    });
  };

  const load = async (d: string) => {
    try {
      const [slots, day] = await Promise.all([
        api<{ open: boolean; slots: Slot[] }>('GET', `/api/appointments/slots?date=${d}`),
        call('GET /api/appointments', { query: { date: d } }),
      ]);
      setDay(slots);
      setList(day.appointments);
    } catch (err) {
      setDay(null);
      setList([]);
      fail(err);
    }
  };
  useEffect(() => {
    setSlot(null);
    setMessage(null);
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) void load(date);
  }, [date]);

  const idOk = idNumber === '' || ID_NUMBER.test(idNumber);
  const ready = !!categoryId && !!slot && idOk && !busy;

  /** One request at a time: the server's Chinese message on failure, the day's list read again after. */
  const send = async <T,>(path: string, body: unknown, done: (r: T) => string): Promise<T | null> => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await api<T>('POST', path, body);
      setMessage({ error: false, text: done(r) });
      await load(date);
      return r;
    } catch (err) {
      fail(err);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const book = async (e: Event) => {
    e.preventDefault();
    if (!ready || !slot) return;
    const body: Record<string, unknown> = { categoryId, date, slotFrom: slot.from, slotTo: slot.to };
    if (matter) body.matterId = matter.id;
    if (name.trim()) body.name = name.trim();
    if (idNumber) body.idNumber = idNumber.toUpperCase();
    const r = await send<{ appointment: Appointment; qr: string }>(
      '/api/appointments',
      body,
      (r) =>
        `已预约：${r.appointment.date} ${r.appointment.slotFrom}–${r.appointment.slotTo}，预约码 ${r.appointment.code}`,
    );
    if (!r) return;
    setBooked(r);
    // The full ID number leaves the form as soon as it has been sent.
    setName('');
    setIdNumber('');
  };

  /** 预约导入: the whole file is checked by the server; every problem comes back with its line. */
  const importFile = async (file: File) => {
    setImported(null);
    // The bytes go as they are: Excel and WPS on Chinese Windows save CSV as GBK/GB18030, which the server
    // tells from UTF-8 (file.text() would have read it as UTF-8 and garbled every Chinese character).
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length > 120_000) return setMessage({ error: true, text: '文件过大（上限约 120 KB），请分批导入' });
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    const r = await send<{ appointments: Appointment[] }>(
      '/api/appointments/import',
      { csvBase64: btoa(binary) },
      (r) => `已导入 ${r.appointments.length} 个预约，请下载预约码表通知群众`,
    );
    if (r) setImported(r.appointments);
  };

  const printSlip = (a: Appointment) =>
    void send(`/api/appointments/${encodeURIComponent(a.id)}/print`, {}, () => `预约凭条 ${a.code} 已在大厅打印机打印`);
  const cancel = (a: Appointment) =>
    void send(`/api/appointments/${encodeURIComponent(a.id)}/cancel`, {}, () => `预约 ${a.code} 已取消`);

  const categoryName = (id: string) => props.categories.find((c) => c.id === id)?.name ?? id;
  const codesUrl = useMemo(() => (imported ? codesCsvUrl(imported, categoryName) : null), [imported]);
  useEffect(() => () => void (codesUrl && URL.revokeObjectURL(codesUrl)), [codesUrl]);
  return (
    <section class="panel appointment-desk" data-testid="appointment-desk">
      <h3>
        预约登记
        <button type="button" class="link" onClick={props.onClose}>
          收起
        </button>
      </h3>
      {picking ? (
        <MatterPicker
          categoryIds={props.categoryIds}
          wanted={[]}
          onPick={(m) => {
            setMatter(m);
            if (m.categoryId) setCategoryId(m.categoryId);
            setPicking(false);
          }}
          onCancel={() => setPicking(false)}
        />
      ) : (
        <form onSubmit={(e) => void book(e)}>
          <div class="row">
            <span>事项：</span>
            <b>{matter ? matter.name : '（不指定，只预约业务类别）'}</b>
            <button type="button" class="small" onClick={() => setPicking(true)}>
              {matter ? '换一个' : '选择事项'}
            </button>
            {matter && (
              <button type="button" class="link" onClick={() => setMatter(null)}>
                不指定
              </button>
            )}
          </div>
          <div class="row">
            <label>
              业务类别
              <select name="categoryId" value={categoryId} onChange={(e) => setCategoryId(e.currentTarget.value)}>
                {props.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.prefix} {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              日期
              <input
                type="date"
                name="date"
                min={props.today}
                value={date}
                onInput={(e) => setDate(e.currentTarget.value)}
              />
            </label>
          </div>
          <div class="slots" role="group" aria-label="预约时段">
            {day && !day.open && <p class="warn">该日是休息日或法定节假日，中心不办公，请选择工作日。</p>}
            {day?.slots.map((s) => (
              <button
                type="button"
                key={s.from}
                class={slot?.from === s.from ? 'slot chosen' : 'slot'}
                aria-pressed={slot?.from === s.from}
                disabled={s.ended}
                onClick={() => setSlot(s)}
              >
                {s.from}–{s.to}
                <span class="muted">{s.ended ? '已过' : `已约 ${s.booked}`}</span>
              </button>
            ))}
          </div>
          <div class="row">
            <input
              name="name"
              maxLength={30}
              placeholder="姓名（可选，只保存脱敏形式）"
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
            <input
              name="idNumber"
              maxLength={18}
              placeholder="身份证号（可选，用于刷证签到）"
              value={idNumber}
              onInput={(e) => setIdNumber(e.currentTarget.value.replace(/[^\dXx]/g, ''))}
            />
          </div>
          {!idOk && <p class="warn">身份证号应为 18 位（最后一位可以是 X）。</p>}
          <div class="row">
            <button type="submit" class="primary" disabled={!ready}>
              预约
            </button>
          </div>
        </form>
      )}
      <div class="row import-row">
        <label class="file-label">
          从表格导入（CSV：日期,开始,结束,业务类别,事项,姓名,身份证号）
          <input
            type="file"
            name="import"
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void importFile(f);
            }}
          />
        </label>
        {codesUrl && (
          <a download="预约码.csv" href={codesUrl} data-testid="codes-download">
            下载预约码表
          </a>
        )}
      </div>
      <div class="feedback" role="status" data-testid="appointment-message">
        {message && <span class={message.error ? 'error' : 'info'}>{message.text}</span>}
        {message?.details && (
          <ul class="error problems">
            {message.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      {booked && (
        <div class="appointment-booked" data-testid="appointment-booked">
          <QrCode class="appointment-qr" text={booked.qr} label={`预约码 ${booked.appointment.code}`} />
          <div>
            <div>
              预约码 <b class="num">{booked.appointment.code}</b>
            </div>
            <div>
              {booked.appointment.date} {booked.appointment.slotFrom}–{booked.appointment.slotTo} ·{' '}
              {categoryName(booked.appointment.categoryId)}
            </div>
            {(booked.appointment.nameMasked || booked.appointment.idMasked) && (
              <div class="muted">
                {booked.appointment.nameMasked ?? ''} {booked.appointment.idMasked ?? ''}
              </div>
            )}
            <p class="muted">
              请群众拍下或记下预约码，或打印凭条；到中心后在自助机扫码或刷身份证签到，请在预约时段内到达。
            </p>
            <button type="button" class="primary" disabled={busy} onClick={() => printSlip(booked.appointment)}>
              打印预约凭条
            </button>
          </div>
        </div>
      )}
      <h3>
        {date} 的预约 <span class="muted">（{list.filter((a) => a.status !== 'cancelled').length} 个）</span>
      </h3>
      <ul class="case-list" data-testid="appointment-list">
        {list.length === 0 && <li class="muted">没有预约</li>}
        {list.map((a) => (
          <li key={a.id}>
            <span class="num">
              {a.slotFrom}–{a.slotTo}
            </span>
            <span class="num">{a.code}</span>
            <span>{categoryName(a.categoryId)}</span>
            <span class="muted">{a.nameMasked ?? ''}</span>
            <span class={`tag appt-${a.status}`}>{STATUS_NAMES[a.status]}</span>
            {a.status === 'booked' && (
              <span class="right">
                <button class="small" disabled={busy} onClick={() => cancel(a)}>
                  取消预约
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The codes of imported appointments as a spreadsheet (for SMS notices): identities masked only. */
function codesCsvUrl(list: Appointment[], categoryName: (id: string) => string): string {
  const rows = [
    ['日期', '时段', '业务类别', '姓名', '身份证号', '预约码'],
    ...list.map((a) => [
      a.date,
      `${a.slotFrom}-${a.slotTo}`,
      categoryName(a.categoryId),
      a.nameMasked ?? '',
      a.idMasked ?? '',
      a.code,
    ]),
  ];
  return URL.createObjectURL(
    new Blob(['\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'], {
      type: 'text/csv;charset=utf-8',
    }),
  );
}
