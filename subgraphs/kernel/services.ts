import {
  type DataSubjectDispatcher,
  dataSubjectDispatcherFromEnvironment,
} from './data-subject.ts';
import { type ExportSink, exportSinkFromEnvironment } from './export-sink.ts';
import { type FieldCipher, fieldCipherFromEnvironment } from './field-cipher.ts';
import { onFirstUse } from './runtime-sdk.ts';
import { type SignInDirectory, signInDirectoryFromEnvironment } from './sign-in-directory.ts';
import type { WorkflowEngine } from './workflow-engine.ts';

/**
 * The services a subgraph's commands and queries use besides the table, handed to them in the
 * request's context and nowhere else. In AWS each is made from the function's environment on
 * first use (so a cold start pays only for what its requests need); the local stack and the
 * tests hand in their own.
 */
export interface SubgraphServices {
  /** Encrypts the fields stored encrypted (CPR numbers): KMS in AWS, AES-256-GCM locally. */
  cipher(): FieldCipher;
  /** Each subgraph's data-subject handler (GDPR access, erasure, the evaluation rows). */
  dataSubjects(): DataSubjectDispatcher;
  /** Where evaluation datasets are written: S3 in AWS, a folder locally. */
  exports(): ExportSink;
  /** Where people sign in: Cognito in AWS, the development issuer locally. */
  signIn(): SignInDirectory;
  /** The engine of the placement lifecycles; null where none runs. */
  workflows(): WorkflowEngine | null;
}

/**
 * The services as the function's environment configures them, each made when first asked for.
 * A service the environment does not configure fails when it is used, not at start.
 *
 * @param workflows - makes the workflow engine (the placements subgraph's Step Functions
 *   adapter); none when left out
 * @param env - the process environment
 */
export function servicesFromEnvironment(
  workflows: () => WorkflowEngine | null = () => null,
  env: NodeJS.ProcessEnv = process.env,
): SubgraphServices {
  return {
    cipher: onFirstUse(() => fieldCipherFromEnvironment(env)),
    dataSubjects: onFirstUse(() => dataSubjectDispatcherFromEnvironment(env)),
    exports: onFirstUse(() => exportSinkFromEnvironment(env)),
    signIn: onFirstUse(() => signInDirectoryFromEnvironment(env)),
    workflows: onFirstUse(workflows),
  };
}

/**
 * Services with some replaced: what the local stack and tests hand a subgraph.
 *
 * @param base - the services otherwise used
 * @param replaced - the ones to use instead
 */
export function withServices(
  base: SubgraphServices,
  replaced: Partial<{
    cipher: FieldCipher;
    dataSubjects: DataSubjectDispatcher;
    exports: ExportSink;
    signIn: SignInDirectory;
    workflows: WorkflowEngine | null;
  }>,
): SubgraphServices {
  return {
    cipher: replaced.cipher ? () => replaced.cipher as FieldCipher : base.cipher,
    dataSubjects: replaced.dataSubjects
      ? () => replaced.dataSubjects as DataSubjectDispatcher
      : base.dataSubjects,
    exports: replaced.exports ? () => replaced.exports as ExportSink : base.exports,
    signIn: replaced.signIn ? () => replaced.signIn as SignInDirectory : base.signIn,
    workflows: 'workflows' in replaced ? () => replaced.workflows ?? null : base.workflows,
  };
}
