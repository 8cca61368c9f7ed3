import { createRequire } from 'node:module';

/** The packages of the AWS SDK the functions use, as their types. */
interface RuntimeSdk {
  '@aws-sdk/client-dynamodb': typeof import('@aws-sdk/client-dynamodb');
  '@aws-sdk/util-dynamodb': typeof import('@aws-sdk/util-dynamodb');
  '@aws-sdk/client-secrets-manager': typeof import('@aws-sdk/client-secrets-manager');
  '@aws-sdk/client-sfn': typeof import('@aws-sdk/client-sfn');
  '@aws-sdk/client-kms': typeof import('@aws-sdk/client-kms');
  '@aws-sdk/client-lambda': typeof import('@aws-sdk/client-lambda');
  '@aws-sdk/client-s3': typeof import('@aws-sdk/client-s3');
  '@aws-sdk/client-cognito-identity-provider': typeof import('@aws-sdk/client-cognito-identity-provider');
  '@aws-sdk/credential-provider-env': typeof import('@aws-sdk/credential-provider-env');
  '@smithy/signature-v4': typeof import('@smithy/signature-v4');
}

const requireFromHere = createRequire(import.meta.url);

/**
 * A package of the AWS SDK, loaded with `require` rather than `import`. The SDK is CommonJS,
 * and in Lambda it is the runtime's (`RUNTIME_PROVIDED_PACKAGES`, left out of the bundles). An
 * ES module `import` of a CommonJS package goes through Node's translation, which first parses
 * the package's files (and every file they re-export) for their export names; `require` runs
 * them without that. Measured on the people bundle (15 interleaved cold starts): loaded 7%
 * sooner, with 10% less CPU to the first answer. In a bundle, `import.meta.url` is the bundle's,
 * so the package is found as `require` finds it there (Lambda's `NODE_PATH` holds the runtime's
 * SDK).
 * Every function module takes the SDK from here; `tests/unit/bundle-size-budgets.test.ts`
 * checks that no bundle imports it.
 *
 * @param name - the package
 */
export function runtimeSdk<Name extends keyof RuntimeSdk>(name: Name): RuntimeSdk[Name] {
  return requireFromHere(name) as RuntimeSdk[Name];
}

/**
 * A value made the first time it is asked for, then kept: for an SDK client that only some
 * requests need (KMS, Lambda, S3), so that no cold start loads its package.
 *
 * @param make - makes the value
 */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
