import type { ValueTransformer } from 'typeorm';

/** bigint columns holding safe integers (prices in 0.0001 CNY units, quantities) as numbers. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
