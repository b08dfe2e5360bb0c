// 自助预约 on the kiosk's start screen: book here (the kiosk's own touch screens, KioskBooking.tsx, the 预约凭条
// printed), or scan the QR to book on one's own phone.
import { useEffect, useState } from 'preact/hooks';
import { call } from '../lib/api.ts';
import { LazyQrCode } from './LazyQrCode.tsx';

/**
 * The address of the last answer: the start screen comes back after every ticket, and shows its code at once
 * instead of after a request (and without the row jumping); each visit still asks again and follows the answer.
 */
let lastPhoneUrl: string | null = null;

export function BookingEntry(props: { onBook(): void }) {
  const [phoneUrl, setPhoneUrl] = useState<string | null>(lastPhoneUrl);
  useEffect(() => {
    call('GET /api/book/options').then(
      (o) => setPhoneUrl((lastPhoneUrl = o.phoneUrl)),
      () => setPhoneUrl((lastPhoneUrl = null)),
    );
  }, []);
  return (
    <div class="booking-entry">
      <button class="btn btn-primary" onClick={props.onBook} data-testid="kiosk-book">
        自助预约（选日期和时段）
      </button>
      {phoneUrl && (
        <span class="booking-entry-qr">
          <LazyQrCode text={phoneUrl} label="用手机扫码预约" class="booking-entry-code" />
          <span>手机扫码预约</span>
        </span>
      )}
    </div>
  );
}
