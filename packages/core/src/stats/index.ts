export { normalCdf, normalQuantile, normalUpperTail, zForConfidence } from './normal.ts';
export { wilsonInterval, type RateInterval } from './wilson.ts';
export {
  clusteredRate,
  clusteredVariance,
  unclustered,
  type ClusteredCount,
  type ClusteredRate,
  type Count,
} from './clustered.ts';
export {
  twoProportionTest,
  clusteredTwoProportionTest,
  cohensH,
  type ProportionTest,
} from './proportion-test.ts';
export { sampleSizePerArm, type SampleSizeOptions } from './sample-size.ts';
export { benjaminiHochberg } from './benjamini-hochberg.ts';
export {
  cusumArl,
  cusumThreshold,
  cusumIncrement,
  runCusum,
  type CusumDesign,
  type CusumRun,
} from './cusum.ts';
