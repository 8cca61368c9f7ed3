import { ROLES } from '#kernel/identity';
import { demoSubjectsByRole } from './demo-identities.ts';
import { mintDevToken, SignInRefusedError } from './dev-issuer.ts';
import { startLocalStack } from './local-stack.ts';

// `npm start`: the whole system on this machine with demo data, until Ctrl-C.
// `STAGE=prod npm start`: the same with the gateway's production settings (no introspection,
// no landing page, masked errors), so that they can be tried here.
const startedAt = Date.now();
const log = (message: string) =>
  console.log(
    `[nextwork] ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)}s  ${message}`,
  );

const stage = process.env.STAGE === 'prod' ? 'prod' : 'dev';
// The lifecycle reconciler's turn: every minute unless told (AWS runs it every 15 minutes).
const reconcileSeconds = Number(process.env.LIFECYCLE_RECONCILE_SECONDS ?? 60);
if (!(reconcileSeconds >= 0)) {
  console.error('[nextwork] LIFECYCLE_RECONCILE_SECONDS must be a number of seconds (0: off)');
  process.exit(1);
}
const stack = await startLocalStack({
  dataDir: process.env.DATA_DIR ?? '.data',
  port: Number(process.env.PORT ?? 4000),
  ...(process.env.DYNAMODB_ENDPOINT ? { dynamoEndpoint: process.env.DYNAMODB_ENDPOINT } : {}),
  tableName: process.env.TABLE_NAME ?? 'nextwork',
  stage,
  seed: true,
  lifecycleTimeScale: Number(process.env.LIFECYCLE_TIME_SCALE ?? 1),
  lifecycleReconcileSeconds: reconcileSeconds,
  onProgress: log,
}).catch((error: Error) => {
  console.error(`[nextwork] could not start: ${error.message}`);
  process.exit(1);
});

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  await stack.stop();
  log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const health = await fetch(stack.healthUrl).then((r) => r.json() as Promise<{ healthy: boolean }>);
log(
  health.healthy
    ? 'all subgraphs answer'
    : `some subgraphs do not answer: ${JSON.stringify(health)}`,
);

const tokens = await Promise.all(
  demoSubjectsByRole().map(
    async ([role, subject]) =>
      [
        role,
        subject,
        // A demo person removed or erased on an earlier run is refused, as in AWS.
        await mintDevToken(stack.keys, subject, '12h', stack.signIn).catch((error: unknown) => {
          if (error instanceof SignInRefusedError) return '(none: sign-in disabled or deleted)';
          throw error;
        }),
      ] as const,
  ),
);
console.log(`
NEXTWORK is running (stage ${stage}${stage === 'prod' ? ': introspection, landing page and error detail off, as in production' : '; STAGE=prod npm start runs it with the production settings'}).
  GraphQL gateway  ${stack.gatewayUrl}
  Health           ${stack.healthUrl}
  DynamoDB         ${stack.dynamoEndpoint}
  Lifecycles       ${describeLifecycleClock(stack.lifecycle.clock)}
  Reconciler       ${reconcileSeconds > 0 ? `every ${reconcileSeconds} s (LIFECYCLE_RECONCILE_SECONDS)` : 'off (LIFECYCLE_RECONCILE_SECONDS=0)'}
  Subgraphs        ${Object.entries(stack.subgraphUrls)
    .map(([n, u]) => `${n} ${u}`)
    .join('\n                   ')}

Development tokens (valid 12 h; more with: npm run token -- --role ROLE [--municipality CODE]):
${tokens.map(([role, subject, token]) => `  ${role.padEnd(ROLES.reduce((w, r) => Math.max(w, r.length), 0))}  ${describe(subject)}\n    ${token}`).join('\n')}

Try:
  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' \\
    -H "authorization: Bearer $(npm run -s token -- --role PROGRAMME)" \\
    -d '{"query":"{ municipalities { code name companyStats { active } placementStats { active } networkStats { youthGroups } } }"}'

Ready. Ctrl-C stops everything.`);

function describeLifecycleClock(clock: { now(): number; scale?: number }): string {
  const scale = clock.scale ?? 1;
  const today = new Date(clock.now()).toISOString().slice(0, 10);
  return scale === 1
    ? `real time (lifecycle date ${today}); LIFECYCLE_TIME_SCALE=10080 runs a week a minute`
    : `${scale}× real time (a week in ${((7 * 86400) / scale).toFixed(0)} s; lifecycle date ${today})`;
}

function describe(subject: object): string {
  return Object.entries(subject)
    .filter(([key]) => key !== 'role')
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}
