// Issue 26: the 27 MB handwriting model is not held from start: it is mapped on the first character written
// and unmapped after the idle time, so a day of tickets without handwriting keeps RSS under 100 MB.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRecognizer } from '../../server/handwriting/recognizer.ts';
import { seeded, written } from './written.ts';

const mapped = () => readFileSync('/proc/self/maps', 'utf8').includes('handwriting-zh_CN.model');

describe('handwriting model loaded on first use', () => {
  it('is available at start without mapping the model, maps it on the first character, unmaps it when idle', async () => {
    const recognizer = createRecognizer({ vocabulary: new Set(), idleMs: 300 });
    try {
      expect(recognizer.available).toBe(true);
      expect(mapped()).toBe(false);
      expect(recognizer.recognize(written('低', seeded(1)))[0]).toBe('低');
      expect(mapped()).toBe(true);
      await new Promise((r) => setTimeout(r, 800));
      expect(mapped()).toBe(false);
      // And back on the next character.
      expect(recognizer.recognize(written('保', seeded(2))).slice(0, 5)).toContain('保');
      expect(mapped()).toBe(true);
    } finally {
      recognizer.close();
    }
    expect(mapped()).toBe(false);
  });

  it('a model file Zinnia cannot read withdraws the pad with the reason', () => {
    const recognizer = createRecognizer({ vocabulary: new Set(), model: '/etc/hostname' });
    expect(recognizer.available).toBe(true); // readable: decided on first use
    expect(recognizer.recognize(written('低', seeded(1)))).toEqual([]);
    expect(recognizer.available).toBe(false);
    expect(recognizer.reason).toMatch(/无法打开手写识别模型 \/etc\/hostname/);
  });
});
