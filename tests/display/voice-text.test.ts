// How announcements are said: ticket numbers digit by digit, window numbers as numbers, and the clips
// that say a text.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  clipSequence,
  digitsToChinese,
  naturalChinese,
  spokenText,
  type ClipManifest,
} from '../../kiosk/display/voice-text.ts';
import { announcementText } from '../../server/contract/queue-rules.ts';

const manifest = JSON.parse(
  readFileSync(new URL('../../kiosk/public/voice/manifest.json', import.meta.url), 'utf8'),
) as ClipManifest;

describe('spokenText', () => {
  it('reads a ticket number digit by digit and the window number as a number', () => {
    expect(spokenText('请A012号到3号窗口办理')).toBe('请A零一二号到三号窗口办理');
    expect(spokenText('请C001号到3号窗口办理')).toBe('请C零零一号到三号窗口办理');
  });
  it('keeps leading zeros of ticket numbers', () => {
    expect(spokenText('A000')).toBe('A零零零');
    expect(spokenText('B007')).toBe('B零零七');
  });
  it('reads 4-digit ticket numbers digit by digit', () => {
    expect(spokenText('请A1234号到12号窗口办理')).toBe('请A一二三四号到十二号窗口办理');
    expect(spokenText('F1000')).toBe('F一零零零');
  });
  it('upper-cases letters and accepts more than one prefix letter', () => {
    expect(spokenText('请ab12号')).toBe('请AB一二号');
  });
  it('reads a bare number with a leading zero or more than four digits as a code', () => {
    expect(spokenText('请012号')).toBe('请零一二号');
    expect(spokenText('编号12345')).toBe('编号一二三四五');
  });
  it('works with other templates from center.json', () => {
    expect(spokenText(announcementText('{number}号请到{window}号窗口', 'D015', 10))).toBe('D零一五号请到十号窗口');
    expect(spokenText(announcementText('请{number}号，到{window}号窗口办理业务', 'E100', 21))).toBe(
      '请E一零零号，到二十一号窗口办理业务',
    );
  });
});

describe('natural and digit numbers', () => {
  it.each([
    [0, '零'],
    [3, '三'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [101, '一百零一'],
    [110, '一百一十'],
    [999, '九百九十九'],
    [1000, '一千'],
    [1001, '一千零一'],
    [2010, '二千零一十'],
    [9999, '九千九百九十九'],
  ])('%i → %s', (n, text) => expect(naturalChinese(n)).toBe(text));
  it('refuses what it cannot say', () => {
    expect(() => naturalChinese(10000)).toThrow(RangeError);
    expect(() => naturalChinese(-1)).toThrow(RangeError);
  });
  it('digits', () => expect(digitsToChinese('0123456789')).toBe('零一二三四五六七八九'));
});

describe('clipSequence', () => {
  const keys = Object.keys(manifest.clips);
  it('says the standard announcement with committed clips only, nothing missing', () => {
    const plan = clipSequence(spokenText('请C001号到3号窗口办理'), keys);
    expect(plan).toEqual({ keys: ['请', 'C', '零', '零', '一', '号', '到', '三', '号', '窗口办理'], missing: [] });
  });
  it('prefers the longest recorded phrase and falls back to parts', () => {
    expect(clipSequence('窗口办理', ['窗', '口', '窗口', '办理', '窗口办理']).keys).toEqual(['窗口办理']);
    expect(clipSequence('到窗口', ['到', '窗口', '窗口办理']).keys).toEqual(['到', '窗口']);
  });
  it('reports characters without a clip and treats punctuation as a pause', () => {
    expect(clipSequence('请A零号，前往', keys)).toEqual({ keys: ['请', 'A', '零', '号'], missing: ['前', '往'] });
  });
  it('has a clip for every letter, digit and number word', () => {
    for (const k of [
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      ...'零一二三四五六七八九十百千',
      '请',
      '号',
      '到',
      '窗口',
      '办理',
    ])
      expect(manifest.clips[k], k).toBeDefined();
    expect(manifest.chime.ms).toBeGreaterThan(300);
  });
  it('every clip in the manifest is a committed WAV file', () => {
    for (const c of [manifest.chime, ...Object.values(manifest.clips)]) {
      const bytes = readFileSync(new URL(`../../kiosk/public/voice/${c.file}`, import.meta.url));
      expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
      expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
      // 16 kHz mono 16-bit, as long as the manifest says (the kiosk's phrases are longer than syllables).
      expect(Math.abs(bytes.length - 44 - (c.ms / 1000) * 32_000)).toBeLessThan(1_000);
      expect(bytes.length).toBeLessThan(150_000);
    }
  });
});
