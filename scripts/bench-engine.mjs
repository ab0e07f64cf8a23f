// Benchmark of the meta-analysis engine (src/stats) against metafor.
//
//   node scripts/bench-engine.mjs            (about a minute with R installed; --no-r skips metafor)
//
// 1. Bundles src/stats/index.ts for Node with Vite's build() in library mode
//    (node_modules/.tmp/bench-engine/engine.mjs), so that the timings are those of the shipped code.
// 2. Times REML and DL for k = 10, 1,000 and 100,000 synthetic studies (seeded PRNG, the same data
//    on every run): the median of several runs of
//      - "rma-like": τ² estimator + pooled estimate + Q/I²/H², what metafor's rma() computes;
//      - "full": metaAnalysis(), which also finds the Q-profile CI of τ² and the prediction interval.
// 3. If Rscript with metafor is available, writes the same data to a temporary CSV and times
//    rma(yi, vi, method = "REML") inside R (proc.time around the call only). metafor builds k × k
//    matrices, so k = 100,000 needs ~75 GB and fails; the script reports that and compares at the
//    sizes metafor can fit.
// 4. Times one Bayesian random-effects fit (bayesianMetaAnalysis) on k = 1,000 studies.
// Prints a table and, last, one JSON line with every figure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'node_modules', '.tmp', 'bench-engine');
const useR = !process.argv.includes('--no-r');

await build({
  configFile: false,
  root,
  publicDir: false, // a library bundle: do not copy public/
  logLevel: 'warn',
  build: {
    lib: { entry: join(root, 'src/stats/index.ts'), formats: ['es'], fileName: () => 'engine.mjs' },
    outDir,
    emptyOutDir: true,
    minify: false,
    target: 'node20',
    // One self-contained file: the @stdlib CommonJS modules are bundled in.
    rolldownOptions: { output: { codeSplitting: false } },
  },
});
const engine = await import(pathToFileURL(join(outDir, 'engine.mjs')).href);

/** mulberry32: small, fast, deterministic. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** k studies from a random-effects model: μ = −0.3, τ² = 0.05, vᵢ ~ U(0.01, 0.5). */
function synthetic(k, seed = 20261124) {
  const rand = prng(seed + k);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const effects = new Array(k);
  for (let i = 0; i < k; i++) {
    const vi = 0.01 + 0.49 * rand();
    effects[i] = { yi: -0.3 + Math.sqrt(0.05) * normal() + Math.sqrt(vi) * normal(), vi };
  }
  return effects;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(fn, runs) {
  fn(); // warm-up (JIT)
  fn();
  const t = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(t);
}

function rmaLike(effects, method) {
  const k = effects.length;
  const yi = new Float64Array(k);
  const vi = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    yi[i] = effects[i].yi;
    vi[i] = effects[i].vi;
  }
  const data = engine.interceptOnlyData(yi, vi);
  const tau2 = method === 'REML' ? engine.remlTau2(data).tau2 : engine.dersimonianLairdTau2(data).tau2;
  const pooled = engine.inverseVariancePooling(data, tau2, 'z', 95);
  const het = engine.heterogeneityStatistics(data, tau2, false);
  return { estimate: pooled.estimate, tau2, I2: het.I2 };
}

const sizes = [10, 1000, 100000];
const runsFor = (k) => (k <= 10 ? 2001 : k <= 1000 ? 301 : 15);
const results = [];
for (const k of sizes) {
  const effects = synthetic(k);
  for (const method of ['REML', 'DL']) {
    const runs = runsFor(k);
    const rmaLikeMs = time(() => rmaLike(effects, method), runs);
    const fullMs = time(() => engine.metaAnalysis(effects, { method }), runs);
    const fit = engine.metaAnalysis(effects, { method });
    results.push({ k, method, runs, rmaLikeMs, fullMs, tau2: fit.tau2, estimate: fit.estimate, iterations: fit.iterations });
  }
}

// Bayesian random effects: one bayesianMetaAnalysis() fit at k = 1,000 (half-normal(0.5) τ prior,
// flat μ prior), everything it returns included: τ and μ summaries, the prediction, the 1,000
// shrinkage estimates and the density grids. Goal (issue 14): ≤ 50 ms.
const bayesEffects = synthetic(1000);
const bayesOptions = { tauPrior: { name: 'halfNormal', scale: 0.5 } };
const bayesFit = engine.bayesianMetaAnalysis(bayesEffects, bayesOptions);
const bayes = {
  k: 1000,
  runs: 31,
  // The shrinkage estimates and the grids are computed on first read (since 2026-12-01): read here,
  // so that the time still includes them.
  ms: time(() => {
    const fit = engine.bayesianMetaAnalysis(bayesEffects, bayesOptions);
    return [fit.studies.length, fit.densities.mu.length];
  }, 31),
  tauMedian: bayesFit.tau.median,
  muMedian: bayesFit.mu.median,
  ...bayesFit.quadrature,
};

/** metafor's rma(REML) time in ms (median of `runs`), or the error it gave. */
function metaforTime(effects, runs) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  try {
    const csv = join(dir, 'studies.csv');
    writeFileSync(csv, 'yi,vi\n' + effects.map((e) => `${e.yi.toPrecision(17)},${e.vi.toPrecision(17)}`).join('\n') + '\n');
    const script = [
      'suppressPackageStartupMessages(library(metafor))',
      `d <- read.csv(${JSON.stringify(csv)})`,
      'elapsed <- numeric(0); tau2 <- NA; err <- ""',
      `for (r in seq_len(${runs})) {`,
      '  t0 <- proc.time()[["elapsed"]]',
      '  res <- tryCatch(rma(d$yi, d$vi, method = "REML"), error = function(e) conditionMessage(e))',
      '  t1 <- proc.time()[["elapsed"]]',
      '  if (is.character(res)) { err <- res; break }',
      '  elapsed <- c(elapsed, t1 - t0); tau2 <- res$tau2',
      '}',
      'cat(sprintf("%s|%.17g|%.17g|%s", as.character(packageVersion("metafor")), if (length(elapsed)) median(elapsed) else NA, tau2, gsub("[\\r\\n]", " ", err)))',
    ].join('\n');
    const out = execFileSync('Rscript', ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
    const [version, seconds, tau2, error] = out.trim().split('|');
    return { version, ms: seconds === 'NA' ? null : Number(seconds) * 1000, tau2: tau2 === 'NA' ? null : Number(tau2), error: error || null };
  } catch (e) {
    return { version: null, ms: null, tau2: null, error: String(e.message ?? e).split('\n')[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const metafor = [];
if (useR) {
  for (const k of sizes) {
    const m = metaforTime(synthetic(k), k <= 10 ? 21 : 3);
    const ours = results.find((r) => r.k === k && r.method === 'REML');
    metafor.push({
      k,
      ...m,
      ratioRmaLike: m.ms === null ? null : m.ms / ours.rmaLikeMs,
      ratioFull: m.ms === null ? null : m.ms / ours.fullMs,
      tau2RelativeDifference: m.tau2 === null ? null : Math.abs(m.tau2 - ours.tau2) / m.tau2,
    });
  }
}

const fmt = (x, d = 3) => (x === null || x === undefined ? '—' : x.toFixed(d));
console.log(`\nmeta-analysis engine (Node ${process.version}), median ms\n`);
console.log('      k  method   rma-like     full   iterations  tau2');
for (const r of results) {
  console.log(
    `${String(r.k).padStart(7)}  ${r.method.padEnd(6)} ${fmt(r.rmaLikeMs).padStart(10)} ${fmt(r.fullMs).padStart(8)} ${String(r.iterations).padStart(12)}  ${r.tau2.toPrecision(6)}`,
  );
}
if (useR) {
  console.log(`\nmetafor ${metafor.find((m) => m.version)?.version ?? '?'} rma(method = "REML"), median ms (time of the call inside R)\n`);
  console.log('      k    metafor   ratio (rma-like)   ratio (full)   |Δτ²|/τ²');
  for (const m of metafor) {
    const tail = m.error ? `  metafor failed: ${m.error}` : '';
    console.log(
      `${String(m.k).padStart(7)} ${fmt(m.ms, 1).padStart(10)} ${fmt(m.ratioRmaLike, 0).padStart(18)} ${fmt(m.ratioFull, 0).padStart(14)}   ${m.tau2RelativeDifference === null ? '—' : m.tau2RelativeDifference.toExponential(1)}${tail}`,
    );
  }
}
const reml100k = results.find((r) => r.k === 100000 && r.method === 'REML');
console.log(`\ngoal: REML on 100,000 studies < 50 ms: rma-like ${fmt(reml100k.rmaLikeMs)} ms, full ${fmt(reml100k.fullMs)} ms`);
console.log(`goal: one Bayesian fit on 1,000 studies ≤ 50 ms: ${fmt(bayes.ms)} ms (${bayes.intervals} quadrature intervals, ${bayes.nodes} mixture nodes, ${bayes.evaluations} evaluations of p(τ | y))`);
console.log(JSON.stringify({ node: process.version, engine: results, bayes, metafor: useR ? metafor : null }));
