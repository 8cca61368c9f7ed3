import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions, LAMBDA_BUNDLES, type LambdaBundle } from '#infra/config/bundling';

/** A Lambda handler that is bundled and deployed on its own. */
export type LambdaEntry = LambdaBundle;

/** Every Lambda of the API, as CDK deploys them (`infra/config/bundling.ts`). */
export const LAMBDA_ENTRIES: readonly LambdaEntry[] = LAMBDA_BUNDLES;

/** A bundle that was built, and its size. */
export interface BuiltBundle {
  name: string;
  /** Where it was written; absent when built in a temporary folder and removed. */
  outfile?: string;
  /** The size of `index.mjs`, the minified bundle. */
  bytes: number;
  /** What the bundle imports at run time that is not Node's own (only the runtime's SDK). */
  externalImports: string[];
  /** The largest contributors, by package (or source folder), bytes in the bundle. */
  largest: Array<[string, number]>;
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * Bundles one handler exactly as CDK does (`esbuildOptions` of `infra/config/bundling.ts`).
 *
 * @param lambda - the handler
 * @param outfile - where to write the bundle (named `index.mjs`, as CDK names it); a temporary
 *   folder, removed afterwards, when absent
 */
export async function bundleLambda(
  lambda: { name: string; entry: string },
  outfile?: string,
): Promise<BuiltBundle> {
  const folder = outfile ? undefined : await mkdtemp(join(tmpdir(), 'nextwork-bundle-'));
  try {
    const target = outfile ?? join(folder as string, 'index.mjs');
    const result = await build(esbuildOptions(lambda.entry, target));
    const metafile = result.metafile as Metafile;
    const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
    if (!output) throw new Error(`esbuild wrote no bundle for ${lambda.entry}`);
    const externalImports = [
      ...new Set(output.imports.filter((i) => i.external).map((i) => i.path)),
    ].filter((path) => !NODE_BUILTINS.has(path));
    return {
      name: lambda.name,
      ...(outfile ? { outfile } : {}),
      bytes: output.bytes,
      externalImports,
      largest: largestContributors(metafile),
    };
  } finally {
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}

/**
 * What weighs most in a bundle, from esbuild's metafile: bytes in the output by package (or by
 * top-level source folder for our own code), largest first.
 *
 * @param metafile - esbuild's metafile of one bundle
 * @param count - how many to return
 */
export function largestContributors(metafile: Metafile, count = 12): Array<[string, number]> {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
        input.split('/').slice(0, 2).join('/');
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, count);
}
