import { runtimeSdk } from './runtime-sdk.ts';

// Loaded with the module rather than on first use: in AWS the functions read their secrets as
// they start.
const { GetSecretValueCommand, SecretsManagerClient } = runtimeSdk(
  '@aws-sdk/client-secrets-manager',
);

let client: InstanceType<typeof SecretsManagerClient> | undefined;

/**
 * A secret's value: from the variable itself where one is set (the local stack), otherwise
 * read once from Secrets Manager by the ARN in `<NAME>_SECRET_ARN` (AWS), so that no secret
 * sits in a Lambda's environment.
 *
 * @param name - the variable's name, e.g. `CURSOR_SECRET`
 * @param env - the process environment
 */
export async function resolveSecret(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const direct = env[name];
  if (direct) return direct;
  const arn = env[`${name}_SECRET_ARN`];
  if (!arn) throw new Error(`Neither ${name} nor ${name}_SECRET_ARN is set`);
  client ??= new SecretsManagerClient({});
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!SecretString) throw new Error(`Secret ${name} is empty`);
  return SecretString;
}
