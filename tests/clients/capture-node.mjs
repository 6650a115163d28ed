// Captures real envelopes from @sentry/node into golden fixtures for Vigil.Protocols tests.
// Usage: node capture-node.mjs [outDir]   (default: ../Vigil.Protocols.Tests/Sentry/Fixtures)
import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Sentry from '@sentry/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(process.argv[2] ?? path.join(here, '../Vigil.Protocols.Tests/Sentry/Fixtures'));
fs.mkdirSync(outDir, { recursive: true });

const bodies = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body = Buffer.concat(chunks);
    const encoding = req.headers['content-encoding'];
    if (encoding === 'gzip' || encoding === 'x-gzip') body = zlib.gunzipSync(body);
    else if (encoding === 'deflate') body = zlib.inflateSync(body);
    bodies.push(body);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;

Sentry.init({
  dsn: `http://publickey@127.0.0.1:${port}/1`,
  release: 'capture@1.0.0',
  environment: 'fixtures',
  serverName: 'fixture-host',
  sendClientReports: false,
  tracesSampleRate: 0,
  defaultIntegrations: false,
  integrations: [Sentry.linkedErrorsIntegration(), Sentry.contextLinesIntegration()],
});
Sentry.setTag('region', 'eu-west-1');
Sentry.setUser({ id: '42', email: 'ada@example.com', username: 'ada' });
Sentry.addBreadcrumb({ category: 'auth', message: 'user signed in', level: 'info' });
Sentry.addBreadcrumb({ category: 'http', type: 'http', data: { method: 'GET', url: '/orders/17', status_code: 200 } });

function loadOrder(order) {
  return order.customer.name; // order is undefined: TypeError
}
function handleRequest() {
  return loadOrder(undefined);
}
try {
  handleRequest();
} catch (e) {
  Sentry.captureException(e);
}

Sentry.captureMessage('Order 12345 could not be shipped', 'warning');

function readConfig() {
  throw new RangeError('config value 7 out of range');
}
try {
  try {
    readConfig();
  } catch (inner) {
    throw new Error('startup failed', { cause: inner });
  }
} catch (outer) {
  Sentry.captureException(outer, { tags: { phase: 'startup' } });
}

await Sentry.flush(5000);
server.close();
const names = ['node-type-error', 'node-message', 'node-cause-chain'];
bodies.forEach((body, i) => {
  const file = path.join(outDir, `${names[i] ?? `node-extra-${i}`}.envelope`);
  fs.writeFileSync(file, body);
  console.log(`wrote ${file} (${body.length} bytes)`);
});
process.exit(0);
