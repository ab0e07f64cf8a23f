import { describe, expect, it } from 'vitest';
import { criticalValue } from './distributions';
import { waldInference } from './wald-inference';

// metafor 3.8-1 on dat.bcg (log RR), rma(yi, vi, control = list(threshold = 1e-12, tol = 1e-12)),
// and the same with test = "knha" (t on k − 1 = 12 df); printed with sprintf("%.15g").
const REML = { beta: -0.71453234215814, se: 0.179781516105207, ciLb: -1.06689763881035, ciUb: -0.362167045505926, zval: -3.97444830613176, pval: 7.05425810164237e-5 };
const KNHA = { beta: -0.71453234215814, se: 0.180791744092848, ciLb: -1.10844371368555, ciUb: -0.320620970630728, tval: -3.95223988652481, pval: 0.0019200150960573 };

describe('waldInference', () => {
  it('reproduces rma()’s CI, z and p from its estimate and SE', () => {
    const w = waldInference(REML.beta, REML.se, criticalValue(95, null), null);
    expect(w.ciLower).toBeCloseTo(REML.ciLb, 12);
    expect(w.ciUpper).toBeCloseTo(REML.ciUb, 12);
    expect(w.statistic).toBeCloseTo(REML.zval, 12);
    expect(w.pValue / REML.pval).toBeCloseTo(1, 10);
  });

  it('and under Knapp-Hartung, with the t critical value and p on 12 df', () => {
    const w = waldInference(KNHA.beta, KNHA.se, criticalValue(95, 12), 12);
    expect(w.ciLower).toBeCloseTo(KNHA.ciLb, 12);
    expect(w.ciUpper).toBeCloseTo(KNHA.ciUb, 12);
    expect(w.statistic).toBeCloseTo(KNHA.tval, 12);
    expect(w.pValue).toBeCloseTo(KNHA.pval, 14);
  });
});
