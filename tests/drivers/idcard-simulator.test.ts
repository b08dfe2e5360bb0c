// The simulated reader at byte level: host frames in, exact answer frames out (see idcard-fixtures.ts).
import { describe, expect, it } from 'vitest';
import { IdCardSimulator } from '../../drivers/idcard/idcard-simulator.ts';
import { encodeReadAnswer } from '../../drivers/idcard/sdt-codec.ts';
import {
  ANS_CHECKSUM_ERR,
  ANS_FIND_OK,
  ANS_NO_CARD,
  ANS_OK,
  ANS_READ_FAIL,
  ANS_SAM_ID,
  ANS_SELECT_FAIL,
  ANS_SELECT_OK,
  CMD_FIND,
  CMD_READ,
  CMD_READ_SAM_ID,
  CMD_RESET_SAM,
  CMD_SAM_STATUS,
  CMD_SELECT,
  STATUS_FIXTURES,
  ZHANG_SAN,
} from './idcard-fixtures.ts';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const status = (sw3: number) => STATUS_FIXTURES.find((f) => f.sw3 === sw3)!.frame;

function wired(sim = new IdCardSimulator()) {
  const out: Buffer[] = [];
  sim.attach((b) => out.push(Buffer.from(b)));
  /** Send host bytes, return everything the reader answered to them. */
  const ask = (bytes: Buffer): Buffer => {
    out.length = 0;
    sim.receive(bytes);
    return Buffer.concat(out);
  };
  return { sim, ask };
}

describe('ID card reader simulator, byte level', () => {
  it('no card: find 80, select 81, read 41', () => {
    const { ask } = wired();
    expect(ask(CMD_FIND)).toEqual(ANS_NO_CARD); // … 00 04 00 00 80 84
    expect(ask(CMD_SELECT)).toEqual(ANS_SELECT_FAIL); // … 00 04 00 00 81 85
    expect(ask(CMD_READ)).toEqual(ANS_READ_FAIL); // … 00 04 00 00 41 45
  });

  it('card: find 9F, select 90, read 90 with 1295 bytes; read before select is out of order (23)', () => {
    const { sim, ask } = wired();
    sim.insertCard(ZHANG_SAN);
    expect(ask(CMD_READ)).toEqual(status(0x23));
    expect(ask(CMD_FIND)).toEqual(ANS_FIND_OK); // … 00 08 00 00 9F 00 00 00 00 97
    expect(ask(CMD_SELECT)).toEqual(ANS_SELECT_OK); // … 00 0C 00 00 90 00×8 9C
    const answer = ask(CMD_READ);
    expect(answer.length).toBe(1295);
    expect(answer).toEqual(encodeReadAnswer(ZHANG_SAN));
  });

  it('SAM commands: reset 90, status 90, id 90 + 16 bytes; a failed SAM answers everything with its code', () => {
    const { sim, ask } = wired();
    expect(ask(CMD_RESET_SAM)).toEqual(ANS_OK); // … 00 04 00 00 90 94
    expect(ask(CMD_SAM_STATUS)).toEqual(ANS_OK);
    expect(ask(CMD_READ_SAM_ID)).toEqual(ANS_SAM_ID);
    sim.setSamFault(0x60);
    expect(ask(CMD_SAM_STATUS)).toEqual(status(0x60)); // … 00 04 00 00 60 64
    expect(ask(CMD_FIND)).toEqual(status(0x60));
    sim.setSamFault(0x66);
    expect(ask(CMD_READ)).toEqual(status(0x66));
  });

  it('bad host frames: checksum 10, length 11, unknown command 21; split and garbage-led frames still answered', () => {
    const { ask } = wired();
    expect(ask(h('AA AA AA 96 69 00 03 20 01 23'))).toEqual(ANS_CHECKSUM_ERR); // CHK should be 22
    expect(ask(h('AA AA AA 96 69 00 01 20'))).toEqual(status(0x11)); // Len 1 < CMD PARA CHK
    expect(ask(h('AA AA AA 96 69 00 03 77 01 75'))).toEqual(status(0x21)); // 77 01: no such command
    expect(ask(Buffer.concat([h('00 13 AA AA'), CMD_FIND.subarray(0, 4)]))).toEqual(Buffer.alloc(0));
    expect(ask(CMD_FIND.subarray(4))).toEqual(ANS_NO_CARD);
  });

  it('modes: bad-checksum flips CHK, noise has no preamble, silent sends nothing; overrides answer the given code', () => {
    const { sim, ask } = wired();
    sim.setMode('bad-checksum');
    expect(ask(CMD_FIND)).toEqual(h('AA AA AA 96 69 00 04 00 00 80 DE')); // 84 ^ 5A
    sim.setMode('noise');
    const noise = ask(CMD_FIND);
    expect(noise.length).toBe(ANS_NO_CARD.length);
    expect(noise.includes(0xaa)).toBe(false);
    sim.setMode('silent');
    expect(ask(CMD_FIND)).toEqual(Buffer.alloc(0));
    sim.setMode('normal');
    sim.override('find', 0x24);
    expect(ask(CMD_FIND)).toEqual(status(0x24)); // … 00 04 00 00 24 20
    sim.override('find', null);
    expect(ask(CMD_FIND)).toEqual(ANS_NO_CARD);
  });

  it('findAfterRead no-card: after a read, find answers 80 until the card is lifted and put back', () => {
    const { sim, ask } = wired(new IdCardSimulator({ findAfterRead: 'no-card' }));
    sim.insertCard(ZHANG_SAN);
    ask(CMD_FIND);
    ask(CMD_SELECT);
    expect(ask(CMD_READ).length).toBe(1295);
    expect(ask(CMD_FIND)).toEqual(ANS_NO_CARD);
    sim.removeCard();
    sim.insertCard(ZHANG_SAN);
    expect(ask(CMD_FIND)).toEqual(ANS_FIND_OK);
  });

  it('detached (cable out): answers go nowhere', () => {
    const { sim, ask } = wired();
    sim.detach();
    expect(ask(CMD_FIND)).toEqual(Buffer.alloc(0));
  });
});
