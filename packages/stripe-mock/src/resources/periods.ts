export type Interval = 'day' | 'week' | 'month' | 'year';

/** `start` plus `count` intervals, in Unix seconds; month ends clamp (Jan 31 + 1 month = Feb 28/29). */
export function addInterval(start: number, interval: Interval, count: number): number {
  if (interval === 'day') return start + count * 86_400;
  if (interval === 'week') return start + count * 7 * 86_400;
  const date = new Date(start * 1000);
  const months = interval === 'year' ? count * 12 : count;
  const targetMonth = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(targetMonth);
  date.setUTCDate(Math.min(new Date(start * 1000).getUTCDate(), lastDay));
  return Math.floor(date.getTime() / 1000);
}
