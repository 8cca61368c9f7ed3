import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  type DynamoErrorName,
  dynamoErrorAnswer,
  type HttpAnswer,
} from './dynamodb-error-answers.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * What the proxy can do to a request instead of passing it on untouched:
 *
 * - `throttled`: answers `ProvisionedThroughputExceededException` (400); nothing reaches DynamoDB;
 * - `throttlingException`: answers `ThrottlingException` (400); nothing reaches DynamoDB;
 * - `serverError`: answers `InternalServerError` (500); nothing reaches DynamoDB;
 * - `appliedThenServerError`: DynamoDB applies the request, the client gets a 500 instead;
 * - `appliedThenDropped`: DynamoDB applies the request, the connection drops before the answer;
 * - `droppedBeforeForward`: the connection drops; nothing reaches DynamoDB;
 * - `latency`: the request reaches DynamoDB late (and the other rules still apply to it).
 *
 * The two "applied" kinds are the faults a client cannot tell from the others and that matter
 * most: the change happened, and the client does not know it.
 */
export type FaultKind =
  | 'throttled'
  | 'throttlingException'
  | 'serverError'
  | 'appliedThenServerError'
  | 'appliedThenDropped'
  | 'droppedBeforeForward'
  | 'latency';

/** Which requests a rule applies to, and how often it strikes. */
interface RuleScope {
  /** The share of matching requests it strikes, from 0 to 1. */
  rate: number;
  /** The operations it applies to (the action of `X-Amz-Target`: `TransactWriteItems`); all when absent. */
  operations?: readonly string[];
  /** Strikes at most this many times (to fail the first attempts of a call and let the next through). */
  limit?: number;
}

/** One fault and when it strikes. */
export type FaultRule =
  | (RuleScope & { kind: Exclude<FaultKind, 'latency'> })
  | (RuleScope & LatencyRule);

/** A delay: the request reaches DynamoDB this much later. */
interface LatencyRule {
  kind: 'latency';
  /** Milliseconds added. */
  latencyMs: number;
}

/** How many requests met each fault, and how many reached DynamoDB. */
export type FaultCounts = Record<FaultKind | 'forwarded' | 'requests', number>;

/** How to start the proxy. */
export interface FaultProxyOptions {
  /** DynamoDB Local's endpoint. */
  target: string;
  /** The faults; none when absent. */
  rules?: readonly FaultRule[];
  /** The seed of the randomness that decides which request a rule strikes. @default 1 */
  seed?: number;
  /** Whether the faults strike from the start. @default true */
  enabled?: boolean;
  /** Sees every request as it arrives (a test reads what the client sent, such as its tokens). */
  observe?: (request: { operation: string; body: string }) => void;
}

/** A running fault proxy. */
export interface FaultProxy {
  /** The endpoint to give the DynamoDB client instead of DynamoDB Local's. */
  url: string;
  /**
   * Replaces the rules and starts their randomness afresh from a seed: the same rules, seed and
   * order of requests strike the same requests.
   *
   * @param rules - the faults
   * @param seed - the seed @default the proxy's seed
   */
  setRules(rules: readonly FaultRule[], seed?: number): void;
  /** Lets the rules strike. */
  enable(): void;
  /** Passes every request on untouched (the rules' randomness waits where it stood). */
  disable(): void;
  /**
   * What the proxy did since it started or the counts were reset.
   *
   * @param operation - only this operation's requests
   */
  counts(operation?: string): FaultCounts;
  resetCounts(): void;
  /** Stops listening, drops the connections still open and waits for requests in flight. */
  stop(): Promise<void>;
}

const ERROR_OF: Partial<Record<FaultKind, DynamoErrorName>> = {
  throttled: 'ProvisionedThroughputExceededException',
  throttlingException: 'ThrottlingException',
  serverError: 'InternalServerError',
  appliedThenServerError: 'InternalServerError',
};

/** Headers that describe one hop's connection, not the message: never passed on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function emptyCounts(): FaultCounts {
  return {
    requests: 0,
    forwarded: 0,
    throttled: 0,
    throttlingException: 0,
    serverError: 0,
    appliedThenServerError: 0,
    appliedThenDropped: 0,
    droppedBeforeForward: 0,
    latency: 0,
  };
}

/** The operation a DynamoDB request asks for: `DynamoDB_20120810.GetItem` → `GetItem`. */
function operationOf(req: IncomingMessage): string {
  const target = String(req.headers['x-amz-target'] ?? '');
  return target.slice(target.lastIndexOf('.') + 1);
}

async function bodyOf(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function answer(res: ServerResponse, { status, headers, body }: HttpAnswer): void {
  res.writeHead(status, headers).end(body);
}

/**
 * Drops the client's connection with a reset, as a network failure does: the SDK sees
 * `ECONNRESET` on that request and cannot know whether DynamoDB got it.
 */
function drop(res: ServerResponse): void {
  res.socket?.resetAndDestroy();
}

/**
 * Starts an HTTP server on loopback that passes DynamoDB's JSON 1.0 requests on to DynamoDB
 * Local and, at the rates the rules set, answers or fails them as DynamoDB and the network do
 * under load. Which request a rule strikes is decided by a seeded random sequence per rule, so
 * that a run can be repeated; requests arriving in another order (concurrent clients) meet
 * the sequence in that order.
 *
 * @param options - the target, the rules, the seed
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const upstream = new Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  const counts = new Map<string, FaultCounts>();
  let enabled = options.enabled ?? true;
  let seed = options.seed ?? 1;
  let rules: Array<{ rule: FaultRule; random: () => number; struck: number }> = [];

  const setRules = (next: readonly FaultRule[], nextSeed = seed) => {
    seed = nextSeed;
    // One sequence per rule: adding a rule does not change which requests the others strike.
    rules = next.map((rule, index) => ({
      rule,
      random: seededRandom(seed + Math.imul(index + 1, 0x9e3779b1)),
      struck: 0,
    }));
  };
  setRules(options.rules ?? []);

  const count = (operation: string, what: keyof FaultCounts) => {
    for (const key of [operation, '']) {
      const of = counts.get(key) ?? emptyCounts();
      of[what] += 1;
      counts.set(key, of);
    }
  };

  /** The faults that strike a request: latencies add up; the first other fault wins. */
  const strike = (operation: string) => {
    let latencyMs = 0;
    if (!enabled) return { latencyMs };
    for (const entry of rules) {
      const { rule, random } = entry;
      if (rule.operations && !rule.operations.includes(operation)) continue;
      if (rule.limit !== undefined && entry.struck >= rule.limit) continue;
      if (random() >= rule.rate) continue;
      entry.struck += 1;
      if (rule.kind === 'latency') latencyMs += rule.latencyMs;
      else return { latencyMs, fault: rule.kind };
    }
    return { latencyMs };
  };

  const forward = (req: IncomingMessage, body: Buffer): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: target.host, 'content-length': body.length },
          agent: upstream,
        },
        (incoming) => {
          bodyOf(incoming).then((answerBody) => {
            const headers = Object.fromEntries(
              Object.entries(incoming.headers)
                .filter(([name]) => !HOP_BY_HOP.has(name))
                .map(([name, value]) => [name, String(value)]),
            );
            headers['content-length'] = String(answerBody.length);
            resolve({
              status: incoming.statusCode ?? 502,
              headers,
              body: answerBody.toString('utf8'),
            });
          }, reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await bodyOf(req);
    const operation = operationOf(req);
    count(operation, 'requests');
    options.observe?.({ operation, body: body.toString('utf8') });
    const { latencyMs, fault } = strike(operation);
    if (latencyMs > 0) {
      count(operation, 'latency');
      await abortableDelay(latencyMs, stopping.signal);
    }
    if (fault) count(operation, fault);
    if (fault === 'droppedBeforeForward') return drop(res);
    const refusal = fault && fault !== 'appliedThenServerError' ? ERROR_OF[fault] : undefined;
    if (refusal) return answer(res, dynamoErrorAnswer(refusal));
    const answered = await forward(req, body);
    count(operation, 'forwarded');
    if (fault === 'appliedThenDropped') return drop(res);
    if (fault === 'appliedThenServerError')
      return answer(res, dynamoErrorAnswer('InternalServerError'));
    answer(res, answered);
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    const handled = handle(req, res).catch(() => drop(res));
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    setRules,
    enable: () => {
      enabled = true;
    },
    disable: () => {
      enabled = false;
    },
    counts: (operation) => ({ ...(counts.get(operation ?? '') ?? emptyCounts()) }),
    resetCounts: () => counts.clear(),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      stopping.abort();
      await Promise.allSettled([...inFlight]);
      for (const socket of sockets) socket.destroy();
      upstream.destroy();
      await closed;
    },
  };
}

/** Waits, unless the proxy stops first. */
function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
