/** Reading simulated times: when something happened, in whole hours since a start, as a person would say it. */
import { HOUR } from './requests';

/** Whole hours from `start` to `at` (a few real milliseconds pass while a step runs, so round). */
export const hoursAfter = (start: number, at: number | string): number =>
  Math.round(((typeof at === 'string' ? Date.parse(at) : at) - start) / HOUR);

/** Whole days from `start` to `at`. */
export const daysAfter = (start: number, at: number | string): number => Math.round(hoursAfter(start, at) / 24);
