// A real SMTP server for Vigil's email channel tests (npm smtp-server).
// Usage: node smtp-receiver.mjs PORT USER PASSWORD [OPTIONS-JSON]
// OPTIONS-JSON: {"secure": true} for implicit TLS (else STARTTLS), "key"/"cert": PEM files of the TLS
// certificate (else smtp-server's built-in one), "authMethods": ["PLAIN", "LOGIN"] (the default),
// "hideSTARTTLS": true to not offer STARTTLS. AUTH is required; writes one JSON line per accepted
// message to stdout: {from, to, user, authMethod, secure, raw}.
// Recipients steer failures: "softfail-once@…" gets 451 the first time, "reject@…" always gets 550,
// "busy-once@…" gets 450 the first time it is offered and is accepted after, "busy-then-gone@…" gets 450
// the first time and 550 after (a mailbox that was busy, then deleted), "busy@…" always gets 450, and
// "busy-then-closing@…" gets 450, then 421 (the server closing the session), then is accepted.
import { readFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

const [port, user, password, json] = process.argv.slice(2);
const options = json ? JSON.parse(json) : {};
const softFailed = new Set();
const authMethods = new Map();
const offered = new Map(); // address → how many times RCPT TO named it

const server = new SMTPServer({
  secure: Boolean(options.secure),
  ...(options.key ? { key: readFileSync(options.key), cert: readFileSync(options.cert) } : {}),
  hideSTARTTLS: Boolean(options.hideSTARTTLS),
  authMethods: options.authMethods || ['PLAIN', 'LOGIN'],
  authOptional: false,
  allowInsecureAuth: false,
  logger: false,
  onAuth(auth, session, callback) {
    authMethods.set(session.id, auth.method);
    if (auth.username === user && auth.password === password) return callback(null, { user: auth.username });
    return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
  },
  onRcptTo(address, session, callback) {
    const to = address.address.toLowerCase();
    const times = (offered.get(to) || 0) + 1;
    offered.set(to, times);
    if (to.startsWith('busy-once@') && times === 1) return callback(Object.assign(new Error('Mailbox busy'), { responseCode: 450 }));
    if (to.startsWith('busy-then-gone@')) {
      return callback(times === 1
        ? Object.assign(new Error('Mailbox busy'), { responseCode: 450 })
        : Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
    }
    if (to.startsWith('busy-then-closing@') && times <= 2) {
      return callback(Object.assign(new Error(times === 1 ? 'Mailbox busy' : 'Closing'), { responseCode: times === 1 ? 450 : 421 }));
    }
    if (to.startsWith('busy@')) return callback(Object.assign(new Error('Mailbox busy'), { responseCode: 450 }));
    if (to.startsWith('reject@')) return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
    if (to.startsWith('softfail-once@') && !softFailed.has(session.id)) {
      if (softFailed.size === 0) {
        softFailed.add(session.id);
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      process.stdout.write(JSON.stringify({
        from: session.envelope.mailFrom && session.envelope.mailFrom.address,
        to: session.envelope.rcptTo.map((r) => r.address),
        user: session.user || null,
        authMethod: authMethods.get(session.id) || null,
        secure: session.secure,
        raw: Buffer.concat(chunks).toString('utf8'),
      }) + '\n');
      callback();
    });
  },
});

server.on('error', (err) => process.stderr.write(`smtp error: ${err.message}\n`));
server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`listening ${port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
