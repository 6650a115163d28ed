// Captures real envelopes from @sentry/browser running in headless Chromium into golden fixtures.
// Usage: node capture-browser.mjs [outDir]   (needs /usr/bin/chromium; playwright-core drives it)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(process.argv[2] ?? path.join(here, '../Vigil.Protocols.Tests/Sentry/Fixtures'));
fs.mkdirSync(outDir, { recursive: true });

// The npm package ships ES modules, not a CDN bundle; an import map lets the browser load them as-is.
const imports = {
  '@sentry/browser': '/node_modules/@sentry/browser/build/npm/esm/prod/index.js',
  '@sentry/core': '/node_modules/@sentry/core/build/esm/index.js',
  '@sentry/core/browser': '/node_modules/@sentry/core/build/esm/browser.js',
  '@sentry/browser-utils': '/node_modules/@sentry/browser-utils/build/esm/index.js',
  '@sentry/conventions': '/node_modules/@sentry/conventions/dist/index.mjs',
  '@sentry/conventions/attributes': '/node_modules/@sentry/conventions/dist/attributes.mjs',
  '@sentry/conventions/metrics': '/node_modules/@sentry/conventions/dist/metrics.mjs',
  '@sentry/conventions/op': '/node_modules/@sentry/conventions/dist/op.mjs',
  '@sentry/feedback': '/node_modules/@sentry/feedback/build/npm/esm/index.js',
  '@sentry/replay': '/node_modules/@sentry/replay/build/npm/esm/index.js',
  '@sentry/replay-canvas': '/node_modules/@sentry/replay-canvas/build/npm/esm/index.js',
  'web-vitals': '/node_modules/web-vitals/dist/web-vitals.js',
};

const page = (port) => `<!doctype html><html><head><title>fixture</title>
<script type="importmap">${JSON.stringify({ imports })}</script></head><body>
<script type="module">
import * as Sentry from '@sentry/browser';
Sentry.init({ dsn: 'http://publickey@127.0.0.1:${port}/1', release: 'browser-capture@1.0.0',
  environment: 'fixtures', sendClientReports: false });
Sentry.setTag('page', 'checkout');
Sentry.setUser({ id: '7', email: 'grace@example.com' });
Sentry.addBreadcrumb({ category: 'ui.click', message: 'button#pay' });
function renderCart(cart) { return cart.items.length; }
function onPay() { return renderCart(null); }
try { onPay(); } catch (e) { Sentry.captureException(e); }
setTimeout(() => { throw new Error('uncaught in timer 42'); }, 10);
</script></body></html>`;

const bodies = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => { bodies.push(Buffer.concat(chunks)); res.writeHead(200); res.end('{}'); });
    return;
  }
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page(server.address().port));
    return;
  }
  const file = path.join(here, path.normalize(url.pathname));
  if (url.pathname.startsWith('/node_modules/') && file.startsWith(here) && fs.existsSync(file)) {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(fs.readFileSync(file));
    return;
  }
  res.writeHead(404);
  res.end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const tab = await browser.newPage();
tab.on('console', (m) => console.error(`[page] ${m.text()}`));
tab.on('pageerror', (e) => console.error(`[pageerror] ${e.message}`));
tab.on('requestfailed', (r) => console.error(`[failed] ${r.url()}`));
tab.on('response', (r) => { if (r.status() >= 400) console.error(`[${r.status()}] ${r.url()}`); });
await tab.goto(`http://127.0.0.1:${server.address().port}/`);
// Two error events plus the session updates the SDK sends around them.
for (let i = 0; i < 100 && bodies.length < 4; i++) await new Promise((r) => setTimeout(r, 100));
await browser.close();
server.close();

// Arrival order varies between runs, so name each envelope by what it holds.
let sessions = 0;
for (const body of bodies) {
  const text = body.toString('utf8');
  const name = text.includes('"type":"session"') ? `browser-session-${++sessions}`
    : text.includes('uncaught in timer') ? 'browser-uncaught-error' : 'browser-captured-error';
  const file = path.join(outDir, `${name}.envelope`);
  fs.writeFileSync(file, body);
  console.log(`wrote ${file} (${body.length} bytes)`);
}
process.exit(bodies.length >= 2 ? 0 : 1);
