// Local date and time in the centre's time zone. Servers may run in UTC; the hall lives in China time.

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

import type { LocalTime } from '../contract/time.ts';
export type { LocalTime };

const recent = new Map<string, LocalTime>();

export function localTime(at: Date, timeZone: string): LocalTime {
  // Intl formatting is slow next to the rest of a request; the answer only changes once a second. A few
  // seconds are kept: a slip printed a moment after its ticket asks for the issue time between two "now"s.
  const key = `${Math.floor(at.getTime() / 1000)}|${timeZone}`;
  let value = recent.get(key);
  if (value) return value;
  value = computeLocalTime(at, timeZone);
  recent.set(key, value);
  if (recent.size > 16) recent.delete(recent.keys().next().value!);
  return value;
}

function computeLocalTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return { date, time: `${parts.hour}:${parts.minute}`, weekday };
}

/** The UTC instant of a local wall-clock time on a local date (the hall's zones have no DST). */
export function instantOf(date: string, time: string, timeZone: string, reference: Date): Date {
  const local = localTime(reference, timeZone);
  const offsetMs = Date.parse(`${local.date}T${local.time}:00Z`) - Math.floor(reference.getTime() / 60_000) * 60_000;
  return new Date(Date.parse(`${date}T${time}:00Z`) - offsetMs);
}
