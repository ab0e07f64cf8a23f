import { describe, expect, it } from 'vitest';
import { ConvergenceError, InvalidInputError } from './errors';
import { metaAnalysis } from './meta-analysis';
import { POOLING_METHODS, type StudyEffect, type Tau2Method } from './types';

const Z975 = 1.959963984540053605;
// dat.bcg log risk ratios (escalc "RR"), for invariance checks.
const BCG: StudyEffect[] = [
  [-0.889311333920205, 0.325584765003961],
  [-1.58538865720143, 0.194581121398144],
  [-1.34807314829969, 0.415367965367965],
  [-1.44155119002131, 0.0200100319022476],
  [-0.217547322211296, 0.0512101721696309],
  [-0.786115585818864, 0.00690561845590876],
  [-1.62089822359839, 0.223017247572315],
  [0.0119523335238405, 0.00396157929781773],
  [-0.469417648738149, 0.056434210463249],
  [-1.37134480347278, 0.0730247936130289],
  [-0.339358828338391, 0.0124122139715597],
  [0.445913400571379, 0.532505845200153],
  [-0.0173139482168798, 0.0714046596839863],
].map(([yi, vi]) => ({ yi: yi!, vi: vi! }));

describe('metaAnalysis with k = 1', () => {
  it.each(POOLING_METHODS)('%s returns the study itself, tau2 = 0 and null heterogeneity', (method) => {
    const r = metaAnalysis([{ yi: 0.4, vi: 0.09 }], { method, test: 'knha' });
    expect(r.k).toBe(1);
    expect(r.estimate).toBe(0.4);
    expect(r.se).toBeCloseTo(0.3, 15);
    expect(r.ciLower).toBeCloseTo(0.4 - Z975 * 0.3, 14);
    expect(r.tau2).toBe(0);
    expect([r.Q, r.QpValue, r.I2, r.H2, r.tau2CiLower, r.tau2CiUpper]).toEqual([null, null, null, null, null, null]);
    expect([r.piLower, r.piUpper]).toEqual([r.ciLower, r.ciUpper]);
    expect(r.weights).toEqual([100]);
    // Knapp-Hartung has no df with one study: z is used and the result says so.
    expect(r.test).toBe('z');
    expect(r.df).toBeNull();
    expect(r.iterations).toBe(0);
    expect(r.piDistribution).toBe('normal');
    expect(r.warnings.join(' ')).toMatch(/z test was used/);
  });
});

describe('metaAnalysis with k = 2', () => {
  // For k = 2 the REML, PM and EB equations and the DL formula all give
  // tau2 = max(0, (d² − v1 − v2)/2), d = y1 − y2.
  const closedForm: Tau2Method[] = ['DL', 'REML', 'PM', 'EB'];
  const pair = [
    { yi: 0.9, vi: 0.04 },
    { yi: -0.3, vi: 0.1 },
  ];

  it.each(closedForm)('%s has the closed-form tau2', (method) => {
    const r = metaAnalysis(pair, { method });
    const tau2 = (1.2 ** 2 - 0.14) / 2;
    expect(r.tau2).toBeCloseTo(tau2, 11);
    const w1 = 1 / (0.04 + tau2);
    const w2 = 1 / (0.1 + tau2);
    expect(r.estimate).toBeCloseTo((w1 * 0.9 - w2 * 0.3) / (w1 + w2), 11);
    expect(r.se).toBeCloseTo(Math.sqrt(1 / (w1 + w2)), 11);
    expect(r.Q).toBeCloseTo(1.44 / 0.14, 12);
  });

  it('ML has tau2 = d²/4 − v for equal variances', () => {
    const r = metaAnalysis(
      [
        { yi: 1, vi: 0.05 },
        { yi: 0, vi: 0.05 },
      ],
      { method: 'ML' },
    );
    expect(r.tau2).toBeCloseTo(0.25 - 0.05, 11);
  });

  it('Knapp-Hartung uses t with 1 df', () => {
    const r = metaAnalysis(pair, { method: 'DL', test: 'knha' });
    expect(r.df).toBe(1);
    expect(r.piDistribution).toBe('t(k-1)');
    expect(r.ciUpper - r.estimate).toBeCloseTo(12.706204736174707 * r.se, 9); // qt(0.975, 1)
  });
});

describe('metaAnalysis when tau2 = 0', () => {
  const homogeneous = [
    { yi: 0.1, vi: 0.04 },
    { yi: 0.11, vi: 0.05 },
    { yi: 0.09, vi: 0.06 },
  ];

  it.each(POOLING_METHODS.filter((m) => m !== 'FE' && m !== 'SJ'))('%s truncates at 0 and equals FE', (method) => {
    const fe = metaAnalysis(homogeneous, { method: 'FE' });
    const r = metaAnalysis(homogeneous, { method });
    expect(r.tau2).toBe(0);
    expect(r.estimate).toBeCloseTo(fe.estimate, 15);
    expect(r.se).toBeCloseTo(fe.se, 15);
    expect(r.I2).toBe(0);
    expect(r.H2).toBe(1);
  });

  it('reports a null-set Q-profile CI as [0, 0] with a warning', () => {
    const r = metaAnalysis(homogeneous, { method: 'REML' });
    expect([r.tau2CiLower, r.tau2CiUpper]).toEqual([0, 0]);
    expect(r.warnings.join(' ')).toMatch(/null set/);
  });

  it('FE reports I² from Q as metafor: max(0, (Q − df)/Q)', () => {
    const r = metaAnalysis(homogeneous, { method: 'FE' });
    expect(r.I2).toBe(0);
    expect(r.H2).toBeCloseTo((r.Q ?? Number.NaN) / 2, 15);
    expect(r.tau2CiLower).toBeNull();
  });

  it('Knapp-Hartung with identical estimates gives SE 0, as metafor, and warns', () => {
    const same = [
      { yi: 0.2, vi: 0.1 },
      { yi: 0.2, vi: 0.2 },
      { yi: 0.2, vi: 0.3 },
    ];
    const r = metaAnalysis(same, { method: 'DL', test: 'knha' });
    expect(r.se).toBe(0);
    expect(r.warnings.join(' ')).toMatch(/s² = 0/);
  });

  it('the ad hoc correction floors the Knapp-Hartung factor at 1: identical estimates keep the z SE, on t(2)', () => {
    const same = [
      { yi: 0.2, vi: 0.1 },
      { yi: 0.2, vi: 0.2 },
      { yi: 0.2, vi: 0.3 },
    ];
    const z = metaAnalysis(same, { method: 'REML', test: 'z' });
    const r = metaAnalysis(same, { method: 'REML', test: 'adhoc' });
    // SE = √(1/Σ(1/vᵢ)) = √(1/18.333…); the CI uses qt(0.975, 2) = 4.302652729749462.
    expect(r.se).toBeCloseTo(Math.sqrt(1 / (10 + 5 + 10 / 3)), 15);
    expect(r.se).toBe(z.se);
    expect(r.df).toBe(2);
    expect(r.ciUpper - r.estimate).toBeCloseTo(4.302652729749462 * r.se, 12);
    expect(r.piDistribution).toBe('t(k-1)');
  });

  it('the ad hoc correction leaves a Knapp-Hartung factor above 1 alone', () => {
    const knha = metaAnalysis(BCG, { method: 'REML', test: 'knha' });
    const adhoc = metaAnalysis(BCG, { method: 'REML', test: 'adhoc' });
    expect(knha.se).toBeGreaterThan(metaAnalysis(BCG, { method: 'REML' }).se);
    expect(adhoc.se).toBe(knha.se);
  });
});

describe('metaAnalysis with huge and tiny variances', () => {
  it('keeps the k = 2 closed form with variances 1e20 apart', () => {
    const r = metaAnalysis(
      [
        { yi: 1e6, vi: 1e-10 },
        { yi: 0, vi: 1e10 },
      ],
      { method: 'REML' },
    );
    expect(r.tau2 / ((1e12 - 1e10 - 1e-10) / 2)).toBeCloseTo(1, 10);
    const dl = metaAnalysis(
      [
        { yi: 1e6, vi: 1e-10 },
        { yi: 0, vi: 1e10 },
      ],
      { method: 'DL' },
    );
    expect(dl.tau2 / ((1e12 - 1e10 - 1e-10) / 2)).toBeCloseTo(1, 10);
  });

  it('the FE estimate follows the dominant study exactly', () => {
    const r = metaAnalysis(
      [
        { yi: 0.5, vi: 1e-12 },
        { yi: -3, vi: 1e12 },
        { yi: 2, vi: 1 },
      ],
      { method: 'FE' },
    );
    const w = [1e12, 1e-12, 1];
    expect(r.estimate).toBeCloseTo((0.5 * w[0]! - 3 * w[1]! + 2 * w[2]!) / (w[0]! + w[1]! + w[2]!), 14);
    expect(r.weights[0]).toBeCloseTo(100, 9);
  });

  it.each([1e-6, 1e6])('is scale invariant (y × %s, v × its square) for every method', (scale) => {
    const scaled = BCG.map((e) => ({ yi: e.yi * scale, vi: e.vi * scale * scale }));
    for (const method of POOLING_METHODS) {
      const a = metaAnalysis(BCG, { method });
      const b = metaAnalysis(scaled, { method });
      expect(b.estimate / scale / a.estimate).toBeCloseTo(1, 9);
      expect(b.se / scale / a.se).toBeCloseTo(1, 9);
      expect(b.tau2 / (scale * scale)).toBeCloseTo(a.tau2, 9);
      if (a.tau2CiUpper !== null && b.tau2CiUpper !== null) {
        expect(b.tau2CiUpper / (scale * scale) / a.tau2CiUpper).toBeCloseTo(1, 8);
      }
      expect(b.I2).toBeCloseTo(a.I2 ?? Number.NaN, 8);
    }
  });
});

describe('metaAnalysis input errors name the value and the study', () => {
  it('rejects zero, negative and non-finite variances', () => {
    const effects = [
      { yi: 0.1, vi: 0.1 },
      { yi: 0.2, vi: 0.2 },
      { yi: 0.3, vi: 0 },
    ];
    expect(() => metaAnalysis(effects)).toThrow(InvalidInputError);
    expect(() => metaAnalysis(effects)).toThrow('vi must be > 0, got 0 at study 3');
    expect(() => metaAnalysis([{ yi: 0.1, vi: -2 }])).toThrow('vi must be > 0, got -2 at study 1');
    expect(() => metaAnalysis([{ yi: 0.1, vi: Number.POSITIVE_INFINITY }])).toThrow(
      'vi must be a finite number, got Infinity at study 1',
    );
  });

  it('rejects NaN or missing estimates', () => {
    expect(() => metaAnalysis([{ yi: 0.1, vi: 0.1 }, { yi: Number.NaN, vi: 0.1 }])).toThrow(
      'yi must be a finite number, got NaN at study 2',
    );
    expect(() => metaAnalysis([{ vi: 0.1 } as StudyEffect])).toThrow('yi must be a finite number, got undefined at study 1');
    expect(() => metaAnalysis([])).toThrow('effects must contain at least 1 item(s), got 0');
  });

  it('rejects unknown options', () => {
    expect(() => metaAnalysis(BCG, { method: 'XX' as 'DL' })).toThrow('invalid method: "XX"');
    expect(() => metaAnalysis(BCG, { test: 't' as 'z' })).toThrow('invalid test: "t"');
    expect(() => metaAnalysis(BCG, { level: 0.95 })).toThrow('level must be a percentage between 1 and 100 (e.g. 95), got 0.95');
  });
});

describe('metaAnalysis convergence', () => {
  it('throws a ConvergenceError rather than returning an unconverged tau2', () => {
    expect(() => metaAnalysis(BCG, { method: 'REML', control: { maxIterations: 1 } })).toThrow(ConvergenceError);
    expect(() => metaAnalysis(BCG, { method: 'ML', control: { maxIterations: 1 } })).toThrow(
      /ML Fisher scoring did not converge after 1 iterations/,
    );
  });

  it('reports the Fisher-scoring iterations', () => {
    const r = metaAnalysis(BCG, { method: 'REML' });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(1);
    expect(r.iterations).toBeLessThan(100);
  });

  it('weights are percentages summing to 100', () => {
    const r = metaAnalysis(BCG, { method: 'DL', level: 90 });
    expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 12);
    expect(r.ciUpper - r.estimate).toBeCloseTo(1.6448536269514722 * r.se, 12);
  });
});
