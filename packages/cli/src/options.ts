import { InvalidArgumentError } from 'commander';

/** A commander argument parser for an integer in `min..max`. */
export function intArg(min: number, max: number): (value: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected an integer in ${min}..${max}`);
    return n;
  };
}
