// Speed figures of the whole app: npm run bench
/* global document, requestAnimationFrame -- the page.evaluate callbacks run in the browser */
//
// Builds the production bundle, serves dist/ on 127.0.0.1, drives Debian's Chromium with
// playwright-core, runs the engine bench (scripts/bench-engine.mjs), prints a table and, last,
// one JSON line:
//   {"firstLoadJsGzipKb", "coldLoadMs", "filterUpdateMs", "forest1000Ms", "engineReml100kMs", "metaforReml100kMs",
//    "bayesK1000Ms", "sensitivityPanelMs", "summaryColdLoadMs", "summaryRecomputeMs", "summaryClaimsRecomputeMs"}
// - firstLoadJsGzipKb: gzip size of the JS files the first view (Evidence) requests.
// - coldLoadMs: navigation start → the "forest-painted" mark the forest view sets, median of 5
//   cold loads (fresh browser context each) of #/forest.
// - filterUpdateMs: click on a phase filter → the next "forest-painted" mark, median of 20.
// - forest1000Ms: rendering a forest plot of 1,000 synthetic studies: the "evidence-loaded" mark
//   (file fetched and validated) → "forest-painted"; the number of rows drawn is checked. The
//   whole cold load with that file is printed too (forest1000ColdLoadMs).
// - engineReml100kMs: REML on 100,000 studies (from bench-engine.mjs, "full" metaAnalysis()).
// - bayesK1000Ms: one Bayesian random-effects fit (bayesianMetaAnalysis) on 1,000 studies, every
//   summary and the 1,000 shrinkage estimates included (from bench-engine.mjs).
// - sensitivityPanelMs: click on a phase filter → the next "sensitivity-painted" mark (the whole
//   method-sensitivity panel of the bundled relapse-free outcome, 7 frequentist + 3 Bayesian fits,
//   recomputed and painted, the forest above it included), median of 20; the panel's own compute
//   time (the "sensitivity-compute" measure) is printed beside it. Since 2026-12-01 the mark is
//   requested in the panel's layout effect, i.e. in the first frame after the panel's commit, as
//   "forest-painted" is for the forest; before, it was requested in a passive effect, which React
//   runs after the browser has painted a low-priority commit, so the mark fell one frame after
//   the panel's paint (README, Speed, has both).
// - metaforReml100kMs: metafor's rma() on the same data; null when it cannot run (no R, or, as
//   on these machines, rma() needs k × k matrices: ~75 GB at k = 100,000).
// - summaryColdLoadMs: navigation start → the first "summary-painted" mark of #/summary, median of 5
//   cold loads: the frame that paints the first Summary of Findings table (relapsing-remitting, the
//   one above the fold) with its numbers. The other populations' tables are computed after that
//   paint, the seed review's claims after theirs (src/views/summary/after-paint.ts);
//   summaryAllTablesColdMs (navigation start → the second mark: every table painted) and the
//   computes ("summary-compute-first-table", "summary-compute", "claims-compute") are printed too.
// - summaryRecomputeMs: a change of the τ² estimator on #/summary → the next "summary-painted"
//   mark (every table re-computed and re-drawn), median of 20 changes made back to back (each as
//   soon as the last one's tables are painted).
// - summaryClaimsRecomputeMs: the same change → the "claims-painted" mark (the seed review's
//   claims below the tables, which follow the tables' frame), on a settled page, median of 10. No
//   goal; printed so that the deferred part is seen too.
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const quick = process.argv.includes('--quick');

// The machine is shared: its load average is printed at the start and the end of the run.
const loadAtStart = loadavg();
console.log('building the production bundle…');
execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });

const gzipKb = (file) => gzipSync(readFileSync(file)).length / 1024;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Deterministic synthetic trials in the evidence schema (not shipped; for the bench only). */
function syntheticEvidence(k) {
  const base = JSON.parse(readFileSync(join(dist, 'data/evidence.json'), 'utf8'));
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const n = (value) => ({ value, source: 'bench', quote: `value ${value}`, status: 'reported' });
  const none = { value: null, reason: 'synthetic' };
  const arm = (id, role) => ({
    id, role, label: id, nRandomised: none, nAnalysed: none, regimen: none, loadingDoseGPerKg: none,
    maintenanceDoseGPerKg: none, maintenanceIntervalDays: none, monthlyDoseGPerKg: none, monthlyDoseInclLoadingGPerKg: none,
  });
  const studies = Array.from({ length: k }, (_, i) => {
    const n1 = 20 + Math.floor(rand() * 200);
    const n2 = 20 + Math.floor(rand() * 200);
    return {
      id: `synthetic-${i + 1}`, kind: 'ivig-rct', label: `Synthetic ${i + 1}`, citation: 'synthetic', citationVerified: false,
      year: 1990 + (i % 30), pmid: null, doi: null, otherReports: [], sources: ['bench'],
      design: { allocation: 'parallel', randomised: true, blinding: 'double-blind', control: 'placebo', durationMonths: none },
      phase: i % 3 === 0 ? 'SP' : 'RR', setting: 'relapse-prevention', totalRandomised: none,
      arms: [arm('ivig', 'ivig'), arm('placebo', 'placebo')],
      outcomes: [{ id: 'rf', kind: 'relapse-free', label: 'Relapse-free', timepoint: '1 year', primary: true, notes: [], data: { form: 'counts', arms: [
        { arm: 'ivig', events: n(Math.floor(rand() * n1)), total: n(n1) },
        { arm: 'placebo', events: n(Math.floor(rand() * n2)), total: n(n2) },
      ] } }],
      notReported: [], flags: [], notes: [],
    };
  });
  return JSON.stringify({ ...base, sources: [{ id: 'bench', title: 'synthetic', kind: 'abstract' }], studies, syntheses: [] });
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
let override = null;
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (override && path === '/data/evidence.json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(override);
    return;
  }
  const file = normalize(join(dist, path === '/' ? 'index.html' : path));
  if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function coldLoad(route) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const js = new Set();
  page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.endsWith('.js')) js.add(u.pathname); });
  await page.goto(base + route);
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const found = () => performance.getEntriesByName('forest-painted')[0];
    const poll = () => (found() ? resolve(found().startTime) : setTimeout(poll, 5));
    poll();
  }));
  const loaded = await page.evaluate(() => performance.getEntriesByName('evidence-loaded')[0]?.startTime ?? Number.NaN);
  const rows = await page.locator('svg.forest-svg .forest-row').count();
  return { ms, renderMs: ms - loaded, js: [...js], page, context, rows };
}

// First view's JS
const first = await browser.newContext();
const firstPage = await first.newPage();
const firstJs = new Set();
firstPage.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.endsWith('.js')) firstJs.add(u.pathname); });
await firstPage.goto(`${base}#/evidence`);
await firstPage.getByRole('table', { name: /Trials of IVIG/ }).waitFor();
await firstPage.waitForLoadState('networkidle');
const firstLoadJsGzipKb = [...firstJs].reduce((s, p) => s + gzipKb(join(dist, p)), 0);
await first.close();

const loads = [];
for (let i = 0; i < 5; i++) {
  const r = await coldLoad('#/forest?outcome=relapse-free');
  loads.push(r.ms);
  if (i < 4) await r.context.close();
  else {
    // Filter updates on the last page: toggle RR on and off.
    const updates = [];
    for (let j = 0; j < (quick ? 6 : 20); j++) {
      updates.push(await r.page.evaluate(() => new Promise((resolve) => {
        const before = performance.getEntriesByName('forest-painted').length;
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'RR');
        const t0 = performance.now();
        button.click();
        const poll = () => {
          const marks = performance.getEntriesByName('forest-painted');
          if (marks.length > before) resolve(marks[marks.length - 1].startTime - t0);
          else requestAnimationFrame(poll);
        };
        poll();
      })));
    }
    loads.filterUpdates = updates;
    const panel = [];
    for (let j = 0; j < (quick ? 6 : 20); j++) {
      panel.push(await r.page.evaluate(() => new Promise((resolve) => {
        const before = performance.getEntriesByName('sensitivity-painted').length;
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'RR');
        const t0 = performance.now();
        button.click();
        const poll = () => {
          const marks = performance.getEntriesByName('sensitivity-painted');
          if (marks.length > before) resolve(marks[marks.length - 1].startTime - t0);
          else requestAnimationFrame(poll);
        };
        poll();
      })));
    }
    loads.sensitivityUpdates = panel;
    loads.sensitivityCompute = await r.page.evaluate(() => performance.getEntriesByName('sensitivity-compute').map((m) => m.duration));
    await r.context.close();
  }
}

// Summary of Findings: cold load of #/summary → "summary-painted", and a setting change (τ²
// estimator REML ↔ DL) → the next "summary-painted" (the whole table re-computed and drawn).
async function summaryColdLoad() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${base}#/summary`);
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const poll = () => { const m = performance.getEntriesByName('summary-painted')[0]; if (m) resolve(m.startTime); else setTimeout(poll, 5); };
    poll();
  }));
  // The rest of the page: every table painted (the second mark), and the claims computed (NaN if
  // either has not happened within 10 s of the first mark).
  const rest = await page.evaluate(() => new Promise((resolve) => {
    const deadline = performance.now() + 10_000;
    const poll = () => {
      const m = performance.getEntriesByName('summary-painted')[1];
      const c = performance.getEntriesByName('claims-compute')[0];
      const d = (name) => performance.getEntriesByName(name)[0]?.duration ?? Number.NaN;
      if ((m && c) || performance.now() > deadline) resolve({ allTablesMs: m?.startTime ?? Number.NaN, firstTableComputeMs: d('summary-compute-first-table'), allTablesComputeMs: d('summary-compute'), claimsComputeMs: c?.duration ?? Number.NaN });
      else setTimeout(poll, 5);
    };
    poll();
  }));
  return { ms, rest, page, context };
}
const summaryLoads = [];
const summaryRest = [];
const summaryRecomputes = [];
const claimsRecomputes = [];
for (let i = 0; i < 5; i++) {
  const r = await summaryColdLoad();
  summaryLoads.push(r.ms);
  summaryRest.push(r.rest);
  if (i === 4) {
    for (let j = 0; j < (quick ? 6 : 20); j++) {
      summaryRecomputes.push(await r.page.evaluate((method) => new Promise((resolve) => {
        const before = performance.getEntriesByName('summary-painted').length;
        const select = [...document.querySelectorAll('select')].find((s) => [...s.options].some((o) => o.value === 'PM'));
        const t0 = performance.now();
        select.value = method;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        const poll = () => {
          const marks = performance.getEntriesByName('summary-painted');
          if (marks.length > before) resolve(marks[marks.length - 1].startTime - t0);
          else requestAnimationFrame(poll);
        };
        poll();
      }), j % 2 ? 'REML' : 'DL'));
    }
    // The seed review's claims below the tables follow the frame that paints them
    // (src/views/summary/after-paint.ts): a change → the claims painted, each change made on a
    // settled page (the claims of the last change painted), median of 10.
    for (let j = 0; j < (quick ? 4 : 10); j++) {
      claimsRecomputes.push(await r.page.evaluate((method) => new Promise((resolve) => {
        const painted = () => performance.getEntriesByName('claims-painted').length;
        const settle = () => {
          const before = painted();
          setTimeout(() => (painted() === before ? change(before) : settle()), 300);
        };
        const change = (before) => {
          const select = [...document.querySelectorAll('select')].find((s) => [...s.options].some((o) => o.value === 'PM'));
          const t0 = performance.now();
          select.value = method;
          select.dispatchEvent(new Event('change', { bubbles: true }));
          const poll = () => {
            const marks = performance.getEntriesByName('claims-painted');
            if (marks.length > before) resolve(marks[marks.length - 1].startTime - t0);
            else requestAnimationFrame(poll);
          };
          poll();
        };
        settle();
      }), j % 2 ? 'DL' : 'REML'));
    }
  }
  await r.context.close();
}

override = syntheticEvidence(1000);
const big = await coldLoad('#/forest?outcome=relapse-free');
await big.context.close();
override = null;
if (big.rows !== 1000) throw new Error(`the 1,000-study forest drew ${big.rows} rows`);
await browser.close();
server.close();

console.log('running the engine bench…');
const engineRun = spawnSync(process.execPath, [join(root, 'scripts/bench-engine.mjs'), ...(quick ? ['--no-r'] : [])], { cwd: root, encoding: 'utf8' });
process.stdout.write(engineRun.stdout);
const engineJson = JSON.parse(engineRun.stdout.trim().split('\n').at(-1));
const reml100k = engineJson.engine.find((r) => r.k === 100000 && r.method === 'REML');
const metafor100k = engineJson.metafor?.find((m) => m.k === 100000 && typeof m.ms === 'number') ?? null;

const result = {
  firstLoadJsGzipKb: Number(firstLoadJsGzipKb.toFixed(1)),
  coldLoadMs: Math.round(median(loads)),
  filterUpdateMs: Number(median(loads.filterUpdates).toFixed(1)),
  forest1000Ms: Math.round(big.renderMs),
  engineReml100kMs: Number((reml100k?.fullMs ?? NaN).toFixed(1)),
  metaforReml100kMs: metafor100k ? Math.round(metafor100k.ms) : null,
  bayesK1000Ms: Number((engineJson.bayes?.ms ?? NaN).toFixed(1)),
  sensitivityPanelMs: Number(median(loads.sensitivityUpdates).toFixed(1)),
  summaryColdLoadMs: Math.round(median(summaryLoads)),
  summaryRecomputeMs: Number(median(summaryRecomputes).toFixed(1)),
  summaryClaimsRecomputeMs: Number(median(claimsRecomputes).toFixed(1)),
};
const goals = { firstLoadJsGzipKb: 200, coldLoadMs: 800, filterUpdateMs: 50, forest1000Ms: 1000, engineReml100kMs: 50, summaryColdLoadMs: 800, summaryRecomputeMs: 50 };
goals.bayesK1000Ms = 50;
goals.sensitivityPanelMs = 30;
console.log('\nfigure               value      goal');
for (const [k, v] of Object.entries(result)) {
  const goal = goals[k];
  console.log(`${k.padEnd(20)} ${String(v).padStart(8)}   ${goal === undefined ? '' : `≤ ${goal}${v !== null && v > goal ? '  MISSED' : ''}`}`);
}
console.log(`method-sensitivity panel compute alone (ms, median of ${loads.sensitivityCompute.length}): ${median(loads.sensitivityCompute).toFixed(2)}`);
console.log(`cold loads, each (ms): ${loads.map((x) => Math.round(x)).join(', ')}`);
console.log(`summary cold loads, each (ms): ${summaryLoads.map((x) => Math.round(x)).join(', ')}; every table painted (summaryAllTablesColdMs, median): ${Math.round(median(summaryRest.map((x) => x.allTablesMs)))}`);
const summaryMedian = (key) => median(summaryRest.map((x) => x[key])).toFixed(1);
console.log(`summary computes on a cold load (ms, median of ${summaryRest.length}): first table ${summaryMedian('firstTableComputeMs')}, every table ${summaryMedian('allTablesComputeMs')}, the seed review's claims ${summaryMedian('claimsComputeMs')}`);
console.log(`forest1000ColdLoadMs (fetch + validate 1,000 studies + render): ${Math.round(big.ms)}`);
console.log(`first view JS: ${[...firstJs].join(', ')}`);
console.log(`load average (1, 5, 15 min): at the start ${loadAtStart.map((x) => x.toFixed(2)).join(', ')}; at the end ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
console.log(JSON.stringify(result));
