// The one rule that classifies and counts cases (办件) by kind, for every report: the admin monthly and
// quarterly reports (server/stats/), the register reports and the 办件结果公开 (server/registers/).
//
// Seed 004 四、中心运行机制 ㈣ 应知应会: "了解即办件、退回件、承诺件、联办件、补办件和代理件的办理要求".
// The reports' columns: 即办件、承诺件、上报件、补正件 (补办件)、退回件、代办件 (代理件)、联办件.
//
// Rule (issue 24 item 10; issue 15 rule 8):
// - A case belongs to the period of the day it was registered (收件 or 受理, the case's accepted_date).
// - Its states are the ones it reached up to the end of the period: a report on December says the same
//   in January as on December 31st (a 补正 asked on January 4th is not December's 补正件).
// - 即办件 / 承诺件: by its kind (限时办结制度 第五条), only once it was accepted (受理) by the period's end —
//   a refusal at intake (一次性告知制度 第三条 "不能办理的…一次性告知…原因") is a 退回件, a 补正 never completed
//   a 补正件, a 收件 not yet decided neither.
// - 上报件: reported to a higher authority; 补正件: a 补正 was asked; 退回件: refused (不予受理);
//   代办件: came from a village station's 代办 (seed 002 篇1); 联办件: several windows or departments took
//   part (一次性告知制度 第四条 "所办事项涉及多个部门").
// A case may be of several kinds (a 代办 承诺件 that needed a 补正).

export const CASE_TYPES = ['即办件', '承诺件', '上报件', '补正件', '退回件', '代办件', '联办件'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** States that mean the case was accepted (受理): a later state is reached only through 受理. */
const ACCEPTED_STATES: readonly string[] = ['accepted', 'reported', 'finished', 'collected', 'not-approved'];

/** What the rule needs to know of one case, as of the end of the period. */
export interface CaseKindFacts {
  /** 'immediate' (即办件) or 'promised' (承诺件). */
  kind: string;
  /** Every state the case reached up to the end of the period. */
  states: ReadonlySet<string>;
  /** Came from a village station's 代办. */
  daiban: boolean;
  /** A 联办件: a lead window and participating windows. */
  joint: boolean;
}

export function caseTypesOf(f: CaseKindFacts): Set<CaseType> {
  const out = new Set<CaseType>();
  const accepted = ACCEPTED_STATES.some((s) => f.states.has(s));
  if (accepted && f.kind === 'immediate') out.add('即办件');
  if (accepted && f.kind === 'promised') out.add('承诺件');
  if (f.states.has('reported')) out.add('上报件');
  if (f.states.has('correction')) out.add('补正件');
  if (f.states.has('rejected')) out.add('退回件');
  if (f.daiban) out.add('代办件');
  if (f.joint) out.add('联办件');
  return out;
}

export function wasAccepted(f: Pick<CaseKindFacts, 'states'>): boolean {
  return ACCEPTED_STATES.some((s) => f.states.has(s));
}

export type CaseTypeCounts = Record<CaseType, number>;

export function countCaseTypes(list: readonly CaseKindFacts[]): CaseTypeCounts {
  const out = Object.fromEntries(CASE_TYPES.map((t) => [t, 0])) as CaseTypeCounts;
  for (const f of list) for (const t of caseTypesOf(f)) out[t] += 1;
  return out;
}

/**
 * The states of a case's history reached up to `endIso` (exclusive: the first instant after the period),
 * from its history entries {state, at}. The history of this system records every state change.
 */
export function statesBefore(history: readonly { state: string; at: string }[], endIso: string): Set<string> {
  return new Set(history.filter((h) => h.at < endIso).map((h) => h.state));
}
