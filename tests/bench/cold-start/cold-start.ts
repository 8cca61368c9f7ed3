import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { subgraphUrlVariable } from '#gateway/config';
import { RUNTIME_ENVIRONMENT } from '#infra/config/bundling';
import { demoSubject } from '#infra/local/demo-identities';
import { DEV_AUDIENCE, DEV_ISSUER, mintDevToken } from '#infra/local/dev-issuer';
import type { LocalKeys } from '#infra/local/local-keys';
import { createAssertionSigner, IDENTITY_HEADER } from '#kernel/identity-assertion';
import { SUBGRAPHS } from '#schema/subgraphs';
import { bundleLambda, LAMBDA_ENTRIES, type LambdaEntry } from './lambda-bundle.ts';

const RUNNER = resolve('tests/bench/cold-start/first-request.mjs');

/**
 * The flags the Lambda Node.js 22 runtime starts Node with (AWS Lambda developer guide,
 * "Building Lambda functions with Node.js": experimental features Lambda disables). Without
 * them, Node 22 here would try each CommonJS file of the AWS SDK as an ES module first
 * (`--experimental-detect-module`), a cost Lambda does not have.
 */
export const LAMBDA_NODE_OPTIONS =
  '--no-experimental-require-module --no-experimental-detect-module';

/** One cold start: a new process from spawn to its first answer. */
export interface ColdStartSample {
  /** Spawn to answer, as the caller saw it. */
  wallMs: number;
  /** Inside the process: its start to the handler module being loaded. */
  loadedMs: number;
  /** Inside the process: its start to the first answer. */
  answeredMs: number;
  /** Inside the process: CPU time (all threads) to the first answer; steadier under load. */
  cpuMs: number;
}

/** The cold starts of one Lambda, bundled and unbundled, and its bundle's size. */
export interface ColdStartResult {
  name: LambdaEntry['name'];
  bundleBytes: number;
  bundled: ColdStartSample[];
  unbundled: ColdStartSample[];
}

/**
 * Measures the cold start of every Lambda: each is bundled exactly as CDK bundles it (the one
 * configuration of `infra/config/bundling.ts`), then a new Node process, with the environment
 * that decides how a deployed bundle loads (`RUNTIME_ENVIRONMENT`), imports the bundle and
 * answers one health-probe-like request (`{ __typename }` with a valid token or identity
 * assertion, so no subgraph is called); the same with the source loaded through tsx, as the
 * code would run unbundled. The gateway's admission writes to the table as in AWS (the
 * caller's rate, the audit trail): `table` is a real DynamoDB (Local), so that a first answer
 * does not include the SDK's retries against an address where nothing listens. The AWS SDK,
 * which the bundles leave to the Lambda runtime, is loaded from the project's node_modules in
 * both.
 *
 * @param options.keys - the local keys (tokens, assertions, environment)
 * @param options.table - the DynamoDB endpoint and a table made from the shared definition
 * @param options.outDir - where bundles and events are written
 * @param options.runs - measured runs of each kind, after one unmeasured warm-up of each
 * @param options.onProgress - progress lines
 * @param options.profileDir - when set (or `BENCH_COLD_PROFILE`), each measured bundled run also
 *   writes a V8 CPU profile (`--cpu-prof`) to `<profileDir>/<lambda>/`: where a cold start's
 *   time goes (profiling slows the runs down; compare ratios without it)
 */
export async function measureColdStarts(options: {
  keys: LocalKeys;
  table: { endpoint: string; name: string };
  outDir: string;
  runs: number;
  onProgress?: (message: string) => void;
  profileDir?: string;
}): Promise<ColdStartResult[]> {
  await mkdir(options.outDir, { recursive: true });
  const env = lambdaEnvironment(options.keys, options.table);
  const sign = createAssertionSigner(options.keys.gatewayPrivateKey);
  const results: ColdStartResult[] = [];
  for (const lambda of LAMBDA_ENTRIES) {
    options.onProgress?.(`cold start of ${lambda.name}`);
    const outfile = join(options.outDir, lambda.name, 'index.mjs');
    const bundle = await bundleLambda(lambda, outfile);
    const eventFile = join(options.outDir, `${lambda.name}.event.json`);
    // A fresh event for every run: a subgraph's identity assertion lives 60 seconds.
    const withFreshEvent = async (args: string[]) => {
      await writeFile(eventFile, JSON.stringify(await probeEvent(lambda, options.keys, sign)));
      return firstRequest(args, env);
    };
    const profileDir = options.profileDir ?? process.env.BENCH_COLD_PROFILE;
    const profile = profileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir, lambda.name)}`]
      : [];
    const bundledRun = (profiled = false) =>
      withFreshEvent([...(profiled ? profile : []), RUNNER, outfile, eventFile]);
    const unbundledRun = () =>
      withFreshEvent(['--import', 'tsx', RUNNER, resolve(lambda.entry), eventFile]);
    // Warm-up: the OS file cache and tsx's transform cache, so runs measure loading, not disk.
    await bundledRun();
    await unbundledRun();
    const bundled: ColdStartSample[] = [];
    const unbundled: ColdStartSample[] = [];
    for (let run = 0; run < options.runs; run++) {
      bundled.push(await bundledRun(true));
      unbundled.push(await unbundledRun());
    }
    results.push({ name: lambda.name, bundleBytes: bundle.bytes, bundled, unbundled });
  }
  return results;
}

/**
 * The environment a handler reads at import, as the API stack sets it on the deployed functions
 * (with the bench's table, and loopback addresses where nothing listens for the subgraphs: none
 * is called).
 */
function lambdaEnvironment(
  keys: LocalKeys,
  table: { endpoint: string; name: string },
): NodeJS.ProcessEnv {
  const unreachable = 'http://127.0.0.1:9';
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // No NODE_ENV: the deployed functions do not set it either.
    ...RUNTIME_ENVIRONMENT,
    NODE_OPTIONS: [LAMBDA_NODE_OPTIONS, RUNTIME_ENVIRONMENT.NODE_OPTIONS].filter(Boolean).join(' '),
    // As the API stack sets it on the gateway: no usage telemetry (its packages are not bundled).
    APOLLO_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: 'WARN',
    AWS_REGION: 'eu-north-1',
    // Lambda hands every function its role's credentials in the environment; without them the
    // SDK's credential chain would look for files and probe instance metadata, a wait Lambda
    // never has. Never valid: nothing is reached.
    AWS_ACCESS_KEY_ID: 'ASIACOLDSTARTBENCH00',
    AWS_SECRET_ACCESS_KEY: 'cold-start-bench-not-a-secret',
    AWS_SESSION_TOKEN: 'cold-start-bench',
    AWS_LAMBDA_FUNCTION_NAME: 'cold-start',
    STAGE: 'prod',
    TABLE_NAME: table.name,
    DYNAMODB_ENDPOINT: table.endpoint,
    GATEWAY_PUBLIC_KEY: JSON.stringify(keys.gatewayPublicKey),
    CURSOR_SECRET: keys.cursorSecret,
    GATEWAY_SIGNING_KEY: JSON.stringify(keys.gatewayPrivateKey),
    AUTH_ISSUER: DEV_ISSUER,
    AUTH_AUDIENCE: DEV_AUDIENCE,
    AUTH_JWKS_URI: `${DEV_ISSUER}/.well-known/jwks.json`,
    AUTH_JWKS: JSON.stringify(keys.issuerJwks),
    ...Object.fromEntries(
      SUBGRAPHS.map(({ name }) => [subgraphUrlVariable(name), `${unreachable}/graphql`]),
    ),
  };
}

/** `{ __typename }` as the gateway's health probe sends it, or as a client with a token. */
async function probeEvent(
  lambda: LambdaEntry,
  keys: LocalKeys,
  sign: ReturnType<typeof createAssertionSigner>,
): Promise<APIGatewayProxyEventV2> {
  const credential =
    lambda.name === 'gateway'
      ? { authorization: `Bearer ${await mintDevToken(keys, demoSubject('NETWORK_CONSULTANT'))}` }
      : { [IDENTITY_HEADER]: await sign(null, lambda.name) };
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/graphql',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'localhost', ...credential },
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/graphql',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'nextwork-bench',
      },
      requestId: 'cold-start',
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: JSON.stringify({ query: '{ __typename }' }),
    isBase64Encoded: false,
  };
}

/** Spawns one process and waits for its answer. */
function firstRequest(args: string[], env: NodeJS.ProcessEnv): Promise<ColdStartSample> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let answered: ColdStartSample | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{"loadedMs"'));
      if (!answered && line) {
        const parsed = JSON.parse(line) as {
          loadedMs: number;
          answeredMs: number;
          cpuMs: number;
          result: { statusCode?: number; body?: string };
        };
        answered = {
          wallMs: performance.now() - started,
          loadedMs: parsed.loadedMs,
          answeredMs: parsed.answeredMs,
          cpuMs: parsed.cpuMs,
        };
        if (!parsed.result.body?.includes('"__typename":"Query"')) {
          child.kill();
          reject(new Error(`Unexpected first answer: ${JSON.stringify(parsed.result)}`));
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answered) resolvePromise(answered);
      else reject(new Error(`Cold start process exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}
