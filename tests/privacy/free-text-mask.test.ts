// Free text typed by residents and staff (issue #23 item 7): a resident typed a full ID number into a
// complaint at the kiosk; names, phones and ID numbers stayed in follow-ups, 代办 notes and first-contact
// reasons. ID-like and phone-like strings are masked when the text is entered.
import { describe, expect, it } from 'vitest';
import { maskFreeText } from '../../server/contract/privacy.ts';
import { openDb } from '../../server/store/db.ts';
import { RegisterStore } from '../../server/registers/store.ts';

describe('maskFreeText', () => {
  it('masks ID numbers and mobile numbers inside text, leaves other numbers', () => {
    expect(maskFreeText('我的身份证 65010219800101123X，电话13912345678，请回电')).toBe(
      '我的身份证 6501**********123X，电话139****5678，请回电',
    );
    expect(maskFreeText('旧证 650102800101123 已换')).toBe('旧证 6501*******1123 已换');
    expect(maskFreeText('+86 139-1234-5678')).toBe('+86 139****5678');
    expect(maskFreeText('2026年12月1日 办件 20 个工作日，编号 A012')).toBe('2026年12月1日 办件 20 个工作日，编号 A012');
  });
});

describe('entry points', () => {
  it('a complaint’s content is stored masked', () => {
    const db = openDb(':memory:');
    const registers = new RegisterStore(db, () => new Date('2026-12-01T02:00:00Z'), 'Asia/Shanghai');
    const row = registers.addComplaint({
      source: 'kiosk' as never,
      enteredBy: null,
      content: '窗口态度差，我的身份证号650102198001011234，手机13912345678',
    });
    expect(row.content).not.toMatch(/198001011234|13912345678/);
    expect(row.content).toContain('6501**********1234');
    const stored = db.prepare('SELECT content FROM complaints').get() as { content: string };
    expect(stored.content).toBe(row.content);
  });
});
