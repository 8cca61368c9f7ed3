// A fresh Node process, as Lambda starts one: import a handler module (a bundle, or the source
// when started with `--import tsx`), answer one API Gateway v2 event, print the result and the
// process's own timings (wall clock from its start, and CPU time), exit. Plain JavaScript, so
// that nothing but the handler is loaded.
// Usage: node first-request.mjs <module> <event.json>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [modulePath, eventPath] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventPath, 'utf8'));
const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'cold-start',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:cold-start',
  memoryLimitInMB: '1024',
  awsRequestId: 'cold-start',
  logGroupName: '/aws/lambda/cold-start',
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 30_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

const { handler } = await import(pathToFileURL(modulePath).href);
const loadedMs = performance.now();
const result = await handler(event, context, () => {});
const answeredMs = performance.now();
// CPU time of the whole process (all its threads) up to the answer: far steadier than the wall
// clock when other work shares the machine.
const { user, system } = process.cpuUsage();
const cpuMs = (user + system) / 1000;
process.stdout.write(`${JSON.stringify({ loadedMs, answeredMs, cpuMs, result })}\n`);
process.exit(0);
