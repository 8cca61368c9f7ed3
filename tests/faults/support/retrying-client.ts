import { randomUUID } from 'node:crypto';
import type { GraphQLBody } from '../../support/local-stack.ts';

/**
 * What a client that gets no usable answer does: it sends the same request again, with the same
 * `idempotencyKey`, after a short pause. These are the codes after which the README tells a
 * client to do so (and `INTERNAL_SERVER_ERROR`, which a client cannot tell from a lost answer).
 */
export const RETRIED_CODES = new Set([
  'INTERNAL_SERVER_ERROR',
  'TEMPORARILY_UNAVAILABLE',
  'OUTCOME_UNKNOWN',
  'SUBGRAPH_UNAVAILABLE',
]);

/**
 * What one attempt met instead of an answer: an error code, `HTTP <status>`, `network`, or
 * `gave up waiting` (see {@link ClientOptions.patienceMs}).
 */
export type Miss = string;

/** A request that was answered, and what it met on the way. */
export interface Answered<T> {
  /** The answer's body: data, or errors that are not worth sending again (`CONFLICT`, …). */
  body: GraphQLBody<T>;
  /** What each attempt before the answer met, in order. */
  misses: Miss[];
}

/** A change the server acknowledged: its payload came back without errors. */
export interface Acknowledgement<T> {
  mutation: string;
  /** The key every attempt of the change carried. */
  idempotencyKey: string;
  /** The mutation's payload as acknowledged. */
  payload: T;
  misses: Miss[];
}

/** One change to send until it is answered. */
export interface MutationRequest {
  /** The mutation's field, e.g. `enrolYouth`. */
  mutation: string;
  /** Its input type, e.g. `EnrolYouthInput`. */
  inputType: string;
  /** What to select of its payload besides `errors`. */
  selection: string;
  /** The input, without the key. */
  input: Record<string, unknown>;
  /** The caller's bearer token. */
  token: string;
  /** The key of the change. @default a new UUID */
  idempotencyKey?: string;
}

/** A mutation's payload: what was selected, and the rules the input broke. */
export type Payload<T> = T & { errors: Array<{ code: string; message: string }> };

/** Where the client sends its requests, and how patiently. */
export interface ClientOptions {
  /** The gateway's GraphQL endpoint. */
  url: string;
  /** Attempts before the client gives up and the test fails. @default 30 */
  maxAttempts?: number;
  /** The first pause between attempts, doubled up to a second. @default 50 */
  pauseMs?: number;
  /**
   * How long the client waits for an answer before it stops waiting and sends again (a phone on
   * a train): the first request may still be running, and may still commit. @default no limit
   */
  patienceMs?: number;
}

/**
 * A client of the gateway as a real one would be: it POSTs an operation over HTTP and, when it
 * gets no usable answer — a network error, an HTTP 5xx, or an error whose code says "try again"
 * ({@link RETRIED_CODES}) — sends exactly the same request again after a short pause, until an
 * answer comes. A change carries its `idempotencyKey`, so that every retry is the same change,
 * and the client keeps the changes acknowledged to it. It gives up (throws) only after
 * `maxAttempts`, so that a test fails instead of hanging.
 *
 * @param options - the endpoint, the attempts, the pause
 */
export function retryingClient(options: ClientOptions) {
  const maxAttempts = options.maxAttempts ?? 30;
  const firstPauseMs = options.pauseMs ?? 50;
  const acknowledged: Array<Acknowledgement<unknown>> = [];

  /** Sends once: the answer, or what was met instead. */
  async function attempt<T>(
    request: string,
    token: string,
  ): Promise<{ body: GraphQLBody<T> } | { miss: Miss }> {
    let response: Response;
    let body: GraphQLBody<T>;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: request,
        ...(options.patienceMs ? { signal: AbortSignal.timeout(options.patienceMs) } : {}),
      });
      if (response.status >= 500) return { miss: `HTTP ${response.status}` };
      body = (await response.json()) as GraphQLBody<T>;
    } catch (error) {
      // No answer, or half of one: the request may or may not have arrived.
      return { miss: (error as Error).name === 'TimeoutError' ? 'gave up waiting' : 'network' };
    }
    const retried = body.errors
      ?.map((error) => String(error.extensions?.code))
      .find((code) => RETRIED_CODES.has(code));
    return retried ? { miss: retried } : { body };
  }

  /**
   * Sends an operation until it is answered.
   *
   * @param query - the operation
   * @param variables - its variables (a mutation's input with its `idempotencyKey`)
   * @param token - the caller's bearer token
   */
  async function send<T>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<Answered<T>> {
    // One body for every attempt: a retry is byte for byte the request that got no answer.
    const request = JSON.stringify({ query, variables });
    const misses: Miss[] = [];
    for (let n = 1; n <= maxAttempts; n++) {
      const outcome = await attempt<T>(request, token);
      if ('body' in outcome) return { body: outcome.body, misses };
      misses.push(outcome.miss);
      await pause(Math.min(1_000, firstPauseMs * 2 ** (n - 1)));
    }
    throw new Error(`No answer after ${maxAttempts} attempts: ${misses.join(', ')}`);
  }

  /**
   * Sends one change with its idempotency key until it is answered, and keeps it as
   * acknowledged when its payload came back without errors.
   *
   * @param request - the mutation, its input and the caller
   * @returns the answer, and the payload when the change was acknowledged
   */
  async function mutate<T>(
    request: MutationRequest,
  ): Promise<Answered<Record<string, Payload<T>>> & { payload?: Payload<T> }> {
    const idempotencyKey = request.idempotencyKey ?? randomUUID();
    const answered = await send<Record<string, Payload<T>>>(
      `mutation ($input: ${request.inputType}!) {
        ${request.mutation}(input: $input) { ${request.selection} errors { code message } } }`,
      { input: { ...request.input, idempotencyKey } },
      request.token,
    );
    const payload = answered.body.data?.[request.mutation];
    if (!payload || payload.errors.length > 0) return answered;
    acknowledged.push({
      mutation: request.mutation,
      idempotencyKey,
      payload,
      misses: answered.misses,
    });
    return { ...answered, payload };
  }

  return {
    send,
    mutate,
    /**
     * The changes acknowledged so far, in the order they were.
     *
     * @param mutation - only this mutation's
     */
    acknowledged<T>(mutation?: string): Array<Acknowledgement<Payload<T>>> {
      return acknowledged.filter((a) => !mutation || a.mutation === mutation) as Array<
        Acknowledgement<Payload<T>>
      >;
    },
  };
}

/** The client's type. */
export type RetryingClient = ReturnType<typeof retryingClient>;

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
