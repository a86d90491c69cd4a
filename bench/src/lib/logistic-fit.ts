import type { LogisticModel } from '@tacit/core/signals';

/**
 * Fits a logistic regression by full-batch gradient descent with a small L2 penalty: enough for
 * a handful of features and a few hundred pairs, deterministic (zero start, fixed steps).
 */
export function fitLogistic(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  l2 = 0.001,
  steps = 20_000,
  rate = 1,
): LogisticModel {
  const d = xs[0]?.length ?? 0;
  let bias = 0;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < steps; step++) {
    let gb = 0;
    const gw = new Array<number>(d).fill(0);
    xs.forEach((x, i) => {
      let z = bias;
      for (let k = 0; k < d; k++) z += (w[k] as number) * (x[k] as number);
      const e = 1 / (1 + Math.exp(-z)) - (ys[i] as number);
      gb += e;
      for (let k = 0; k < d; k++) gw[k] = (gw[k] as number) + e * (x[k] as number);
    });
    bias -= (rate * gb) / xs.length;
    for (let k = 0; k < d; k++)
      w[k] = (w[k] as number) - rate * ((gw[k] as number) / xs.length + l2 * (w[k] as number));
  }
  const round = (x: number) => Number(x.toFixed(2));
  return { bias: round(bias), weights: w.map(round) };
}
