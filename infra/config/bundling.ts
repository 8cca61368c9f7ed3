import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BundlingOptions,
  LogLevel,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { SUBGRAPHS } from '#schema/subgraphs';

/** The repository's root, where package.json and the lockfile are. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const STUBS = join(PROJECT_ROOT, 'infra', 'constructs', 'bundling-stubs');
const NODE_MODULES = join(PROJECT_ROOT, 'node_modules');

// The one bundling configuration of every Lambda function. `NextworkFunction` hands it to CDK's
// `NodejsFunction` (`cdkBundlingOptions`); the cold-start benchmark and the bundle tests build
// with esbuild's API from the same description (`esbuildOptions`); `tests/infra/bundles.test.ts`
// checks that both produce the same bytes, so the bundle measured is the bundle deployed.

/** The Lambda handler of the gateway: the only function that plans queries. */
export const GATEWAY_ENTRY = 'gateway/handler.ts';

/** A function the API deploys: its name and its handler module. */
export interface LambdaBundle {
  /** The function's name: the subgraph's, or `gateway`. */
  name: 'gateway' | 'people' | 'companies' | 'placements' | 'learning-community';
  /** The handler module, relative to the repository root. */
  entry: string;
}

/** The functions of the API stack, as the bench and the bundle tests measure them. */
export const LAMBDA_BUNDLES: readonly LambdaBundle[] = [
  { name: 'gateway', entry: GATEWAY_ENTRY },
  { name: 'people', entry: 'subgraphs/people/handler.ts' },
  { name: 'companies', entry: 'subgraphs/companies/handler.ts' },
  { name: 'placements', entry: 'subgraphs/placements/handler.ts' },
  { name: 'learning-community', entry: 'subgraphs/learning-community/handler.ts' },
];

/** The data-subject function of a subgraph (erasure and export, invoked by people only). */
export function dataSubjectEntry(subgraph: string): string {
  return `subgraphs/${subgraph}/data-subject/handler.ts`;
}

/** The function that runs the placement lifecycle's tasks for Step Functions. */
export const LIFECYCLE_TASK_ENTRY = 'subgraphs/placements/workflow/handler.ts';

/** The function that restarts lifecycles whose execution stopped, on a schedule. */
export const LIFECYCLE_RECONCILER_ENTRY = 'subgraphs/placements/reconciler/handler.ts';

/** The function that applies the data migrations on deploy (`infra/constructs/data-migrations.ts`). */
export const DATA_MIGRATIONS_ENTRY = 'infra/migrations/handler.ts';

/** A function that answers no client: a name for reports, and its handler module. */
export interface InternalBundle {
  name: string;
  entry: string;
}

/**
 * The functions that serve no API request, so have no cold-start target of their own: each
 * subgraph's data-subject function, the lifecycle's task function and its reconciler, the data
 * migrations. Their bundles are held to `BUNDLE_BUDGETS.internal` by `tests/unit/bundle-size-budgets.test.ts`.
 */
export const INTERNAL_BUNDLES: readonly InternalBundle[] = [
  ...SUBGRAPHS.map(({ name }) => ({
    name: `${name} data-subject`,
    entry: dataSubjectEntry(name),
  })),
  { name: 'placement lifecycle tasks', entry: LIFECYCLE_TASK_ENTRY },
  { name: 'placement lifecycle reconciler', entry: LIFECYCLE_RECONCILER_ENTRY },
  { name: 'data migrations', entry: DATA_MIGRATIONS_ENTRY },
];

/**
 * Packages left out of every bundle because the Lambda Node.js 22 runtime provides them: the
 * AWS SDK for JavaScript v3 and its Smithy core (CDK's own default for Node 18+ runtimes). The
 * functions load it with `require` (`runtimeSdk`, `subgraphs/kernel/runtime-sdk.ts`), not
 * `import`, which would make Node translate its CommonJS files for ES modules first; these
 * patterns only keep a stray import of it out of a bundle. Bundled, the SDK clients the
 * functions use (DynamoDB, Secrets Manager, Step Functions, Lambda, KMS) with their credential
 * chain and Smithy core add 350–460 KB to each bundle: no subgraph would stay under 600 KB, nor
 * the gateway under 1.5 MB.
 *
 * The price, measured with the cold-start bench's harness (before `runtimeSdk`): loading the
 * SDK's CommonJS files from node_modules costs more CPU than its tree-shaken copy inside the
 * bundle (bundled: 7% less for the gateway, 14–23% less for a subgraph). On Lambda the
 * runtime's SDK is loaded the same way, so expect the same direction there. Bundling it
 * deliberately is the other choice: drop these patterns (and stand in for the credential
 * providers Lambda never uses) and raise the budgets.
 *
 * The version risk: the runtime's SDK version is AWS's, not our lockfile's; it lags the newest
 * release by weeks and changes when AWS updates the runtime. It is contained by (1) using only
 * long-stable APIs (DynamoDB item commands, `BatchGetItem`, `TransactWriteItems`,
 * `GetSecretValue`, `StartExecution`, `SignatureV4`) that every SDK 3.x in a Node 22 runtime
 * carries; (2) the bundle tests, which load each bundle with only `@aws-sdk` and `@smithy`
 * beside it and fail if it loads anything else from node_modules; (3) this one list: a feature
 * that needs a newer SDK than the runtime's takes its package out of it, and that package is
 * then bundled deliberately (its size counting against the budget).
 */
export const RUNTIME_PROVIDED_PACKAGES: readonly string[] = ['@aws-sdk/*', '@smithy/*'];

/**
 * Stand-ins for packages that every function's dependencies load but this deployment never
 * runs, or runs better with Node's own code; each file in `infra/constructs/bundling-stubs/`
 * says what it replaces and why it is safe. Only the bundles use them: the local stack and the
 * tests run the real packages.
 */
const COMMON_STAND_INS: Record<string, string> = {
  // Apollo Server's and the gateway's hashing: in a bundle their `module.require('crypto')`
  // probe fails and they fall back to the pure-JS `sha.js` (with ~30 KB of polyfills).
  '@apollo/utils.createhash': join(STUBS, 'create-hash.ts'),
  // Apollo Server builds a schema from `typeDefs` with it; we always pass a built schema.
  '@graphql-tools/schema': join(STUBS, 'graphql-tools-schema.ts'),
  // Apollo Studio usage and schema reporting and subscription callbacks: need APOLLO_KEY or
  // subscriptions, neither of which this deployment has.
  '@apollo/utils.usagereporting': join(STUBS, 'usage-reporting.ts'),
  '@apollo/usage-reporting-protobuf': join(STUBS, 'usage-reporting-protobuf.ts'),
  'async-retry': join(STUBS, 'async-retry.ts'),
  // Apollo's document, query-plan and cache-control caches (lru-cache 7 and 11, required and
  // imported): the same LRU in ~2 KB instead of ~19 KB.
  'lru-cache': join(STUBS, 'lru-cache.ts'),
  // The gateway's HTTP client for Uplink and its default data source; ours passes a fetcher.
  'make-fetch-happen': join(STUBS, 'make-fetch-happen.ts'),
  'node-fetch': join(STUBS, 'node-fetch.ts'),
  // Colours for @apollo/federation-internals' debug output (off unless APOLLO_FEDERATION_DEBUG).
  chalk: join(STUBS, 'chalk.ts'),
  // Composition (the supergraph is static), query-plan rendering (`debug` is off) and the
  // gateway's hourly usage telemetry (off by APOLLO_TELEMETRY_DISABLED).
  '@apollo/composition': join(STUBS, 'unused-module.ts'),
  'ts-graphviz': join(STUBS, 'unused-module.ts'),
  'pretty-format': join(STUBS, 'unused-module.ts'),
  '@opentelemetry/semantic-conventions/incubating': join(STUBS, 'unused-module.ts'),
  '@opentelemetry/sdk-metrics': join(STUBS, 'unused-module.ts'),
  '@opentelemetry/resources': join(STUBS, 'unused-module.ts'),
  '@opentelemetry/exporter-metrics-otlp-http': join(STUBS, 'unused-module.ts'),
  '@opentelemetry/resource-detector-aws': join(STUBS, 'unused-module.ts'),
  '@opentelemetry/resource-detector-gcp': join(STUBS, 'unused-module.ts'),
  '@opentelemetry/resource-detector-azure': join(STUBS, 'unused-module.ts'),
  '@opentelemetry/resource-detector-alibaba-cloud': join(STUBS, 'unused-module.ts'),
  // One copy of Apollo Server: `@as-integrations/aws-lambda` requires its CommonJS build while
  // our code imports the ES module build; both would be bundled.
  '@apollo/server': join(NODE_MODULES, '@apollo', 'server', 'dist', 'esm'),
  // One key-value cache: Apollo Server 5 uses keyvaluecache 4 and the gateway's query planner
  // keyvaluecache 2 (with lru-cache 7). All use keyvaluecache 4 (same API: `get`, `set` with
  // `ttl`, `delete`; only its types are stricter), on the lru-cache stand-in above.
  '@apollo/utils.keyvaluecache': join(
    NODE_MODULES,
    '@apollo',
    'server',
    'node_modules',
    '@apollo',
    'utils.keyvaluecache',
  ),
};

/**
 * Modules of Apollo Server that it imports dynamically only for Apollo Studio's usage and schema
 * reporting, which need an `APOLLO_KEY` that no function has: left out of the bundles as
 * externals, so that reaching one would fail loudly at start-up (the module is not deployed)
 * rather than run. The bundle tests check that none is loaded.
 */
export const NEVER_LOADED_MODULES: readonly string[] = [
  './plugin/usageReporting/index.js',
  './plugin/schemaReporting/index.js',
];

/**
 * Modules of Apollo Server that a subgraph's server turns off by installing their `…Disabled`
 * plugin (`kernel/subgraph-server.ts`), so Apollo Server never imports them: the landing page
 * (only the gateway talks to a subgraph), inline traces (no Apollo Studio) and cache-control
 * hints (the schema declares none, and the gateway does not read them). Left out of the
 * subgraphs' bundles (~14 KB) as externals, so that reaching one fails loudly at start-up. The
 * gateway keeps them: it serves the landing page in development.
 */
export const SUBGRAPH_NEVER_LOADED_MODULES: readonly string[] = [
  './plugin/landingPage/default/index.js',
  './plugin/inlineTrace/index.js',
  './plugin/cacheControl/index.js',
];

/**
 * The modules one function's bundle leaves out as never loaded.
 *
 * @param entry - the handler module, relative to the repository root
 */
export function neverLoadedModulesOf(entry: string): readonly string[] {
  return isGatewayEntry(entry)
    ? NEVER_LOADED_MODULES
    : [...NEVER_LOADED_MODULES, ...SUBGRAPH_NEVER_LOADED_MODULES];
}

/**
 * What only the functions that serve a subgraph get: `@apollo/subgraph` calls
 * `@apollo/federation-internals` (~340 KB, CommonJS, not tree-shakable) for nothing but turning
 * the SDL into a schema with `_entities` and `_service`; the stand-in does that with graphql-js.
 * The gateway keeps the real package: its query planner is built on it.
 */
const SUBGRAPH_STAND_INS: Record<string, string> = {
  '@apollo/federation-internals': join(STUBS, 'federation-internals.ts'),
};

/**
 * Lets the CommonJS packages inside the ES module bundle call `require` (Apollo's do), as CDK
 * documents for ESM output.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * `.mjs` is resolved before `.js` so that deep imports such as `graphql/execution/values` (from
 * `@apollo/gateway`) reach the same ES build of graphql as `import 'graphql'` does: otherwise
 * two copies of graphql are bundled, and graphql refuses objects of the other copy.
 */
const RESOLVE_EXTENSIONS = ['.mjs', '.ts', '.js', '.json'];

/**
 * Where a package ships both, its ES module build (`module`) rather than CommonJS (`main`):
 * only ES modules are tree-shaken.
 */
const MAIN_FIELDS = ['module', 'main'];

/**
 * The stand-ins of one function's bundle.
 *
 * @param entry - the handler module, relative to the repository root
 */
export function standInsOf(entry: string): Record<string, string> {
  return isGatewayEntry(entry) ? COMMON_STAND_INS : { ...COMMON_STAND_INS, ...SUBGRAPH_STAND_INS };
}

function isGatewayEntry(entry: string): boolean {
  return relative(PROJECT_ROOT, resolve(PROJECT_ROOT, entry)) === GATEWAY_ENTRY;
}

/**
 * The esbuild options of one function's bundle, for esbuild's API: an ES module (the code uses
 * `import.meta.url`) for Node 22, minified, with external source maps without sources (for
 * decoding a stack trace, not loaded at run time: see `RUNTIME_ENVIRONMENT`), licence comments
 * in `index.mjs.LEGAL.txt` next to the bundle rather than in the parsed code, the AWS SDK from
 * the runtime and the stand-ins. `cdkBundlingOptions` says the same to `NodejsFunction`.
 *
 * @param entry - the handler module, relative to the repository root
 * @param outfile - where the bundle goes; its name should be `index.mjs`, as CDK's is
 */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [join(PROJECT_ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'external',
    mainFields: MAIN_FIELDS,
    resolveExtensions: RESOLVE_EXTENSIONS,
    external: [...RUNTIME_PROVIDED_PACKAGES, ...neverLoadedModulesOf(entry)],
    alias: standInsOf(entry),
    banner: { js: ESM_REQUIRE_BANNER },
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * The same bundle as `esbuildOptions`, said to CDK's `NodejsFunction` (which runs the esbuild
 * CLI of the devDependency on this machine, no Docker). Writes `index.mjs`, its source map,
 * `index.mjs.LEGAL.txt` and `index.meta.json` (esbuild's metafile, read by the bundle tests).
 *
 * @param entry - the handler module, relative to the repository root
 */
export function cdkBundlingOptions(entry: string): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: 'node22',
    mainFields: MAIN_FIELDS,
    minify: true,
    sourceMap: true,
    sourceMapMode: SourceMapMode.EXTERNAL,
    sourcesContent: false,
    metafile: true,
    logLevel: LogLevel.WARNING,
    forceDockerBundling: false,
    externalModules: [...RUNTIME_PROVIDED_PACKAGES, ...neverLoadedModulesOf(entry)],
    banner: ESM_REQUIRE_BANNER,
    esbuildArgs: {
      '--alias': Object.entries(standInsOf(entry)).map(([name, path]) => `${name}=${path}`),
      '--resolve-extensions': RESOLVE_EXTENSIONS.join(','),
      '--legal-comments': 'external',
    },
  };
}

/**
 * Whether Node applies the source maps to stack traces at run time (`--enable-source-maps`).
 * Off: Node then reads and parses each bundle's map (1.5–2 MB) as the bundle loads — measured
 * here at 1–4% more CPU per cold start, within this machine's noise but never less — for stack
 * traces that the subgraphs mask and log by error name only. The maps are still built and
 * deployed beside each bundle (`index.mjs.map`), so a stack trace from the logs can be decoded
 * against them; turn this on for a stage being debugged.
 */
export const SOURCE_MAPS_AT_RUNTIME = false;

/**
 * The environment that decides how a bundle loads, set on every function and by the cold-start
 * bench on its processes alike.
 */
export const RUNTIME_ENVIRONMENT: Readonly<Record<string, string>> = SOURCE_MAPS_AT_RUNTIME
  ? { NODE_OPTIONS: '--enable-source-maps' }
  : {};

/**
 * Size budgets of the minified bundles in bytes (1 MB = 1,000,000 B), the targets of issues 9
 * and 10; checked by `tests/unit/bundle-size-budgets.test.ts` and `tests/infra/bundles.test.ts`.
 */
export const BUNDLE_BUDGETS = {
  gateway: 1_500_000,
  subgraph: 600_000,
  /**
   * Not an issue's target: set at what the internal functions took (98–141 kB), with room, and
   * raised from 200 kB when the data migrations function passed it (200.6 kB with migrations
   * 0001–0015: it carries every subgraph's entities and grows with each migration, and runs once
   * per deployment, where a cold start costs nobody a wait).
   */
  internal: 250_000,
} as const;

/**
 * The budget of one function's bundle.
 *
 * @param name - the function's name
 */
export function bundleBudgetOf(name: LambdaBundle['name']): number {
  return name === 'gateway' ? BUNDLE_BUDGETS.gateway : BUNDLE_BUDGETS.subgraph;
}
