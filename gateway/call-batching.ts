import { MAX_BATCHED_OPERATIONS } from '#kernel/call-batches';
import { CORRELATION_HEADER, IDENTITY_HEADER } from '#kernel/identity-assertion';
import {
  answerOf,
  type SendToSubgraph,
  type SubgraphAnswer,
  type SubgraphCall,
} from './subgraph-http.ts';

interface WaitingCall {
  init: SubgraphCall;
  resolve: (response: SubgraphAnswer) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs `run` once the promise jobs already queued, and the ticks they queue, have run, and
 * before any I/O (DataLoader's schedule). A plan step's parallel fetches all resume from one
 * promise (the request's signed assertion) and reach the sender within that work; waiting for
 * the event loop's next turn instead would hold every call back behind other requests' I/O.
 */
export function afterQueuedWork(run: () => void): void {
  void Promise.resolve().then(() => process.nextTick(run));
}

/**
 * Sends the calls that one gateway request makes to one subgraph at the same time as one
 * batched HTTP request (a JSON array of operations, which Apollo Server answers with an array).
 * A query plan often fetches from a subgraph at several paths in parallel — a young person's
 * current placement's company, their placements' companies and their wishes' companies are
 * three fetches — and on Lambda each would be an invocation of its own, with its own reads of
 * the same items. Batched, they are one invocation with one request context, so the subgraph's
 * loader reads each item once.
 *
 * Calls belong together when they go to the same URL with the same signed identity and
 * correlation id (one gateway request); they are collected until the work already queued has
 * run ({@link afterQueuedWork}), by when a plan step's parallel fetches have all been issued. A
 * lone call is sent as it is.
 *
 * @param send - sends one HTTP request (timeout and request signing included)
 */
export function batchingSender(send: SendToSubgraph): SendToSubgraph {
  const waiting = new Map<string, WaitingCall[]>();
  return (url, init) =>
    new Promise<SubgraphAnswer>((resolve, reject) => {
      const headers = init.headers ?? {};
      const batchKey = [url, headers[IDENTITY_HEADER], headers[CORRELATION_HEADER]].join('\n');
      let calls = waiting.get(batchKey);
      if (!calls) {
        const collected: WaitingCall[] = [];
        calls = collected;
        waiting.set(batchKey, collected);
        afterQueuedWork(() => {
          waiting.delete(batchKey);
          for (let start = 0; start < collected.length; start += MAX_BATCHED_OPERATIONS) {
            void sendTogether(send, url, collected.slice(start, start + MAX_BATCHED_OPERATIONS));
          }
        });
      }
      calls.push({ init, resolve, reject });
    });
}

async function sendTogether(
  send: SendToSubgraph,
  url: string,
  calls: readonly WaitingCall[],
): Promise<void> {
  const [first] = calls;
  if (!first) return;
  if (calls.length === 1) {
    send(url, first.init).then(first.resolve, first.reject);
    return;
  }
  try {
    const { 'content-length': _single, ...headers } = first.init.headers ?? {};
    const response = await send(url, {
      ...first.init,
      headers,
      body: `[${calls.map(({ init }) => init.body).join(',')}]`,
    });
    const text = await response.text();
    // A batch's answer even under a 4xx: one operation's bad variable sets the status of all.
    const answers = answersOf(text, calls.length);
    const json = (name: string) =>
      name.toLowerCase() === 'content-type' ? 'application/json' : null;
    calls.forEach(({ resolve }, index) => {
      const answer = answers?.[index];
      resolve(
        answers
          ? answerOf(url, statusOf(response, answer), json, JSON.stringify(answer))
          : // Not a batch's answer (a refusal in front of the function, an error): each call
            // gets it as it came, to fail the way a lone call would.
            answerOf(url, response.status, (name) => response.headers.get(name), text),
      );
    });
  } catch (error) {
    for (const { reject } of calls) reject(error);
  }
}

/**
 * The status of one operation's answer in a batch. Apollo Server gives a batch the status of
 * one of its operations, so a single operation refused for a variable (400) marks its
 * neighbours too. An answer with a `data` entry was executed, which the GraphQL-over-HTTP
 * specification answers with 2xx; one without is a request error, with the batch's status.
 */
function statusOf(batch: SubgraphAnswer, answer: unknown): number {
  if (batch.ok) return batch.status;
  return typeof answer === 'object' && answer !== null && 'data' in answer ? 200 : batch.status;
}

function answersOf(text: string, expected: number): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.length === expected ? parsed : null;
  } catch {
    return null;
  }
}
