/** Shapes of the JSON fixtures written by make-fixtures.R (nullable where R gives NA). */

export interface FixtureMeta {
  R: string;
  metafor: string;
  script: string;
}

export interface FixtureDataset {
  name: string;
  call: string;
  yi: number[];
  vi: number[];
}

export interface RmaExpected {
  k: number;
  estimate: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  statistic: number | null;
  pValue: number;
  df: number | null;
  tau2: number;
  tau2CiLower: number | null;
  tau2CiUpper: number | null;
  /**
   * Set when confint() stopped at its search limit max(100, 10·τ̂²): the limit metafor reports.
   * tau2CiUpper then holds the root found with `tau2CiUpperWideCall` (tau2.max = 1e7).
   */
  tau2CiUpperMetaforLimit: number | null;
  tau2CiUpperWideCall: string | null;
  I2: number;
  H2: number;
  Q: number;
  QpValue: number;
  /** null for FE models: metafor's predict() gives no PI there. */
  piLower: number | null;
  piUpper: number | null;
  weights: number[];
}

export interface RmaFit {
  name: string;
  dataset: string;
  method: 'FE' | 'DL' | 'REML' | 'ML' | 'PM' | 'HS' | 'HE' | 'SJ' | 'EB';
  test: 'z' | 'knha' | 'adhoc';
  call: string;
  confintCall: string | null;
  expected: RmaExpected;
}

export interface RmaFixture {
  meta: FixtureMeta;
  datasets: FixtureDataset[];
  fits: RmaFit[];
}

export function datasetByName(datasets: readonly FixtureDataset[], name: string): FixtureDataset {
  const found = datasets.find((d) => d.name === name);
  if (found === undefined) throw new Error(`fixture dataset ${name} not found`);
  return found;
}

export function toEffects(dataset: FixtureDataset): { yi: number; vi: number }[] {
  return dataset.yi.map((yi, i) => ({ yi, vi: dataset.vi[i] ?? Number.NaN }));
}
