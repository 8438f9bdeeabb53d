import { EdstreamError } from '../errors.js';

/** A commander option parser for a whole number of at least `min`; `usage.bad_option` otherwise. */
export function wholeNumber(name: string, { min = 0 } = {}) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new EdstreamError('usage.bad_option', `--${name} must be a whole number of at least ${min}`);
    return Number(value);
  };
}

/** A commander option parser for a finite number above 0; `usage.bad_option` otherwise. */
export function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new EdstreamError('usage.bad_option', `--${name} must be a positive number`);
    return n;
  };
}
