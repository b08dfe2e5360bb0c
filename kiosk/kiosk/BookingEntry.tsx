// 自助预约 on the kiosk's start screen: book here (the /book page in this screen, the 预约凭条 printed), or
// scan the QR to book on one's own phone.
import { useEffect, useState } from 'preact/hooks';
import { call } from '../lib/api.ts';
import { QrCode } from '../lib/QrCode.tsx';

export function BookingEntry() {
  const [phoneUrl, setPhoneUrl] = useState<string | null>(null);
  useEffect(() => {
    call('GET /api/book/options').then(
      (o) => setPhoneUrl(o.phoneUrl),
      () => setPhoneUrl(null),
    );
  }, []);
  return (
    <div class="booking-entry">
      <a class="btn btn-primary" href="/book?from=kiosk">
        自助预约（选日期和时段）
      </a>
      {phoneUrl && (
        <span class="booking-entry-qr">
          <QrCode text={phoneUrl} label="用手机扫码预约" />
          <span>手机扫码预约</span>
        </span>
      )}
    </div>
  );
}
