import { runtimeSdk } from '#kernel/runtime-sdk';
import { NodeSha256 } from './node-sha256.ts';
import type { SubgraphCall } from './subgraph-http.ts';

const { fromEnv } = runtimeSdk('@aws-sdk/credential-provider-env');
const { SignatureV4 } = runtimeSdk('@smithy/signature-v4');

/** Turns a request into one the receiving side can authenticate. */
export type RequestSigner = (url: string, call: SubgraphCall) => Promise<SubgraphCall>;

/**
 * Signs subgraph calls with SigV4 for Lambda function URLs whose auth type is `AWS_IAM`, so
 * that in AWS only the gateway's role can reach a subgraph at all. Credentials come from the
 * Lambda environment.
 *
 * @param region - the functions' region
 */
export function createSigV4Signer(region: string): RequestSigner {
  const signer = new SignatureV4({
    service: 'lambda',
    region,
    credentials: fromEnv(),
    sha256: NodeSha256,
  });
  return async (url, call) => {
    const target = new URL(url);
    const signed = await signer.sign({
      method: call.method ?? 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      path: target.pathname,
      query: Object.fromEntries(target.searchParams.entries()),
      headers: { ...call.headers, host: target.host },
      body: call.body,
    });
    return { ...call, headers: signed.headers };
  };
}
