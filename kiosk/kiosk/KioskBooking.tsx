// 自助预约 at the kiosk (issue 24 ①): the phone page in a narrow column, with a native 36-item <select>, free
// text and a keyboard-only phone field, was a dead end on a touch screen without a keyboard. Here booking uses
// the kiosk's own touch pattern: the business as big buttons (as taking a number), then its matter, a day and
// a slot grid (the same /api/book options, slots and rules as /book: nothing decided here), then the ID card on
// the reader or a phone number on the kiosk's digit pad, and the 预约凭条 prints on the receipt printer.
// 预约服务制度 第一条：“预约服务制是指申请人办理的事项需要与业务窗口工作人员预约办理的制度。”
import { useEffect, useState } from 'preact/hooks';
import { type ApiCallError, call } from '../lib/api.ts';
import type { Appointment, BookingOptions, BookingSlot } from '../../server/contract/appointments.ts';
import type { IdCardRead } from '../../server/contract/devices.ts';
import { BookedExtras } from '../book/BookedExtras.tsx';
import { useSpokenHeading } from './kiosk-context.ts';

interface CategoryView {
  id: string;
  name: string;
  prefix: string;
}

type Matter = BookingOptions['matters'][number];
type Booked = { appointment: Appointment & { matterName: string }; printed: boolean | null };

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const dayLabel = (date: string) => {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日 ${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
};
const MOBILE = /^1[3-9]\d{9}$/;

export function KioskBooking(props: { categories: CategoryView[]; card: IdCardRead | null; onHome(): void }) {
  const [options, setOptions] = useState<BookingOptions | null>(null);
  const [error, setError] = useState('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [matter, setMatter] = useState<Matter | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [slots, setSlots] = useState<{ slots: BookingSlot[]; reason: string | null } | null>(null);
  const [slot, setSlot] = useState<BookingSlot | null>(null);
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [booked, setBooked] = useState<Booked | null>(null);

  useEffect(() => {
    call('GET /api/book/options').then(setOptions, (e: ApiCallError) => setError(e.message));
  }, []);
  useEffect(() => {
    if (!matter || !date) return;
    setSlots(null);
    setError('');
    call('GET /api/book/slots', { query: { matterId: matter.id, date } }).then(setSlots, (e: ApiCallError) =>
      setError(e.message),
    );
  }, [matter, date]);

  const book = async (who: { phone: string } | { readToken: string }) => {
    if (!matter || !date || !slot || busy) return;
    setBusy(true);
    setError('');
    try {
      const r = await call('POST /api/book', {
        body: { matterId: matter.id, date, slotFrom: slot.from, slotTo: slot.to, ...who },
      });
      setBooked({ appointment: r.appointment, printed: r.printed });
    } catch (e) {
      setError((e as ApiCallError).message);
    } finally {
      setBusy(false);
    }
  };

  const back = (to: 'category' | 'matter' | 'day' | 'slot') => {
    setError('');
    if (to === 'category') setCategoryId(null);
    if (to === 'category' || to === 'matter') setMatter(null);
    if (to !== 'slot') setDate(null);
    setSlot(null);
  };

  const bookable = options ? props.categories.filter((c) => options.matters.some((m) => m.categoryId === c.id)) : [];
  const category = bookable.find((c) => c.id === categoryId) ?? null;
  // 长辈模式 reads each step's question aloud, as the other kiosk screens read their heading.
  const question = booked
    ? booked.printed
      ? '预约成功，请取走预约凭条'
      : '预约成功，请记下预约码'
    : !options
      ? null
      : !category
        ? '请选择要预约的业务'
        : !matter
          ? '请选择要办理的事项'
          : !date
            ? '请选择日期'
            : !slot
              ? '请选择时段'
              : '请刷身份证，或输入手机号码';
  useSpokenHeading(question);
  const chosen = [category?.name, matter?.name, date ? dayLabel(date) : null, slot ? `${slot.from}-${slot.to}` : null]
    .filter(Boolean)
    .join(' · ');

  return (
    <div class="kbook" data-testid="kiosk-booking">
      <div class="kbook-top">
        <button class="btn" onClick={props.onHome}>
          返回首页
        </button>
        <h1 class="heading kbook-title">自助预约</h1>
      </div>
      {chosen && !booked && (
        <p class="kbook-chosen" data-testid="kbook-chosen">
          {chosen}
        </p>
      )}
      {error && (
        <p class="error-text" role="alert">
          {error}
        </p>
      )}
      {!options && !error && <p class="hint">正在读取可预约的事项…</p>}

      {booked ? (
        <Done booked={booked} address={options?.address ?? ''} onHome={props.onHome} />
      ) : !category ? (
        options && (
          <>
            <h2 class="kbook-step">请选择要预约的业务</h2>
            <div class="kbook-grid kbook-categories">
              {bookable.map((c) => (
                <button key={c.id} class="kbook-choice" data-category={c.id} onClick={() => setCategoryId(c.id)}>
                  <span class="kbook-prefix">{c.prefix}</span>
                  {c.name}
                </button>
              ))}
            </div>
          </>
        )
      ) : !matter ? (
        <>
          <h2 class="kbook-step">请选择要办理的事项</h2>
          <div class="kbook-grid kbook-matters kbook-scroll">
            {options!.matters
              .filter((m) => m.categoryId === category.id)
              .map((m) => (
                <button key={m.id} class="kbook-choice" data-matter={m.id} onClick={() => setMatter(m)}>
                  {m.name}
                </button>
              ))}
          </div>
          <div class="actions">
            <button class="btn" onClick={() => back('category')}>
              重选业务
            </button>
          </div>
        </>
      ) : !date ? (
        <>
          <h2 class="kbook-step">请选择日期</h2>
          <div class="kbook-grid kbook-days kbook-scroll">
            {options!.days.map((d) => (
              <button
                key={d.date}
                class="kbook-choice kbook-day"
                data-date={d.date}
                disabled={!d.open}
                onClick={() => setDate(d.date)}
              >
                {dayLabel(d.date)}
                {!d.open && <span class="kbook-why">{d.reason}</span>}
              </button>
            ))}
          </div>
          <div class="actions">
            <button class="btn" onClick={() => back('matter')}>
              重选事项
            </button>
          </div>
        </>
      ) : !slot ? (
        <>
          <h2 class="kbook-step">请选择时段</h2>
          {slots?.reason && <p class="error-text">{slots.reason}</p>}
          {!slots && !error && <p class="hint">正在查询余号…</p>}
          <div class="kbook-grid kbook-slots kbook-scroll">
            {slots?.slots.map((s) => {
              const full = s.free === 0;
              return (
                <button
                  key={s.from}
                  class="kbook-choice kbook-slot"
                  data-slot={s.from}
                  disabled={s.ended || full}
                  onClick={() => setSlot(s)}
                >
                  {s.from}-{s.to}
                  <span class="kbook-why">
                    {s.ended ? '已过' : full ? '已约满' : s.free === null ? '可预约' : `余 ${s.free} 个`}
                  </span>
                </button>
              );
            })}
          </div>
          <div class="actions">
            <button class="btn" onClick={() => back('day')}>
              重选日期
            </button>
          </div>
        </>
      ) : (
        <div class="kbook-who">
          <section class="kbook-card" data-testid="kbook-card">
            <h2 class="kbook-step">刷身份证预约</h2>
            {props.card ? (
              <>
                <p class="kbook-holder">
                  已读取：{props.card.nameMasked}　{props.card.idMasked}
                </p>
                <button
                  class="btn btn-primary kbook-go"
                  disabled={busy}
                  onClick={() => void book({ readToken: props.card!.readToken })}
                >
                  用身份证预约
                </button>
              </>
            ) : (
              <p class="hint">请把身份证放在读卡器上（不用填手机号）</p>
            )}
          </section>
          <section class="kbook-phone" data-testid="kbook-phone">
            <h2 class="kbook-step">或输入手机号码</h2>
            <div class="opinion-phone kbook-digits" data-testid="kbook-digits">
              {phone || '—'}
            </div>
            <div class="digit-pad">
              {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => (
                <button key={d} onClick={() => setPhone((p) => (p.length < 11 ? p + d : p))} data-digit={d}>
                  {d}
                </button>
              ))}
              <button onClick={() => setPhone((p) => p.slice(0, -1))}>删除</button>
            </div>
            {phone.length === 11 && !MOBILE.test(phone) && <p class="error-text">请输入 11 位手机号码</p>}
            <button
              class="btn btn-primary kbook-go"
              disabled={busy || !MOBILE.test(phone)}
              onClick={() => void book({ phone })}
            >
              用手机号预约
            </button>
          </section>
          <div class="actions">
            <button class="btn" onClick={() => back('slot')}>
              重选时段
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function Done(props: { booked: Booked; address: string; onHome(): void }) {
  const a = props.booked.appointment;
  return (
    <div class="kbook-done" data-testid="kbook-done">
      <h2 class="kbook-step">预约成功</h2>
      <p class="kbook-code-label">预约码</p>
      <p class="kbook-code" data-testid="kbook-code">
        {a.code}
      </p>
      <p class="kbook-when">
        {dayLabel(a.date)} {a.slotFrom}-{a.slotTo}　{a.matterName}
      </p>
      <p class={props.booked.printed ? 'kbook-printed' : 'error-text'} role="status" data-testid="kbook-printed">
        {props.booked.printed
          ? '预约凭条已打印，请取走凭条；到中心后在自助机扫凭条上的二维码签到。'
          : '预约凭条没有打印出来，请记下或拍下上面的预约码，到中心后出示给工作人员。'}
      </p>
      <BookedExtras appointment={a} address={props.address} onCancelled={() => undefined} />
      <div class="actions">
        <button class="btn btn-primary" onClick={props.onHome}>
          完成
        </button>
      </div>
    </div>
  );
}
