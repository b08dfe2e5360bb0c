// The self-booking form. Every limit is the server's (slot capacity, the day's quota, one live booking per
// phone per matter, days ahead, rest days by the official calendar); the page shows its Chinese answer.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Appointment, BookingOptions, BookingSlot } from '../../server/contract/appointments.ts';
import { ApiCallError, call } from '../lib/api.ts';
import { QrCode } from '../lib/QrCode.tsx';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const dayLabel = (date: string) =>
  `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 周${WEEKDAYS[new Date(date + 'T00:00:00Z').getUTCDay()]}`;

type Booked = { appointment: Appointment & { matterName: string }; qr: string; printed: boolean | null };

export function BookPage({ atKiosk }: { atKiosk: boolean }) {
  const [options, setOptions] = useState<BookingOptions | null>(null);
  const [matterId, setMatterId] = useState('');
  const [filter, setFilter] = useState('');
  const [date, setDate] = useState('');
  const [slots, setSlots] = useState<BookingSlot[] | null>(null);
  const [slot, setSlot] = useState<BookingSlot | null>(null);
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [booked, setBooked] = useState<Booked | null>(null);

  useEffect(() => {
    call('GET /api/book/options').then(setOptions, (e: ApiCallError) => setError(e.message));
  }, []);

  // At the kiosk: back to the start screen after a minute without a touch (the next person must not see this).
  useEffect(() => {
    if (!atKiosk) return;
    let timer = setTimeout(() => location.assign('/kiosk'), 60_000);
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => location.assign('/kiosk'), 60_000);
    };
    document.addEventListener('pointerdown', touch, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', touch, true);
    };
  }, [atKiosk]);

  useEffect(() => {
    setSlot(null);
    setSlots(null);
    if (!matterId || !date) return;
    call('GET /api/book/slots', { query: { matterId, date } }).then(
      (r) => {
        setSlots(r.slots);
        if (r.reason) setError(r.reason);
      },
      (e: ApiCallError) => setError(e.message),
    );
  }, [matterId, date]);

  const matters = useMemo(
    () => (options?.matters ?? []).filter((m) => !filter.trim() || m.name.includes(filter.trim())),
    [options, filter],
  );
  const phoneOk = /^1[3-9]\d{9}$/.test(phone);

  const submit = async () => {
    if (!slot || busy) return;
    setBusy(true);
    setError(null);
    try {
      setBooked(
        await call('POST /api/book', { body: { matterId, date, slotFrom: slot.from, slotTo: slot.to, phone } }),
      );
    } catch (e) {
      setError((e as ApiCallError).message);
    } finally {
      setBusy(false);
    }
  };

  if (booked) {
    const a = booked.appointment;
    return (
      <div class="page">
        <header>
          <div class="center">{options?.centerName}</div>
          <h1>预约成功</h1>
        </header>
        <section class="card done" data-testid="booked">
          <p class="code-label">预约码</p>
          <p class="code">{a.code}</p>
          <QrCode class="qr" text={booked.qr} label={`预约码 ${a.code} 的二维码`} />
          <dl>
            <dt>事项</dt>
            <dd>{a.matterName}</dd>
            <dt>时间</dt>
            <dd>
              {dayLabel(a.date)} {a.slotFrom}–{a.slotTo}
            </dd>
            <dt>手机号</dt>
            <dd>{a.phoneMasked}</dd>
          </dl>
          <p class="hint">
            {atKiosk
              ? booked.printed
                ? '预约凭条已打印，请收好。'
                : '凭条未能打印，请用手机拍下本页或记下预约码。'
              : '请截图保存本页。'}
            到中心后在自助服务机扫描二维码签到，按时签到优先办理。
          </p>
        </section>
        {atKiosk && (
          <a class="btn" href="/kiosk">
            完成
          </a>
        )}
      </div>
    );
  }

  return (
    <div class="page">
      <header>
        <div class="center">{options?.centerName}</div>
        <h1>预约办理</h1>
        {atKiosk && (
          <a class="back" href="/kiosk">
            返回
          </a>
        )}
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!options ? (
        <p class="hint">{error ? '' : '正在加载…'}</p>
      ) : (
        <>
          <section class="card">
            <h2>1. 办理事项</h2>
            <input
              class="field"
              type="search"
              placeholder="输入事项名称查找"
              value={filter}
              onInput={(e) => setFilter(e.currentTarget.value)}
            />
            <select
              class="field"
              value={matterId}
              onChange={(e) => {
                setError(null);
                setMatterId(e.currentTarget.value);
              }}
              aria-label="办理事项"
            >
              <option value="">请选择事项（共 {matters.length} 项）</option>
              {matters.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </section>
          <section class="card">
            <h2>2. 日期</h2>
            <div class="choices">
              {options.days.map((d) => (
                <button
                  key={d.date}
                  class={`choice${d.date === date ? ' on' : ''}`}
                  disabled={!d.open}
                  title={d.reason ?? ''}
                  onClick={() => {
                    setError(null);
                    setDate(d.date);
                  }}
                >
                  {dayLabel(d.date)}
                  {!d.open && <small>不办公</small>}
                </button>
              ))}
            </div>
          </section>
          <section class="card">
            <h2>3. 时段</h2>
            {!matterId || !date ? (
              <p class="hint">请先选择事项和日期</p>
            ) : !slots ? (
              <p class="hint">正在查询…</p>
            ) : (
              <div class="choices">
                {slots.map((s) => {
                  const full = s.ended || s.free === 0;
                  return (
                    <button
                      key={s.from}
                      class={`choice${slot?.from === s.from ? ' on' : ''}`}
                      disabled={full}
                      onClick={() => setSlot(s)}
                    >
                      {s.from}–{s.to}
                      <small>
                        {s.ended ? '已过' : s.free === 0 ? '已约满' : s.free === null ? '可预约' : `余 ${s.free} 个`}
                      </small>
                    </button>
                  );
                })}
              </div>
            )}
          </section>
          <section class="card">
            <h2>4. 手机号</h2>
            <input
              class="field"
              type="tel"
              inputMode="numeric"
              maxLength={11}
              placeholder="11 位手机号码"
              value={phone}
              onInput={(e) => setPhone(e.currentTarget.value.replace(/\D/g, ''))}
              aria-label="手机号"
            />
            <p class="hint">只用于核对预约，显示时隐去中间四位。同一手机号同一事项只能保留一个预约。</p>
          </section>
          <button class="btn btn-primary" disabled={!slot || !phoneOk || busy} onClick={() => void submit()}>
            {busy ? '正在预约…' : '确认预约'}
          </button>
        </>
      )}
    </div>
  );
}
