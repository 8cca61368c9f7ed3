import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { DEADLINE_HEADER } from '#kernel/deadline';
import { CORRELATION_HEADER, IDENTITY_HEADER } from '#kernel/identity-assertion';
import { label } from '#kernel/metrics';
import type { SubgraphName } from '#schema/subgraphs';
import { batchingSender } from './call-batching.ts';
import type { GatewayContext } from './gateway-context.ts';
import { subgraphLabel } from './gateway-metrics.ts';
import type { RequestSigner } from './request-signer.ts';
import { clientMistakeAnswerOf, type SubgraphResponse } from './subgraph-client-errors.ts';
import { createSubgraphHttp } from './subgraph-http.ts';

/** The header that carries an X-Ray trace from one AWS service to the next. */
export const TRACE_HEADER = 'x-amzn-trace-id';

/** Where the Lambda runtime puts the current invocation's trace header. */
const TRACE_ENVIRONMENT = '_X_AMZN_TRACE_ID';

/** Signs the verified identity for one subgraph; see `createAssertionSigner`. */
export type AssertionSigner = (
  identity: GatewayContext['identity'],
  audience: string,
) => Promise<string>;

/** How the gateway reaches one subgraph. */
export interface SubgraphTransportOptions {
  name: SubgraphName;
  url: string;
  timeoutMs: number;
  signAssertion: AssertionSigner;
  /** Signs the HTTP request for IAM-authorised function URLs (AWS); absent locally. */
  signRequest?: RequestSigner;
  /** Told when the subgraph did not answer (the cached health report is then stale). */
  onUnavailable?: (name: SubgraphName) => void;
}

/**
 * The gateway's data source for one subgraph: it attaches the signed identity, the
 * correlation id and the X-Ray trace, sends a request's parallel calls as one batch (`call-batching.ts`), bounds
 * every call with a timeout (Apollo's own has none), and replaces a
 * failed call's error — which would carry the subgraph's URL, status and body — with one that
 * names the subgraph and nothing more. A call the subgraph refused for the client's input (a
 * 4xx GraphQL answer: `subgraph-client-errors.ts`) is no failure of the subgraph: its answer
 * goes on as the subgraph's response, its errors with their own codes.
 */
export class SubgraphTransport extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: SubgraphName;
  private readonly signAssertion: AssertionSigner;
  private readonly onUnavailable: ((name: SubgraphName) => void) | undefined;

  constructor(options: SubgraphTransportOptions) {
    super({ url: options.url, fetcher: boundedFetcher(options.timeoutMs, options.signRequest) });
    this.subgraph = options.name;
    this.signAssertion = options.signAssertion;
    this.onUnavailable = options.onUnavailable;
  }

  override async willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const headers = request.http?.headers;
    if (!headers) return;
    // The signer reuses an identity's assertion for a subgraph (`createAssertionSigner`).
    headers.set(IDENTITY_HEADER, await this.signAssertion(context.identity ?? null, this.subgraph));
    headers.set(CORRELATION_HEADER, context.correlationId ?? '');
    if (context.deadline && Number.isFinite(context.deadline.at)) {
      headers.set(DEADLINE_HEADER, String(context.deadline.at));
    }
    // The invocation's X-Ray trace (Lambda sets it per invocation under active tracing): the
    // subgraph's function continues it, so one trace shows the request across the functions.
    const trace = process.env[TRACE_ENVIRONMENT];
    if (trace) headers.set(TRACE_HEADER, trace);
  }

  override async process(
    options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0],
  ): Promise<SubgraphResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof RefusedByTheSubgraph) return error.answer;
      throw error;
    }
  }

  override didEncounterError(
    error: Error,
    _request?: unknown,
    _response?: unknown,
    context?: GatewayContext,
  ): never {
    const answer = clientMistakeAnswerOf(error);
    if (answer) throw new RefusedByTheSubgraph(answer);
    this.onUnavailable?.(this.subgraph);
    context?.metrics?.count('SubgraphCallsFailed', {
      subgraph: subgraphLabel(this.subgraph),
      reason: isTimeout(error) ? label('TIMEOUT') : label('UNAVAILABLE'),
    });
    throw new GraphQLError(`The ${this.subgraph} subgraph did not answer`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: this.subgraph },
    });
  }
}

/** Whether the call was cut off by its timeout or the request's deadline (`subgraph-http.ts`). */
function isTimeout(error: Error): boolean {
  return error.name === 'TimeoutError' || error.name === 'AbortError';
}

/** Carries a subgraph's answer to a client mistake out of the data source's error path. */
class RefusedByTheSubgraph extends Error {
  constructor(readonly answer: SubgraphResponse) {
    super('The subgraph refused the operation for its input');
  }
}

function boundedFetcher(timeoutMs: number, signRequest?: RequestSigner): Fetcher {
  const send = createSubgraphHttp(timeoutMs);
  return batchingSender(async (url, call) =>
    send(url, signRequest ? await signRequest(url, call) : call),
  ) as unknown as Fetcher;
}
