import { describe, expect, it } from 'vitest';
import {
  BUNDLE_BUDGETS,
  bundleBudgetOf,
  INTERNAL_BUNDLES,
  neverLoadedModulesOf,
} from '#infra/config/bundling';
import { bundleLambda, LAMBDA_ENTRIES } from '../bench/cold-start/lambda-bundle.ts';

describe('Lambda bundles (esbuild, the deployed configuration)', () => {
  it.each(LAMBDA_ENTRIES.map((lambda) => [lambda.name, lambda] as const))(
    'bundles %s within its size budget, importing nothing at run time (the runtime SDK is required)',
    async (name, lambda) => {
      // Act
      const bundle = await bundleLambda(lambda);
      // Assess
      expect(bundle.bytes, JSON.stringify(bundle.largest)).toBeLessThanOrEqual(
        bundleBudgetOf(name),
      );
      // The SDK comes through `runtimeSdk` (`require`): an `import` of it would cost the cold
      // start the CommonJS-to-ESM translation.
      expect(
        bundle.externalImports.filter((path) => !neverLoadedModulesOf(lambda.entry).includes(path)),
      ).toEqual([]);
    },
  );

  it.each(INTERNAL_BUNDLES.map((lambda) => [lambda.name, lambda] as const))(
    'bundles the %s function within the internal budget, importing nothing at run time',
    async (name, lambda) => {
      // Act
      const bundle = await bundleLambda(lambda);
      // Assess
      expect(bundle.bytes, `${name}: ${JSON.stringify(bundle.largest)}`).toBeLessThanOrEqual(
        BUNDLE_BUDGETS.internal,
      );
      expect(
        bundle.externalImports.filter((path) => !neverLoadedModulesOf(lambda.entry).includes(path)),
      ).toEqual([]);
    },
  );
});
