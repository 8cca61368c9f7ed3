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
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraphUrlVariable } from '#gateway/config';
import { BUNDLE_BUDGETS, PROJECT_ROOT } from '#infra/config/bundling';
import type { NextworkFunction } from '#infra/constructs/nextwork-function';
import { DEV_AUDIENCE, DEV_ISSUER, mintDevToken } from '#infra/local/dev-issuer';
import { loadOrCreateLocalKeys } from '#infra/local/local-keys';
import { createAssertionSigner, IDENTITY_HEADER } from '#kernel/identity-assertion';
import { SUBGRAPHS } from '#schema/subgraphs';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';
import { type SynthesisedStage, synthesiseStage } from './synth.ts';

const run = promisify(execFile);

interface BundleMeasure {
  bytes: number;
  /** The largest contributing packages, from esbuild's metafile. */
  largest: Array<[string, number]>;
  source: string;
}

let stage: SynthesisedStage;
const measures: Record<string, BundleMeasure> = {};

function measure(fn: NextworkFunction): BundleMeasure {
  const code = Stack.of(fn).resolve((fn.function.node.defaultChild as CfnFunction).code) as {
    s3Key: string;
  };
  const folder = join(stage.outdir, `asset.${code.s3Key.replace(/\.zip$/, '')}`);
  const bundle = join(folder, 'index.mjs');
  const meta = JSON.parse(readFileSync(join(folder, 'index.meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const byPackage = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/')[0];
      byPackage.set(name ?? input, (byPackage.get(name ?? input) ?? 0) + bytesInOutput);
    }
  }
  const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return { bytes: statSync(bundle).size, largest, source: folder };
}

/**
 * A script that imports a bundle (`SMOKE_BUNDLE`) in a fresh Node process, as Lambda would,
 * invokes its handler with `SMOKE_EVENT` and prints the result.
 */
function invokeScript(): string {
  const script = join(mkdtempSync(join(tmpdir(), 'nextwork-smoke-')), 'invoke.mjs');
  writeFileSync(
    script,
    [
      'const { handler } = await import(process.env.SMOKE_BUNDLE);',
      'const context = { awsRequestId: "smoke", getRemainingTimeInMillis: () => 10000 };',
      'const result = await handler(JSON.parse(process.env.SMOKE_EVENT), context, () => {});',
      'process.stdout.write(JSON.stringify(result));',
    ].join('\n'),
  );
  return script;
}

beforeAll(() => {
  // One real synth: every function bundled by esbuild on this machine, as `cdk synth` does.
  stage = synthesiseStage('dev', { bundle: true });
  // Lambda's Node 22 runtime provides the AWS SDK v3 clients the bundles leave out; outside
  // Lambda the project's own node_modules stands in for it.
  symlinkSync(resolve('node_modules'), join(stage.outdir, 'node_modules'), 'dir');
  const { api } = stage.stacks;
  measures.gateway = measure(api.gateway);
  for (const { name } of SUBGRAPHS) measures[name] = measure(api.subgraphs[name]);
  const report = Object.fromEntries(
    Object.entries(measures).map(([name, { bytes, largest }]) => [name, { bytes, largest }]),
  );
  const folder = join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'bundle-sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.info(
    Object.entries(measures)
      .map(([name, { bytes }]) => `${name.padEnd(20)} ${(bytes / 1024).toFixed(0).padStart(6)} KB`)
      .join('\n'),
  );
});

describe('bundle sizes (minified ES modules, AWS SDK clients from the runtime)', () => {
  it('keeps the gateway within its budget', () => {
    // Prepare
    const gateway = measures.gateway;
    // Act
    const bytes = gateway?.bytes ?? Number.POSITIVE_INFINITY;
    // Assess
    expect(bytes, JSON.stringify(gateway?.largest)).toBeLessThanOrEqual(BUNDLE_BUDGETS.gateway);
  });

  it.each(SUBGRAPHS.map(({ name }) => name))('keeps the %s subgraph within its budget', (name) => {
    // Prepare
    const subgraph = measures[name];
    // Act
    const bytes = subgraph?.bytes ?? Number.POSITIVE_INFINITY;
    // Assess
    expect(bytes, JSON.stringify(subgraph?.largest)).toBeLessThanOrEqual(BUNDLE_BUDGETS.subgraph);
  });

  it('bundles one copy of graphql and of Apollo Server, and none of the stubbed packages', () => {
    // Prepare
    const gateway = readFileSync(join(measures.gateway?.source ?? '', 'index.meta.json'), 'utf8');
    // Act
    const inputs = Object.keys((JSON.parse(gateway) as { inputs: Record<string, unknown> }).inputs);
    // Assess
    expect(inputs.filter((input) => /node_modules\/graphql\/.*\.js$/.test(input))).toEqual([]);
    expect(inputs.filter((input) => input.includes('@apollo/server/dist/cjs'))).toEqual([]);
    expect(
      inputs.filter((input) =>
        /node_modules\/(make-fetch-happen|node-fetch|@opentelemetry\/sdk-metrics|@apollo\/usage-reporting-protobuf)\//.test(
          input,
        ),
      ),
    ).toEqual([]);
  });
});

describe('the bundled gateway', () => {
  it('starts with the stand-ins and answers a query through a subgraph', async () => {
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
      SMOKE_BUNDLE: pathToFileURL(join(measures.gateway?.source ?? '', 'index.mjs')).href,
      SMOKE_EVENT: JSON.stringify(event),
    };

    // Act
    const { stdout } = await run(process.execPath, [invokeScript()], { env }).finally(() =>
      subgraph.close(),
    );

    // Assess
    const response = JSON.parse(stdout) as { statusCode: number; body: string };
    expect(JSON.parse(response.body)).toEqual({
      data: { municipalities: [{ code: '101', name: 'København' }] },
    });
    expect(seen[0]?.['x-nextwork-identity']).toEqual(expect.any(String));
  });
});

describe('the bundled subgraphs', () => {
  it.each(SUBGRAPHS.map(({ name }) => name))(
    'start with the stand-ins and answer a verified request (%s)',
    async (name) => {
      // Prepare: an empty table on DynamoDB Local and an assertion signed as the gateway would
      const table = await createTestTable();
      const keys = await loadOrCreateLocalKeys(mkdtempSync(join(tmpdir(), 'nextwork-smoke-')));
      const sign = createAssertionSigner(keys.gatewayPrivateKey);
      const query = name === 'people' ? '{ municipalities { code } }' : '{ __typename }';
      const event = {
        version: '2.0',
        routeKey: '$default',
        rawPath: '/graphql',
        rawQueryString: '',
        headers: {
          'content-type': 'application/json',
          [IDENTITY_HEADER]: await sign(staffIdentity('101'), name, 'smoke-test'),
        },
        requestContext: { http: { method: 'POST', path: '/graphql', sourceIp: '127.0.0.1' } },
        body: JSON.stringify({ query }),
        isBase64Encoded: false,
      };
      const env = {
        PATH: process.env.PATH,
        STAGE: 'dev',
        LOG_LEVEL: 'ERROR',
        TABLE_NAME: table.name,
        DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
        GATEWAY_PUBLIC_KEY: JSON.stringify(keys.gatewayPublicKey),
        CURSOR_SECRET: keys.cursorSecret,
        SMOKE_BUNDLE: pathToFileURL(join(measures[name]?.source ?? '', 'index.mjs')).href,
        SMOKE_EVENT: JSON.stringify(event),
      };

      // Act
      const { stdout } = await run(process.execPath, [invokeScript()], { env });

      // Assess
      const response = JSON.parse(stdout) as { statusCode: number; body: string };
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body)).toEqual({
        data: name === 'people' ? { municipalities: [] } : { __typename: 'Query' },
      });
    },
  );
});
