import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { withLambdaContext } from './logger.ts';
import { onFirstUse, runtimeSdk } from './runtime-sdk.ts';
import { createDynamoClient } from './table/client.ts';
import { Table } from './table/table.ts';

/**
 * The one interface through which a young person's rights (GDPR art. 15 access, art. 17
 * erasure) and the researchers' evaluation export reach every subgraph. Each subgraph answers
 * for the items it owns in its own `data-subject/` module, finding them through access
 * patterns (the young person's partition, index listings by young person), never by a scan.
 *
 * In AWS each subgraph's module runs as its own small Lambda function with the table grants of
 * that subgraph only, invoked synchronously by the people function ({@link LambdaDataSubjectDispatcher});
 * locally (and in tests) the same handler functions run in process.
 */

/** The subgraphs, in the order an erasure visits them: people last (its profile is the marker). */
export const DATA_SUBJECT_SUBGRAPHS = [
  'placements',
  'learning-community',
  'companies',
  'people',
] as const;

/** A subgraph that answers data-subject requests. */
export type DataSubjectSubgraph = (typeof DATA_SUBJECT_SUBGRAPHS)[number];

const IdSchema = z.string().min(1).max(64);
const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A request to one subgraph's data-subject handler. Ids only: never a name or a contact. */
export const DataSubjectRequestSchema = z.discriminatedUnion('operation', [
  /** Everything the subgraph holds about the young person (art. 15). */
  z.object({ operation: z.literal('collect'), youthId: IdSchema }),
  /** Why the young person cannot be erased now (e.g. a placement still under way). */
  z.object({ operation: z.literal('check'), youthId: IdSchema }),
  /**
   * Erases the young person's items; the items the programme figures need become anonymous
   * stubs that refer to `stubYouthId` (a new random id) instead.
   */
  z.object({ operation: z.literal('erase'), youthId: IdSchema, stubYouthId: IdSchema }),
  /** Pseudonymisable research facts of consenting young people, by id (no free text). */
  z.object({
    operation: z.literal('evaluationRows'),
    youthIds: z.array(IdSchema).max(1000),
    until: DateSchema,
  }),
]);

/** A request to one subgraph's data-subject handler. */
export type DataSubjectRequest = z.infer<typeof DataSubjectRequestSchema>;

/** The answer to `collect`: named sections of records, as JSON. */
export interface CollectResult {
  operation: 'collect';
  sections: Record<string, unknown>;
}

/** The answer to `check`: stable codes of what blocks an erasure now (empty when nothing). */
export interface CheckResult {
  operation: 'check';
  blockers: string[];
}

/** The answer to `erase`: how many items were deleted and how many became anonymous stubs. */
export interface EraseResult {
  operation: 'erase';
  deleted: number;
  anonymised: number;
}

/** The answer to `evaluationRows`: per young person id, this subgraph's research columns. */
export interface EvaluationRowsResult {
  operation: 'evaluationRows';
  rows: Record<string, Record<string, unknown>>;
}

/** Any answer of a data-subject handler. */
export type DataSubjectResult = CollectResult | CheckResult | EraseResult | EvaluationRowsResult;

/** The answer type of a request type. */
export type ResultOf<R extends DataSubjectRequest> = Extract<
  DataSubjectResult,
  { operation: R['operation'] }
>;

/** One subgraph's answer to data-subject requests, over the table it may touch. */
export type DataSubjectHandler = (
  table: Table,
  request: DataSubjectRequest,
) => Promise<DataSubjectResult>;

/** Sends data-subject requests to the subgraphs. */
export interface DataSubjectDispatcher {
  /**
   * Sends one request to one subgraph's handler and returns its answer.
   *
   * @param subgraph - the subgraph
   * @param request - the request (ids only)
   */
  send<R extends DataSubjectRequest>(
    subgraph: DataSubjectSubgraph,
    request: R,
  ): Promise<ResultOf<R>>;
}

/**
 * A dispatcher that calls the handlers in this process (local stack, tests).
 *
 * @param table - the table the handlers work on
 * @param handlers - each subgraph's handler function
 */
export function createInProcessDispatcher(
  table: Table,
  handlers: Readonly<Record<DataSubjectSubgraph, DataSubjectHandler>>,
): DataSubjectDispatcher {
  return {
    async send(subgraph, request) {
      const parsed = DataSubjectRequestSchema.parse(request);
      // A JSON round trip, as over Lambda: nothing but data crosses the boundary.
      const result = await handlers[subgraph](table, parsed);
      return JSON.parse(JSON.stringify(result));
    },
  };
}

/** The environment variable naming a subgraph's data-subject function. */
export function dataSubjectFunctionVariable(subgraph: DataSubjectSubgraph): string {
  return `DATA_SUBJECT_FUNCTION_${subgraph.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * A dispatcher that invokes each subgraph's data-subject Lambda function synchronously
 * (`RequestResponse`), the function names read from `DATA_SUBJECT_FUNCTION_<SUBGRAPH>`.
 * The people function's role needs `lambda:InvokeFunction` on the four functions only.
 */
export class LambdaDataSubjectDispatcher implements DataSubjectDispatcher {
  // Loaded on the first erasure or export, so that people's cold start does not pay for it.
  private readonly lambda = onFirstUse(() => {
    const sdk = runtimeSdk('@aws-sdk/client-lambda');
    return { sdk, client: new sdk.LambdaClient({}) };
  });

  /** @param env - the process environment */
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async send<R extends DataSubjectRequest>(
    subgraph: DataSubjectSubgraph,
    request: R,
  ): Promise<ResultOf<R>> {
    const functionName = this.env[dataSubjectFunctionVariable(subgraph)];
    if (!functionName) throw new Error(`No data-subject function configured for ${subgraph}`);
    const { client, sdk } = this.lambda();
    const response = await client.send(
      new sdk.InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(request)),
      }),
    );
    const body = response.Payload ? new TextDecoder().decode(response.Payload) : 'null';
    // A handler's own error is reported without its message: that might echo data.
    if (response.FunctionError) throw new Error(`The ${subgraph} data-subject function failed`);
    return JSON.parse(body) as ResultOf<R>;
  }
}

/**
 * The dispatcher the environment configures: the Lambda dispatcher when the functions are named
 * (AWS); otherwise an error (the rights cannot be served without them).
 *
 * @param env - the process environment
 */
export function dataSubjectDispatcherFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): DataSubjectDispatcher {
  if (env[dataSubjectFunctionVariable('people')]) return new LambdaDataSubjectDispatcher(env);
  throw new Error('No data-subject dispatcher is configured');
}

/**
 * The Lambda entry of one subgraph's data-subject function: the request parsed (anything else
 * is refused), the table from `TABLE_NAME`, and nothing logged but the operation.
 *
 * @param handle - the subgraph's handler function
 */
export function createDataSubjectLambdaHandler(handle: DataSubjectHandler) {
  let table: Table | undefined;
  return withLambdaContext(
    async (event: unknown, _context: Context): Promise<DataSubjectResult> => {
      const tableName = process.env.TABLE_NAME;
      if (!tableName) throw new Error('TABLE_NAME is not set');
      table ??= new Table(createDynamoClient(), tableName);
      return handle(table, DataSubjectRequestSchema.parse(event));
    },
  );
}

/**
 * Runs a function over items a few at a time, so that an erasure of a long history neither
 * floods the table nor waits on one item at a time.
 *
 * @param items - the inputs
 * @param work - the function
 * @param parallel - how many at once
 */
export async function forEachLimited<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  parallel = 8,
): Promise<void> {
  for (let start = 0; start < items.length; start += parallel) {
    await Promise.all(items.slice(start, start + parallel).map(work));
  }
}
