import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BundlingOptions, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The repository's root, where package.json and the lockfile are. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const STUBS = join(PROJECT_ROOT, 'infra', 'constructs', 'bundling-stubs');

/**
 * AWS SDK v3 clients that the Lambda Node.js 22 runtime provides (importable from ES modules
 * there): left out of the bundles. The small helpers (`@aws-sdk/util-dynamodb`,
 * `@aws-sdk/credential-provider-env`, `@smithy/signature-v4`) are bundled deliberately, because
 * the runtime does not promise every helper package at the top level of its `node_modules`.
 */
export const RUNTIME_PROVIDED_MODULES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/client-secrets-manager',
];

/**
 * Packages replaced in the bundles by small stand-ins (see
 * `infra/constructs/bundling-stubs/README.md`): each is loaded at start-up by `@apollo/gateway`
 * or `@apollo/server` but never used with a static supergraph, our own fetcher, Apollo's
 * telemetry off and traces disabled. Together they are about 2 MB of the gateway's bundle.
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  'make-fetch-happen': join(STUBS, 'make-fetch-happen.ts'),
  'node-fetch': join(STUBS, 'node-fetch.ts'),
  '@apollo/usage-reporting-protobuf': join(STUBS, 'usage-reporting-protobuf.ts'),
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
  '@apollo/server': join(PROJECT_ROOT, 'node_modules', '@apollo', 'server', 'dist', 'esm'),
};

/**
 * The esbuild settings of every function: an ES module (the code uses `import.meta.url`), with
 * a `require` for the CommonJS dependencies, `module` before `main` so packages shipping both
 * contribute their ES build, minified with source maps, bundled on this machine (no Docker).
 *
 * `.mjs` is resolved before `.js` so that deep imports such as `graphql/execution/values`
 * (from `@apollo/gateway`) reach the same ES build of graphql as `import 'graphql'` does:
 * otherwise two copies of graphql are bundled, and graphql refuses objects of the other copy.
 */
export function bundlingOptions(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    sourceMap: true,
    sourceMapMode: SourceMapMode.EXTERNAL,
    sourcesContent: false,
    metafile: true,
    forceDockerBundling: false,
    externalModules: RUNTIME_PROVIDED_MODULES,
    banner:
      "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    esbuildArgs: {
      '--alias': Object.entries(BUNDLE_ALIASES).map(([name, path]) => `${name}=${path}`),
      '--resolve-extensions': '.mjs,.ts,.js,.json',
    },
  };
}

/**
 * Size budgets of the minified bundles in bytes, checked by `tests/infra/bundles.test.ts`.
 * The gateway's is the 1.5 MB. A subgraph's is above the 600 KB, which is not
 * reachable with Apollo Server and `@apollo/subgraph`: graphql (~185 KB) and
 * `@apollo/federation-internals` (~340 KB, CommonJS, not tree-shakable) alone are ~525 KB,
 * Apollo Server another ~80 KB; see `infra/README.md`.
 */
export const BUNDLE_BUDGETS = {
  gateway: 1_500_000,
  subgraph: 1_200_000,
} as const;
