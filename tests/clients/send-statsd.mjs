// Sends StatsD/DogStatsD metrics with the real `hot-shots` client over UDP, then closes it.
// Usage: node send-statsd.mjs PORT PREFIX
import StatsD from 'hot-shots';

const [port, prefix] = [Number(process.argv[2]), process.argv[3]];
const client = new StatsD({ host: '127.0.0.1', port, prefix: `${prefix}.`, globalTags: { env: 'test' }, maxBufferSize: 0,
  errorHandler: (error) => { console.error(error); process.exitCode = 1; } });

for (let i = 0; i < 10; i++) client.increment('orders', 1, { route: '/checkout' });
client.increment('orders', 5, { route: '/cart' });
for (let i = 1; i <= 100; i++) client.timing('latency', i, { route: '/checkout' });
client.gauge('queue', 40);
client.gauge('queue', 42);
for (const user of ['ada', 'grace', 'ada', 'linus']) client.set('users', user);
client.histogram('size', 512);

client.close((error) => {
  if (error) { console.error(error); process.exitCode = 1; }
  console.log('sent');
});
