import { describe, expect, it } from 'vitest';
import {
  bundleBudgetOf,
  NEVER_LOADED_MODULES,
  RUNTIME_PROVIDED_PACKAGES,
} from '#infra/config/bundling';
import { bundleLambda, LAMBDA_ENTRIES } from '../bench/cold-start/lambda-bundle.ts';

/** Whether an import is left to the Lambda runtime (`@aws-sdk/*`, `@smithy/*`). */
function runtimeProvided(path: string): boolean {
  return RUNTIME_PROVIDED_PACKAGES.some((pattern) => path.startsWith(pattern.replace('*', '')));
}

describe('Lambda bundles (esbuild, the deployed configuration)', () => {
  it.each(LAMBDA_ENTRIES.map((lambda) => [lambda.name, lambda] as const))(
    'bundles %s within its size budget, importing nothing at run time but the runtime SDK',
    async (name, lambda) => {
      // Act
      const bundle = await bundleLambda(lambda);
      // Assess
      expect(bundle.bytes, JSON.stringify(bundle.largest)).toBeLessThanOrEqual(
        bundleBudgetOf(name),
      );
      expect(
        bundle.externalImports.filter(
          (path) => !runtimeProvided(path) && !NEVER_LOADED_MODULES.includes(path),
        ),
      ).toEqual([]);
    },
  );
});
