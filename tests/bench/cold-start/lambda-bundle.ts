import { type BuildOptions, build } from 'esbuild';

/** A Lambda handler that is bundled and deployed on its own. */
export interface LambdaEntry {
  /** The function's name: the subgraph's, or `gateway`. */
  name: 'gateway' | 'people' | 'companies' | 'placements' | 'learning-community';
  /** The handler module, relative to the repository root. */
  entry: string;
}

/** Every Lambda of the system, as CDK deploys them. */
export const LAMBDA_ENTRIES: readonly LambdaEntry[] = [
  { name: 'gateway', entry: 'gateway/handler.ts' },
  { name: 'people', entry: 'subgraphs/people/handler.ts' },
  { name: 'companies', entry: 'subgraphs/companies/handler.ts' },
  { name: 'placements', entry: 'subgraphs/placements/handler.ts' },
  { name: 'learning-community', entry: 'subgraphs/learning-community/handler.ts' },
];

/**
 * Lets CommonJS packages inside the ESM bundle call `require` (some of Apollo's and the AWS
 * SDK's dependencies do); the same banner CDK's `NodejsFunction` documents for ESM output.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __nextworkCreateRequire } from 'node:module'; const require = __nextworkCreateRequire(import.meta.url);";

/**
 * The esbuild options of a Lambda bundle, in one place so that the benchmark, the bundle-size
 * test and the CDK bundling agree: one minified ESM file for Node 22, everything bundled (the
 * AWS SDK included, DESIGN §7), ESM entry points of packages preferred so that tree shaking
 * works, and `require` provided for the CommonJS packages inside.
 *
 * CDK `NodejsFunction` equivalent: `bundling: { format: OutputFormat.ESM, minify: true,
 * target: 'node22', mainFields: ['module', 'main'], externalModules: [],
 * banner: ESM_REQUIRE_BANNER }` (legal comments and source maps aside).
 */
export function lambdaBundleOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    external: [],
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/** A bundle that was built, and its size. */
export interface BuiltBundle {
  name: LambdaEntry['name'];
  /** Where it was written; absent when built in memory. */
  outfile?: string;
  bytes: number;
  /** What the bundle still imports at run time; only Node's own modules when all is bundled. */
  externalImports: string[];
}

/**
 * Bundles one handler with `lambdaBundleOptions`.
 *
 * @param lambda - the handler
 * @param outfile - where to write the bundle (`.mjs`); in memory when absent
 */
export async function bundleLambda(lambda: LambdaEntry, outfile?: string): Promise<BuiltBundle> {
  const result = await build({
    ...lambdaBundleOptions(),
    entryPoints: [lambda.entry],
    ...(outfile ? { outfile, write: true } : { outdir: 'out', write: false }),
    metafile: true,
  });
  const outputs = Object.values(result.metafile.outputs);
  const bytes = outputs.reduce((sum, o) => sum + o.bytes, 0);
  const externalImports = [
    ...new Set(outputs.flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path))),
  ];
  return { name: lambda.name, ...(outfile ? { outfile } : {}), bytes, externalImports };
}
