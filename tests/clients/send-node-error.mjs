// Sends one real @sentry/node error for Vigil's browser tests: thrown two calls deep, with a release.
// Usage: node send-node-error.mjs DSN MESSAGE [RELEASE] [ENVIRONMENT]
// Prints the event id; exits 1 when the SDK could not flush.
import * as Sentry from '@sentry/node';

const [dsn, message, release = 'shop@1.0.0', environment = 'production'] = process.argv.slice(2);
if (!dsn || !message) {
  console.error('usage: node send-node-error.mjs DSN MESSAGE [RELEASE] [ENVIRONMENT]');
  process.exit(2);
}
Sentry.init({
  dsn,
  release,
  environment,
  sendClientReports: false,
  tracesSampleRate: 0,
  defaultIntegrations: false,
  integrations: [Sentry.linkedErrorsIntegration(), Sentry.contextLinesIntegration(), Sentry.nodeContextIntegration()],
});
Sentry.setTag('region', 'eu-west-1');
Sentry.setUser({ id: '42', username: 'ada' });
Sentry.addBreadcrumb({ category: 'cart', message: 'checkout started', level: 'info' });

function chargeCard(order) {
  if (!order.card) {
    throw new Error(message);
  }
}
function checkout(order) {
  return chargeCard(order);
}

try {
  checkout({ id: 17 });
} catch (error) {
  console.log(Sentry.captureException(error));
}
const flushed = await Sentry.flush(10000);
process.exit(flushed ? 0 : 1);
