// The State Council's holiday notice (国务院办公厅关于…年部分节假日安排的通知) as the administrator enters it on
// /admin for a year the calendar package does not carry yet (issue 24 ⑪). The server writes it to
// config/holidays.json and checks it with the very validator the config loader runs at start-up.
import { array, DATE, obj, str, type Infer } from './schema.ts';

/** A State Council document number: 国办发明电〔2025〕7号 (the brackets as printed, or [ ] / （ ）). */
export const DOCUMENT_NO = str({
  min: 4,
  max: 40,
  pattern: /^[\u4e00-\u9fff]{2,12}[〔［[（(]\d{4}[〕］\]）)]\d{1,4}号$/,
  hint: '文号，如 国办发明电〔2025〕7号',
});

/** The notice's title, e.g. 国务院办公厅关于2027年部分节假日安排的通知. */
export const NOTICE_TITLE = str({
  min: 8,
  max: 120,
  hint: '通知名称，如 国务院办公厅关于2027年部分节假日安排的通知',
});

/** PUT /api/admin/holidays/:year — the notice's days off (放假) and make-up working days (调休上班). */
export const HolidayNoticeBody = obj({
  notice: NOTICE_TITLE,
  documentNo: DOCUMENT_NO,
  holidays: array(DATE, { min: 1, max: 60 }),
  workdays: array(DATE, { max: 20 }),
});
export type HolidayNoticeBody = Infer<typeof HolidayNoticeBody>;

/** One year of the official calendar as the server has it. */
export interface HolidayYearView {
  year: string;
  /** 'package': carried by the calendar data shipped with the software (not editable); 'notice': entered here. */
  from: 'package' | 'notice';
  notice: string | null;
  documentNo: string | null;
  holidays: string[];
  workdays: string[];
}

/** A case whose promised date was counted again when a notice was saved. */
export interface RecomputedCase {
  caseNo: string;
  before: string;
  after: string;
  /** The date had been confirmed by hand (待核对) before the notice was entered. */
  wasManual: boolean;
}

/** GET /api/admin/holidays */
export interface HolidaysView {
  /** The centre's service date (China time). */
  today: string;
  /** This year and next: with the calendar's days, or null where no notice is known yet. */
  years: { year: string; calendar: HolidayYearView | null }[];
  /** Open cases whose promised date was confirmed by hand for a year without data (待核对). */
  manualCases: number;
}

/** PUT /api/admin/holidays/:year answer. */
export interface HolidaySaved {
  saved: HolidayYearView;
  recomputed: RecomputedCase[];
  view: HolidaysView;
}
