// The hall and window displays show the centre's time (center.timezone), whatever zone the display PC is set to.
import { describe, expect, it } from 'vitest';
import { clockText } from '../../kiosk/lib/use-live.ts';

describe('clockText', () => {
  it('shows 2026-12-01T23:01:51Z as 12月2日 星期三 07:01:51 in Asia/Shanghai, not the PC zone', () => {
    expect(clockText(new Date('2026-12-01T23:01:51Z'), 'Asia/Shanghai')).toEqual({
      time: '07:01:51',
      date: '2026年12月2日 星期三',
    });
  });
  it('keeps midnight as 00, not 24', () => {
    expect(clockText(new Date('2026-09-30T16:00:05Z'), 'Asia/Shanghai')).toEqual({
      time: '00:00:05',
      date: '2026年10月1日 星期四',
    });
  });
});
