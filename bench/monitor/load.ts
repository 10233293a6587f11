/**
 * Background traffic at a fixed rate through the proxy: plain-HTTP GETs of a small page by
 * unidentified devices, sent on a schedule (not as fast as answers come back), so the
 * gateway carries a steady load while the probes are timed. Run as a child of run.ts;
 * prints one JSON line with what it achieved when it gets SIGTERM.
 *
 *   node --import tsx bench/monitor/load.ts <proxy port> <origin url> <requests/s>
 */
import { Agent, request } from 'node:http';

const [proxyPort, originUrl, rateText] = process.argv.slice(2);
const rate = Number(rateText);
if (proxyPort === undefined || originUrl === undefined || !(rate > 0)) {
  throw new Error('usage: load.ts <proxy port> <origin url> <requests/s>');
}
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
let sent = 0;
let answered = 0;
let failed = 0;
const started = Date.now();

function fire(): void {
  sent += 1;
  const req = request(
    {
      host: '127.0.0.1',
      port: Number(proxyPort),
      path: originUrl,
      agent,
      headers: { host: new URL(originUrl!).host },
    },
    (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) answered += 1;
        else failed += 1;
      });
    },
  );
  req.on('error', () => (failed += 1));
  req.end();
}

// Every 10 ms, send what the schedule owes: a fixed rate whatever the answers do.
const timer = setInterval(() => {
  const due = Math.floor(((Date.now() - started) / 1000) * rate);
  while (sent < due) fire();
}, 10);

process.on('SIGTERM', () => {
  clearInterval(timer);
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ seconds, sent, answered, failed, answeredPerSecond: answered / seconds })}\n`,
  );
  process.exit(0);
});
