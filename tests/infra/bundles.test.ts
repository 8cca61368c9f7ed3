import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules, createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { build, type Metafile } from 'esbuild';
import {
  GraphQLSchema,
  lexicographicSortSchema,
  parse,
  printSchema,
  specifiedDirectives,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { subgraphUrlVariable } from '#gateway/config';
import {
  bundleBudgetOf,
  esbuildOptions,
  GATEWAY_ENTRY,
  LAMBDA_BUNDLES,
  type LambdaBundle,
  neverLoadedModulesOf,
  PROJECT_ROOT,
  RUNTIME_ENVIRONMENT,
  RUNTIME_PROVIDED_PACKAGES,
} from '#infra/config/bundling';
import { buildSubgraph } from '#infra/constructs/bundling-stubs/federation-internals';
import type { NextworkFunction } from '#infra/constructs/nextwork-function';
import { DEV_AUDIENCE, DEV_ISSUER, mintDevToken } from '#infra/local/dev-issuer';
import { loadOrCreateLocalKeys } from '#infra/local/local-keys';
import { createAssertionSigner, IDENTITY_HEADER } from '#kernel/identity-assertion';
import { SUBGRAPHS } from '#schema/subgraphs';
import { LAMBDA_NODE_OPTIONS } from '../bench/cold-start/cold-start.ts';
import { largestContributors } from '../bench/cold-start/lambda-bundle.ts';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';
import { type SynthesisedStage, synthesiseStage } from './synth.ts';

const run = promisify(execFile);

/** The flags the Lambda Node.js 22 runtime starts Node with: the bundles must load under them. */
const LAMBDA_NODE_FLAGS = LAMBDA_NODE_OPTIONS.split(' ');

interface DeployedBundle {
  bytes: number;
  /** The largest contributing packages, from esbuild's metafile. */
  largest: Array<[string, number]>;
  /** The asset folder CDK bundled into. */
  folder: string;
}

let stage: SynthesisedStage;
const deployed = {} as Record<LambdaBundle['name'], DeployedBundle>;
/** Each bundle as the bench builds it (esbuild's API, `esbuildOptions`), right after the synth. */
const measured = {} as Record<LambdaBundle['name'], Buffer>;

function deployedBundle(fn: NextworkFunction): DeployedBundle {
  const code = Stack.of(fn).resolve((fn.function.node.defaultChild as CfnFunction).code) as {
    s3Key: string;
  };
  const folder = join(stage.outdir, `asset.${code.s3Key.replace(/\.zip$/, '')}`);
  const meta = JSON.parse(readFileSync(join(folder, 'index.meta.json'), 'utf8')) as Metafile;
  return {
    bytes: statSync(join(folder, 'index.mjs')).size,
    largest: largestContributors(meta, 8),
    folder,
  };
}

/** Every input file of a deployed bundle, from its metafile. */
function inputsOf(name: LambdaBundle['name']): string[] {
  const meta = readFileSync(join(deployed[name].folder, 'index.meta.json'), 'utf8');
  return Object.keys((JSON.parse(meta) as Metafile).inputs);
}

/**
 * A script that imports a handler module (`SMOKE_MODULE`: a bundle, or the source under tsx) in
 * a fresh Node process, as Lambda would, invokes it with `SMOKE_EVENT` and prints the result.
 * With `SMOKE_TRACE`, it also prints every module resolution: specifier, importer, result.
 */
function invokeScript(): string {
  const script = join(mkdtempSync(join(tmpdir(), 'nextwork-smoke-')), 'invoke.mjs');
  writeFileSync(
    script,
    [
      "import { registerHooks } from 'node:module';",
      'const loaded = [];',
      'if (process.env.SMOKE_TRACE) registerHooks({ resolve(specifier, context, next) {',
      '  const result = next(specifier, context);',
      '  loaded.push({ specifier, parent: context.parentURL, url: result.url });',
      '  return result;',
      '} });',
      'const { handler } = await import(process.env.SMOKE_MODULE);',
      'const context = { awsRequestId: "smoke", getRemainingTimeInMillis: () => 10000 };',
      'const result = await handler(JSON.parse(process.env.SMOKE_EVENT), context, () => {});',
      // On a line of its own: the function's metrics (EMF) go to stdout before it.
      'process.stdout.write("\\n" + JSON.stringify({ result, loaded }) + "\\n");',
      'process.exit(0);',
    ].join('\n'),
  );
  return script;
}

interface Invocation {
  result: { statusCode: number; body: string };
  loaded: Array<{ specifier: string; parent?: string; url: string }>;
}

/** Runs a deployed bundle under Lambda's Node flags, tracing what it loads. */
async function invokeBundle(
  name: LambdaBundle['name'],
  env: Record<string, string | undefined>,
): Promise<Invocation> {
  const module = pathToFileURL(join(deployed[name].folder, 'index.mjs')).href;
  const { stdout } = await run(process.execPath, [...LAMBDA_NODE_FLAGS, invokeScript()], {
    env: { ...env, ...RUNTIME_ENVIRONMENT, SMOKE_MODULE: module, SMOKE_TRACE: '1' },
  });
  return invocationOf(stdout);
}

/** Runs a handler's TypeScript source under tsx, as the local stack runs it. */
async function invokeSource(
  entry: string,
  env: Record<string, string | undefined>,
): Promise<Invocation> {
  const module = pathToFileURL(join(PROJECT_ROOT, entry)).href;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', invokeScript()], {
    env: { ...env, SMOKE_MODULE: module },
    cwd: PROJECT_ROOT,
  });
  return invocationOf(stdout);
}

/** The invocation script's answer: its last line (the function's metrics come before it). */
function invocationOf(stdout: string): Invocation {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '') as Invocation;
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * What a bundle itself loaded from outside: every resolution it asked for that is neither one of
 * Node's modules nor a package the Lambda runtime provides (the AWS SDK).
 */
function loadedBeyondRuntime(invocation: Invocation, name: LambdaBundle['name']): string[] {
  const bundle = pathToFileURL(join(deployed[name].folder, 'index.mjs')).href;
  const fromBundle = invocation.loaded.filter(({ parent }) => parent === bundle);
  // Every bundle loads Node's modules and the SDK: an empty trace would mean it traced nothing.
  expect(fromBundle.length).toBeGreaterThan(0);
  return fromBundle
    .map(({ specifier }) => specifier)
    .filter(
      (specifier) =>
        !NODE_BUILTINS.has(specifier) &&
        !RUNTIME_PROVIDED_PACKAGES.some((pattern) =>
          specifier.startsWith(pattern.replace('*', '')),
        ),
    );
}

beforeAll(async () => {
  // One real synth: every function bundled by esbuild on this machine, as `cdk synth` does.
  stage = synthesiseStage('dev', { bundle: true });
  // What the Lambda Node.js 22 runtime provides beside a function's code: the AWS SDK v3 (with
  // its Smithy core), and nothing else. Any other package a bundle tried to load would not be found.
  const runtimeModules = join(stage.outdir, 'node_modules');
  mkdirSync(runtimeModules);
  for (const scope of ['@aws-sdk', '@smithy']) {
    symlinkSync(resolve('node_modules', scope), join(runtimeModules, scope), 'dir');
  }
  const { api } = stage.stacks;
  deployed.gateway = deployedBundle(api.gateway);
  for (const { name } of SUBGRAPHS) deployed[name] = deployedBundle(api.subgraphs[name]);
  const report = Object.fromEntries(
    Object.entries(deployed).map(([name, { bytes, largest }]) => [name, { bytes, largest }]),
  );
  // The bench's builds of the same entries, straight after the synth so that both saw the same
  // sources.
  await Promise.all(
    LAMBDA_BUNDLES.map(async ({ name, entry }) => {
      const outfile = join(mkdtempSync(join(tmpdir(), 'nextwork-bundle-')), 'index.mjs');
      await build(esbuildOptions(entry, outfile));
      measured[name] = readFileSync(outfile);
    }),
  );
  const folder = join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'bundle-sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.info(
    Object.entries(deployed)
      .map(([name, { bytes }]) => `${name.padEnd(20)} ${(bytes / 1000).toFixed(0).padStart(6)} kB`)
      .join('\n'),
  );
});

describe('bundle sizes (minified ES modules, AWS SDK from the runtime)', () => {
  it.each(LAMBDA_BUNDLES.map(({ name }) => name))('keeps %s within its budget', (name) => {
    // Prepare
    const bundle = deployed[name];
    // Act
    const bytes = bundle?.bytes ?? Number.POSITIVE_INFINITY;
    // Assess
    expect(bytes, JSON.stringify(bundle?.largest)).toBeLessThanOrEqual(bundleBudgetOf(name));
  });

  it.each(LAMBDA_BUNDLES.map(({ name }) => name))(
    'deploys for %s the very bundle the bench measures (same configuration, same bytes)',
    (name) => {
      // Prepare
      const deployedBytes = readFileSync(join(deployed[name].folder, 'index.mjs'));
      // Act
      const same = measured[name]?.equals(deployedBytes);
      // Assess
      expect(same, `${measured[name]?.length} B vs ${deployedBytes.length} B`).toBe(true);
    },
  );

  it('bundles one copy of graphql, Apollo Server and lru-cache, and none of the stand-ins’ packages', () => {
    // Prepare
    const gateway = inputsOf('gateway');
    const subgraphs = SUBGRAPHS.flatMap(({ name }) => inputsOf(name));
    // Act
    const matching = (inputs: string[], pattern: RegExp) => inputs.filter((i) => pattern.test(i));
    // Assess
    for (const inputs of [gateway, subgraphs]) {
      expect(matching(inputs, /node_modules\/graphql\/.*\.js$/)).toEqual([]);
      expect(matching(inputs, /@apollo\/server\/dist\/cjs/)).toEqual([]);
      expect(matching(inputs, /lru-cache\/(index\.js|dist\/commonjs)/)).toEqual([]);
      expect(
        matching(
          inputs,
          /node_modules\/(make-fetch-happen|node-fetch|sha\.js|chalk|@graphql-tools|@opentelemetry\/sdk-metrics|@apollo\/usage-reporting-protobuf|@apollo\/utils\.usagereporting)\//,
        ),
      ).toEqual([]);
    }
    expect(matching(subgraphs, /node_modules\/@apollo\/federation-internals\//)).toEqual([]);
  });
});

describe('the stand-in for @apollo/federation-internals in the subgraphs’ bundles', () => {
  it.each(SUBGRAPHS.map(({ name, file }) => [name, file] as const))(
    'builds the same schema as the real package for %s, without federation’s own definitions',
    (name, file) => {
      // Prepare: graphql as each side loads it (@apollo/subgraph requires the CommonJS build)
      const sdl = readFileSync(join(PROJECT_ROOT, 'schema', file), 'utf8');
      const cjsGraphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');
      const real = buildSubgraphSchema({ typeDefs: cjsGraphql.parse(sdl) });
      const realConfig = real.toConfig();
      const realWithoutFederationDefinitions = new cjsGraphql.GraphQLSchema({
        ...realConfig,
        directives: [...cjsGraphql.specifiedDirectives],
        types: realConfig.types.filter((type) => !/^(link|federation)__/.test(type.name)),
      });
      const expected = cjsGraphql.printSchema(
        cjsGraphql.lexicographicSortSchema(realWithoutFederationDefinitions),
      );

      // Act
      const lean = buildSubgraph(name, '', parse(sdl));
      const leanSchema = lean.schema.toGraphQLJSSchema();

      // Assess
      const leanConfig = leanSchema.toConfig();
      const printed = printSchema(
        lexicographicSortSchema(
          new GraphQLSchema({ ...leanConfig, directives: [...specifiedDirectives] }),
        ),
      );
      expect(printed).toBe(expected);
      expect(lean.metadata().entityType()).toEqual({ name: '_Entity' });
    },
  );

  it('refuses at start-up a federation feature it does not build', () => {
    // Prepare
    const sdl = [
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])',
      'type Query { a: Int }',
      'type Youth @key(fields: "id") { id: ID! age: Int @external label: String @requires(fields: "age") }',
    ].join('\n');
    // Act
    const building = () => buildSubgraph('test', '', parse(sdl));
    // Assess
    expect(building).toThrow(/@external is not handled/);
  });
});

describe('the bundled gateway', () => {
  it('starts under Lambda’s Node flags and answers a query through a subgraph, loading only the runtime’s SDK', async () => {
    // Prepare: a stand-in people subgraph on loopback, keys and a token of the local issuer
    const seen: Array<Record<string, string | string[] | undefined>> = [];
    const subgraph = createServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ data: { municipalities: [{ code: '101', name: 'København' }] } }),
        );
      });
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
    const keys = await loadOrCreateLocalKeys(mkdtempSync(join(tmpdir(), 'nextwork-smoke-')));
    const token = await mintDevToken(keys, {
      role: 'NETWORK_CONSULTANT',
      municipalityCode: '101',
      staffId: 'staff-1',
    });
    const event = {
      version: '2.0',
      routeKey: 'POST /graphql',
      rawPath: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      requestContext: { http: { method: 'POST', path: '/graphql', sourceIp: '127.0.0.1' } },
      body: JSON.stringify({ query: '{ municipalities { code name } }' }),
      isBase64Encoded: false,
    };
    const env = {
      PATH: process.env.PATH,
      STAGE: 'dev',
      LOG_LEVEL: 'ERROR',
      APOLLO_TELEMETRY_DISABLED: 'true',
      AUTH_ISSUER: DEV_ISSUER,
      AUTH_AUDIENCE: DEV_AUDIENCE,
      AUTH_JWKS_URI: `${DEV_ISSUER}/.well-known/jwks.json`,
      AUTH_JWKS: JSON.stringify(keys.issuerJwks),
      GATEWAY_SIGNING_KEY: JSON.stringify(keys.gatewayPrivateKey),
      ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [subgraphUrlVariable(name), url])),
      SMOKE_EVENT: JSON.stringify(event),
    };

    // Act
    const invocation = await invokeBundle('gateway', env).finally(() => subgraph.close());

    // Assess
    expect(JSON.parse(invocation.result.body)).toEqual({
      data: { municipalities: [{ code: '101', name: 'København' }] },
    });
    expect(seen[0]?.['x-nextwork-identity']).toEqual(expect.any(String));
    expect(loadedBeyondRuntime(invocation, 'gateway')).toEqual([]);
    expect(
      invocation.loaded.filter(({ specifier }) =>
        neverLoadedModulesOf(GATEWAY_ENTRY).includes(specifier),
      ),
    ).toEqual([]);
  });
});

describe('the bundled subgraphs', () => {
  it.each(SUBGRAPHS.map(({ name }) => [name, `subgraphs/${name}/handler.ts`] as const))(
    'answer a verified request with entities exactly as the source does, loading only the runtime’s SDK (%s)',
    async (name, entry) => {
      // Prepare: an empty table on DynamoDB Local, assertions signed as the gateway would
      const table = await createTestTable();
      const keys = await loadOrCreateLocalKeys(mkdtempSync(join(tmpdir(), 'nextwork-smoke-')));
      const sign = createAssertionSigner(keys.gatewayPrivateKey);
      const entities =
        '_entities(representations: [{ __typename: "Municipality", code: "101" }]) { __typename }';
      const query =
        name === 'people'
          ? `{ municipalities { code } ${entities} }`
          : `{ __typename ${entities} }`;
      const envWithEvent = async () => ({
        PATH: process.env.PATH,
        STAGE: 'dev',
        LOG_LEVEL: 'ERROR',
        TABLE_NAME: table.name,
        DYNAMODB_ENDPOINT: await dynamoEndpointOfThisFile(),
        GATEWAY_PUBLIC_KEY: JSON.stringify(keys.gatewayPublicKey),
        CURSOR_SECRET: keys.cursorSecret,
        SMOKE_EVENT: JSON.stringify({
          version: '2.0',
          routeKey: '$default',
          rawPath: '/graphql',
          rawQueryString: '',
          headers: {
            'content-type': 'application/json',
            [IDENTITY_HEADER]: await sign(staffIdentity('101'), name),
          },
          requestContext: { http: { method: 'POST', path: '/graphql', sourceIp: '127.0.0.1' } },
          body: JSON.stringify({ query }),
          isBase64Encoded: false,
        }),
      });

      // Act
      const bundled = await invokeBundle(name, await envWithEvent());
      const source = await invokeSource(entry, await envWithEvent());

      // Assess
      expect(bundled.result.statusCode).toBe(200);
      const body = JSON.parse(bundled.result.body) as { data?: { _entities?: unknown[] } };
      expect(body.data?._entities).toHaveLength(1);
      expect(body).toEqual(JSON.parse(source.result.body));
      expect(loadedBeyondRuntime(bundled, name)).toEqual([]);
      expect(
        bundled.loaded.filter(({ specifier }) => neverLoadedModulesOf(entry).includes(specifier)),
      ).toEqual([]);
    },
    60_000,
  );
});
