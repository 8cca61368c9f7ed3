import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BUNDLE_SIZE_BUDGETS } from '../bench/budgets.ts';
import { bundleLambda, LAMBDA_ENTRIES } from '../bench/cold-start/lambda-bundle.ts';

const NODE_MODULES = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
/** Optional packages that a dependency requires inside try/catch and copes without. */
const OPTIONAL = new Set(['encoding']);

describe('Lambda bundles (esbuild, as deployed)', () => {
  it.each(LAMBDA_ENTRIES.map((lambda) => [lambda.name, lambda] as const))(
    'bundles %s within its size budget, with nothing left to load from node_modules',
    async (name, lambda) => {
      // Act
      const bundle = await bundleLambda(lambda);
      // Assess
      expect(bundle.bytes).toBeLessThanOrEqual(BUNDLE_SIZE_BUDGETS[name]);
      expect(
        bundle.externalImports.filter((path) => !NODE_MODULES.has(path) && !OPTIONAL.has(path)),
      ).toEqual([]);
    },
  );
});
