// 急事特办 (issue 21; 限时办结制度 第三条、第十二条(四); 预约服务制度 第五条): a ticket or case marked 紧急 by staff.

/** A mark: who, when, why (free text — staff only, erased at the retention date) and, for a case, its target. */
export interface UrgentMark {
  /** The centre's day it was marked. */
  markedOn: string;
  reason: string;
  /** Staff id of who marked it. */
  markedBy: string;
  markedAt: string;
  windowNo: number | null;
  /** Cases: the day it must be finished by — the day marked (随到随办) unless a leader set another. */
  targetDate: string;
  /** The leader who set targetDate, or null while it is the day marked. */
  targetSetBy: string | null;
  targetSetAt: string | null;
  /** Display names of markedBy / targetSetBy (a case's mark as CaseRecord.urgent carries them). */
  markedByName?: string;
  targetSetByName?: string | null;
}

/** A case's 急事特办 as its clock judges it (CaseClock.urgent). */
export interface UrgentClock {
  targetDate: string;
  /** Finished after the target, or still open past it: 超时 under 第十二条(四). */
  late: boolean;
}

/** The article an urgent case finished late counts under. */
export const URGENT_LATE_RULE = '第十二条（四）紧急事项未急事特办、随到随办';
