// Sends real @sentry/node events for Vigil.Tests: error A `countA` times, error B `countB` times.
// Usage: node send-node-errors.mjs DSN [countA] [countB]
import * as Sentry from '@sentry/node';

const [dsn, countA = '3', countB = '2'] = process.argv.slice(2);
if (!dsn) {
  console.error('usage: node send-node-errors.mjs DSN [countA] [countB]');
  process.exit(2);
}
Sentry.init({
  dsn,
  release: 'node-test@1.0.0',
  environment: 'test',
  sendClientReports: false,
  // Dedupe drops an error identical to the previous one; this script sends repeats on purpose.
  integrations: (defaults) => defaults.filter((integration) => integration.name !== 'Dedupe'),
});

function chargeCard(amount) {
  throw new TypeError(`card declined for amount ${amount}`);
}
function loadProfile(id) {
  throw new RangeError(`profile ${id} is out of range`);
}
for (let i = 0; i < Number(countA); i++) {
  try { chargeCard(10 + i); } catch (e) { Sentry.captureException(e); }
}
for (let i = 0; i < Number(countB); i++) {
  try { loadProfile(i); } catch (e) { Sentry.captureException(e); }
}
const flushed = await Sentry.flush(10000);
console.log(flushed ? 'flushed' : 'flush timed out');
process.exit(flushed ? 0 : 1);
