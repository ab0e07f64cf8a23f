/**
 * End-to-end support: serves the production build (dist/) on 127.0.0.1 from the test process
 * and drives Debian's Chromium with playwright-core. A browser that cannot start is an error,
 * never a skip (in CI and out of it): the suite proves the app works in a real browser or fails.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
};

export interface StaticServer { url: string; close: () => Promise<void>; requests: string[] }

/** Serves `root` (default dist/); `overrides` replace files by URL path (e.g. a broken evidence file). */
export async function serveDist(root = join(process.cwd(), 'dist'), overrides: Record<string, string> = {}): Promise<StaticServer> {
  if (!existsSync(join(root, 'index.html'))) throw new Error(`No production build at ${root}: run "npm run build" first.`);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const override = overrides[path];
    if (override !== undefined) {
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(override);
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium" (scripts/ensure-chromium.sh does this).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * One production server and one Chromium per test file, started before and closed after its
 * tests: `const env = startBrowserAndServer();` then `env.browser`, `env.url`.
 */
export function startBrowserAndServer(): { readonly browser: Browser; readonly url: string; readonly server: StaticServer } {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    server = await serveDist();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const need = <T,>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`${what} is not started (use inside a test)`);
    return x;
  };
  return {
    get browser() { return need(browser, 'Chromium'); },
    get server() { return need(server, 'The server'); },
    get url() { return need(server, 'The server').url; },
  };
}
