// What a resident may tick after a bad rating (不满意 / 非常不满意). Shared by the server (validation) and
// the rating tablet (buttons), so it has no Node imports.
import { RATING_NAMES, type RatingValue } from './ratings.ts';

export const BAD_RATINGS: readonly RatingValue[] = ['dissatisfied', 'very-dissatisfied'];
/** 非常满意 + 满意 + 基本满意 count as satisfied in the satisfaction rate. */
export const SATISFIED_RATINGS: readonly RatingValue[] = ['very-satisfied', 'satisfied', 'basic'];

export const RATING_REASONS = [
  '等候时间太长',
  '服务态度不好',
  '办事效率低',
  '告知不清楚，要多跑',
  '材料要求不合理',
  '环境设施不方便',
  '其他',
] as const;

export const NOT_RATED_NAME = '未评价';

export function ratingName(value: RatingValue | 'not-rated' | null): string {
  if (value === null) return '待评价';
  return value === 'not-rated' ? NOT_RATED_NAME : RATING_NAMES[value];
}

export function isBadRating(value: string | null): boolean {
  return value !== null && (BAD_RATINGS as readonly string[]).includes(value);
}
