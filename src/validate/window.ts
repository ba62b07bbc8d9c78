import type { DealInput } from './types';

export interface Window {
  /** Epoch milliseconds, both ends included. */
  from: number;
  to: number;
}

const DAY_MS = 86_400_000;

/**
 * Whole UTC days, because Salesforce's CloseDate is a date: from the start of the same day
 * `months` calendar months before today (the month's last day when it is shorter: 31 March - 1
 * month = 28/29 February) to the end of today.
 */
export function closedWindow(now: Date, months: number): Window {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const from = Date.UTC(year, month, Math.min(now.getUTCDate(), lastDay));
  const to = Date.UTC(year, now.getUTCMonth(), now.getUTCDate()) + DAY_MS - 1;
  return { from, to };
}

/** A closed deal with a close date inside the window; every other deal is ignored entirely. */
export function inWindow(deal: DealInput, window: Window): boolean {
  return deal.closed && deal.closedAt !== null && deal.closedAt >= window.from && deal.closedAt <= window.to;
}
