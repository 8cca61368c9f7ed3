import { describe, expect, it } from 'vitest';
import { batchingSender } from '#gateway/call-batching';
import type { SendToSubgraph } from '#gateway/subgraph-http';
import { MAX_BATCHED_OPERATIONS } from '#kernel/call-batches';
import { CORRELATION_HEADER, IDENTITY_HEADER } from '#kernel/identity-assertion';

/**
 * The coalescing of one gateway request's parallel calls to a subgraph. The network is the one
 * part replaced here (a function that records what it is sent and answers as Apollo Server does
 * a batch); the local stack runs the real thing in the e2e tests.
 */

const URL = 'http://people.local/graphql';

/** A subgraph answering every operation with its own query text, and a log of what it got. */
function recordingSubgraph(answer?: (body: string) => Response) {
  const sent: string[] = [];
  const send: SendToSubgraph = async (_url, init) => {
    const body = String(init.body);
    sent.push(body);
    if (answer) return answer(body);
    const parsed = JSON.parse(body) as { query: string } | Array<{ query: string }>;
    const data = (one: { query: string }) => ({ data: { echo: one.query } });
    return Response.json(Array.isArray(parsed) ? parsed.map(data) : data(parsed));
  };
  return { send, sent };
}

const call = (query: string, identity = 'signed-identity', correlation = 'request-1') => ({
  method: 'POST',
  headers: { [IDENTITY_HEADER]: identity, [CORRELATION_HEADER]: correlation },
  body: JSON.stringify({ query }),
});

describe("the gateway's batching of parallel calls to a subgraph", () => {
  it('sends one request’s parallel calls as one batch and gives each call its own answer', async () => {
    // Prepare
    const subgraph = recordingSubgraph();
    const send = batchingSender(subgraph.send);
    // Act
    const answers = await Promise.all(
      ['{ a }', '{ b }', '{ c }'].map((query) => send(URL, call(query)).then((r) => r.json())),
    );
    // Assess
    expect(subgraph.sent).toHaveLength(1);
    expect(JSON.parse(subgraph.sent[0] ?? '')).toHaveLength(3);
    expect(answers).toEqual([
      { data: { echo: '{ a }' } },
      { data: { echo: '{ b }' } },
      { data: { echo: '{ c }' } },
    ]);
  });

  it('batches calls that resume from one promise, however many steps each takes to send', async () => {
    // Prepare: as a plan step's fetches wait for the request's signed assertion
    const subgraph = recordingSubgraph();
    const send = batchingSender(subgraph.send);
    const signed = new Promise<void>((resolve) => setTimeout(resolve, 5));
    const afterSteps = async (query: string, steps: number) => {
      await signed;
      for (let step = 0; step < steps; step++) await Promise.resolve();
      return send(URL, call(query));
    };
    // Act
    await Promise.all([afterSteps('{ a }', 0), afterSteps('{ b }', 3), afterSteps('{ c }', 9)]);
    // Assess
    expect(subgraph.sent).toHaveLength(1);
  });

  it('never puts calls of different requests or identities in one batch', async () => {
    // Prepare
    const subgraph = recordingSubgraph();
    const send = batchingSender(subgraph.send);
    // Act
    await Promise.all([
      send(URL, call('{ a }', 'identity-1', 'request-1')),
      send(URL, call('{ b }', 'identity-2', 'request-1')),
      send(URL, call('{ c }', 'identity-1', 'request-2')),
    ]);
    // Assess: each went alone, as it was
    expect(subgraph.sent.sort()).toEqual(
      ['{ a }', '{ b }', '{ c }'].map((query) => JSON.stringify({ query })).sort(),
    );
  });

  it('splits more parallel calls than a subgraph takes into several batches', async () => {
    // Prepare
    const subgraph = recordingSubgraph();
    const send = batchingSender(subgraph.send);
    const queries = Array.from({ length: MAX_BATCHED_OPERATIONS + 1 }, (_, i) => `{ f${i} }`);
    // Act
    const answers = await Promise.all(
      queries.map((query) => send(URL, call(query)).then((r) => r.json())),
    );
    // Assess: a full batch, and the one left over sent alone (an object, not an array)
    expect(subgraph.sent.map((body) => (JSON.parse(body) as unknown[]).length ?? 1)).toEqual([
      MAX_BATCHED_OPERATIONS,
      1,
    ]);
    expect(answers.map((a) => (a as { data: { echo: string } }).data.echo)).toEqual(queries);
  });

  it('hands every call of a failed batch the failure as it came', async () => {
    // Prepare
    const subgraph = recordingSubgraph(() => new Response('Forbidden', { status: 403 }));
    const send = batchingSender(subgraph.send);
    // Act
    const answers = await Promise.all([send(URL, call('{ a }')), send(URL, call('{ b }'))]);
    // Assess
    expect(answers.map((r) => r.status)).toEqual([403, 403]);
    expect(await Promise.all(answers.map((r) => r.text()))).toEqual(['Forbidden', 'Forbidden']);
  });

  it('gives each call its own answer from a batch answered with 400 for one of them', async () => {
    // Prepare: as Apollo Server answers a batch in which one operation's variable is refused
    const refused = { errors: [{ message: 'Bad date', extensions: { code: 'BAD_USER_INPUT' } }] };
    const served = { data: { echo: '{ b }' } };
    const subgraph = recordingSubgraph(() => Response.json([refused, served], { status: 400 }));
    const send = batchingSender(subgraph.send);
    // Act
    const answers = await Promise.all([send(URL, call('{ a }')), send(URL, call('{ b }'))]);
    // Assess
    expect(answers.map((r) => r.status)).toEqual([400, 200]);
    expect(await Promise.all(answers.map((r) => r.json()))).toEqual([refused, served]);
  });

  it('rejects every call of a batch that could not be sent', async () => {
    // Prepare
    const send = batchingSender(async () => {
      throw new Error('timeout');
    });
    // Act
    const outcomes = await Promise.allSettled([send(URL, call('{ a }')), send(URL, call('{ b }'))]);
    // Assess
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
