// Takes a screenshot of the built app: node scripts/screenshot.mjs "<hash route>" out.png [width]
// (used for the README picture and for looking at a change as a user would).
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const [route = '#/evidence', out = 'screenshot.png', width = '1400', clickText] = process.argv.slice(2);
const root = join(process.cwd(), 'dist');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
await page.goto(`http://127.0.0.1:${server.address().port}/${route}`);
await page.waitForSelector('main table, [role=alert]');
if (clickText) await page.getByRole('button', { name: clickText }).first().click();
if (process.env.SELECTOR) await page.locator(process.env.SELECTOR).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
await browser.close();
server.close();
console.log(`wrote ${out}`);
