// The centre's local wall-clock time, as the server computes it (server/common/clock.ts) and the pages use it.

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** 0 Sunday … 6 Saturday */
  weekday: number;
}
