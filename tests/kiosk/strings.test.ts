// Every kiosk string exists in every language, with the same placeholders, and no stray braces.
import { describe, expect, it } from 'vitest';
import { LANGS, STRINGS, nextLang, translator, type Lang, type StringKey } from '../../kiosk/kiosk/strings.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(STRINGS.zh) as StringKey[];

describe('kiosk strings', () => {
  it('has every key in every language, non-empty, with the same placeholders', () => {
    for (const lang of LANGS) {
      expect(Object.keys(STRINGS[lang]).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        const text = STRINGS[lang][key];
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(STRINGS.zh[key]));
      }
    }
  });

  it('fills placeholders and keeps a missing one visible', () => {
    const t = translator('zh');
    expect(t('home.estimate', { n: 15 })).toBe('约 15 分钟');
    expect(t('id.hello', { name: '张*三' })).toBe('张*三 您好');
    expect(t('home.waiting')).toBe('等候 {n} 人');
  });

  it('says what the brief asks for, word for word', () => {
    const t = translator('zh');
    expect(t('device.printer.stillWorks')).toBe('仍可取号，号码会显示在屏幕上');
    expect(t('result.printFailed')).toBe('请记下号码或拍照，已通知工作人员');
    expect(t('matter.notStated')).toBe('指南未载明，请咨询窗口');
    expect(t('home.noEstimate')).toBe('暂无估计');
  });

  it('cycles through the languages', () => {
    let lang: Lang = LANGS[0];
    const seen = new Set<string>();
    for (let i = 0; i < LANGS.length; i++) {
      seen.add(lang);
      lang = nextLang(lang);
    }
    expect(lang).toBe(LANGS[0]);
    expect(seen.size).toBe(LANGS.length);
  });
});
