import type { ValueTransformer } from 'typeorm';

/** BIGINT arrives as a string from mysql2; amounts stay far below 2^53 cents, so a number is exact. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
