import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import { type DocumentNode, type GraphQLFormattedError, OperationTypeNode } from 'graphql';
import {
  AuditWriteError,
  auditRetentionDays,
  auditWhoOf,
  createAuditTrail,
  TooManyAuditEventsError,
} from './audit.ts';
import { refuseLongBatches } from './call-batches.ts';
import type { SubgraphContext } from './context.ts';
import { callerStandingNow } from './current-contact.ts';
import { createCursorCodec } from './cursor.ts';
import { DEADLINE_HEADER, requestDeadline, requestDeadlineMs } from './deadline.ts';
import { createItemLoader } from './entity-loader.ts';
import { ERROR_CODES, OutcomeUnknownError, TemporarilyUnavailableError } from './errors.ts';
import { enforceFieldRules, type SubgraphRules } from './field-rules.ts';
import {
  CORRELATION_HEADER,
  correlationIdFrom,
  createAssertionVerifier,
  IDENTITY_HEADER,
  type VerifiedAssertion,
} from './identity-assertion.ts';
import { loadedOnce } from './loaded-once.ts';
import { logger, requestLogger, withLambdaContext } from './logger.ts';
import { createMetricsRecorder, label } from './metrics.ts';
import { readSubgraphEnvironment, type SubgraphEnvironment } from './runtime-config.ts';
import { resolveSecret } from './secrets.ts';
import { type SubgraphServices, servicesFromEnvironment } from './services.ts';
import { createDynamoClient } from './table/client.ts';
import { Table } from './table/table.ts';
import { enforceTextInputs } from './text-inputs.ts';

/**
 * What makes one subgraph: its name in the supergraph, its SDL, its resolvers and the
 * authorisation rule of every type and field (`subgraphs/<name>/authorisation-rules.ts`).
 */
export interface SubgraphDefinition {
  name: string;
  typeDefs: DocumentNode;
  // biome-ignore lint/suspicious/noExplicitAny: generated resolver maps are wider than Apollo's own type
  resolvers: any;
  rules: SubgraphRules;
}

const KNOWN_CODES = new Set<string>(Object.values(ERROR_CODES));

/**
 * Keeps deliberate errors (they carry a known code) and hides everything else behind a
 * generic message, so that no stack, table name or internal detail leaves the subgraph.
 */
function maskUnexpected(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code) && code !== ERROR_CODES.INTERNAL) {
    return formatted;
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') return formatted;
  logger.error('Unexpected error in resolver', { error: error as Error });
  return { message: 'Internal server error', extensions: { code: ERROR_CODES.INTERNAL } };
}

/**
 * What a client is told instead of a response whose audit trail could not be written.
 *
 * The table throttled or did not answer: a passing failure, so the code says to send the
 * request again. A query is `TEMPORARILY_UNAVAILABLE`. A mutation may have committed its change
 * before the trail failed, so it is `OUTCOME_UNKNOWN`: sent again with the same idempotency key,
 * it is answered from the key's record. A request that needed more audit records than one
 * request may write is `TOO_MANY_AUDIT_EVENTS`: asked again, it fails again, so it says to ask
 * for less. Anything else is unexpected: `INTERNAL_SERVER_ERROR`.
 *
 * @param error - what the trail's flush threw
 * @param operation - the kind of operation whose response is withheld
 */
export function withheldResponseError(
  error: unknown,
  operation: OperationTypeNode | undefined,
): GraphQLFormattedError {
  if (error instanceof TooManyAuditEventsError) {
    return { message: error.message, extensions: { code: error.extensions.code } };
  }
  const cause = error instanceof AuditWriteError ? error.cause : undefined;
  if (cause instanceof TemporarilyUnavailableError || cause instanceof OutcomeUnknownError) {
    const replacement =
      operation === OperationTypeNode.MUTATION
        ? new OutcomeUnknownError()
        : new TemporarilyUnavailableError(
            'The request could not be audited, so its answer is withheld; try again in a moment',
          );
    return { message: replacement.message, extensions: replacement.extensions };
  }
  return {
    message: 'The request could not be audited',
    extensions: { code: ERROR_CODES.INTERNAL },
  };
}

/**
 * Writes the request's audit trail when the response is ready, before it is sent.
 *
 * If the write fails, the response is replaced by an error without data
 * ({@link withheldResponseError}): an unaudited read of personal data must not succeed. For a
 * mutation that already committed, the change stands (the table has no transaction spanning the
 * request) but the caller is not given its answer, and the failure is logged with the
 * correlation id and the audit events' actions and targets (ids only, never personal data) so
 * that the trail can be repaired, and counted (`ResponsesWithheld`, which raises an alarm). The
 * request's metrics are published here, at its end.
 */
export const flushAuditTrail: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, operation }) {
        try {
          await contextValue.audit.flush();
        } catch (error) {
          contextValue.logger.error('Audit trail could not be written; response withheld', {
            error: (error as Error).name,
            events: error instanceof AuditWriteError ? error.events : [],
          });
          contextValue.metrics.count('ResponsesWithheld', {
            operation: operation?.operation === 'mutation' ? label('mutation') : label('query'),
          });
          response.body = {
            kind: 'single',
            singleResult: {
              data: null,
              errors: [withheldResponseError(error, operation?.operation)],
            },
          };
        } finally {
          contextValue.metrics.publish();
        }
      },
    };
  },
};

/**
 * Builds a subgraph's Apollo Server: schema from SDL and resolvers, every field and entity
 * reference wrapped in its authorisation rule, every string argument checked and normalised
 * after the rule and before the resolver (`text-inputs.ts`), the caller taken as their
 * relationship stands now (`current-contact.ts`), the audit trail written at the end of each
 * request, hardened defaults.
 */
export function createSubgraphServer(
  definition: SubgraphDefinition,
): ApolloServer<SubgraphContext> {
  const schema = buildSubgraphSchema({
    typeDefs: definition.typeDefs,
    resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
  });
  // The text check wraps the resolver first, so the rule's guard runs outside it.
  enforceTextInputs(schema);
  enforceFieldRules(schema, definition.rules);
  return new ApolloServer<SubgraphContext>({
    schema,
    // Only the gateway talks to a subgraph, and it plans from the committed supergraph.
    introspection: false,
    // The gateway batches a request's parallel calls to one subgraph (`call-batches.ts`): the
    // operations share one context, so one loader and one audit trail.
    allowBatchedHttpRequests: true,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpected,
    // No Apollo Studio here (inline traces would only cost time on every subgraph call), no
    // browser (only the gateway calls) and no cache hints in the schema: each disabled plugin
    // keeps its module out of the bundle (`SUBGRAPH_NEVER_LOADED_MODULES`).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      callerStandingNow,
      flushAuditTrail,
    ],
  });
}

/**
 * Records a call that did not come through the gateway (no assertion, or a forged, expired or
 * misaddressed one). In AWS the function URL's IAM auth stops such calls before the function
 * runs, so one that gets this far deserves a record. A failed write is logged; the call is
 * refused all the same.
 */
async function recordUnverifiedCall(
  where: { table: Table; subgraph: string; retentionDays: number },
  headers: Record<string, string | undefined>,
): Promise<void> {
  const correlationId = correlationIdFrom(headers[CORRELATION_HEADER]);
  const metrics = createMetricsRecorder();
  const audit = createAuditTrail({
    table: where.table,
    who: null,
    correlationId,
    now: () => new Date(),
    retentionDays: where.retentionDays,
    metrics,
  });
  audit.record({
    action: 'REFUSED',
    target: `${where.subgraph}:direct-call`,
    reason: 'UNAUTHENTICATED: no valid gateway assertion',
  });
  await audit.flush().catch((error: unknown) => {
    logger.error('Audit trail could not be written', {
      correlationId,
      error: (error as Error).name,
    });
  });
  metrics.publish();
}

/**
 * Per-process services of a subgraph, built once per container, and the per-request
 * context built from the gateway's headers.
 *
 * @param name - the subgraph's name; assertions addressed to another subgraph are refused
 * @param options.services - the services its requests use besides the table
 * @param options.environment - settings
 * @param options.table - the table (the local stack hands every subgraph its one client's)
 * @default options.services - made from the environment, without a workflow engine
 * @default options.environment - read from the process environment
 * @default options.table - the table the environment names, through a client of its own
 */
export function createSubgraphRuntime(
  name: string,
  options: { services?: SubgraphServices; environment?: SubgraphEnvironment; table?: Table } = {},
) {
  const services = options.services ?? servicesFromEnvironment();
  const environment = options.environment ?? readSubgraphEnvironment();
  const table = options.table ?? new Table(createDynamoClient(), environment.TABLE_NAME);
  // In AWS the key comes from Secrets Manager, once per container; a failed load is tried again
  // by the next request rather than failing every request of the container.
  const cursors = loadedOnce(async () => createCursorCodec(await resolveSecret('CURSOR_SECRET')));
  void cursors().catch(() => {});
  const verify = createAssertionVerifier(environment.GATEWAY_PUBLIC_KEY, name);
  const retentionDays = auditRetentionDays();
  const deadlineMs = requestDeadlineMs();

  return {
    table,
    /** Verifies the gateway's assertion and builds the request's context, or refuses. */
    async contextFromHeaders(
      headers: Record<string, string | undefined>,
    ): Promise<SubgraphContext> {
      let assertion: VerifiedAssertion;
      try {
        assertion = await verify(headers[IDENTITY_HEADER]);
      } catch (error) {
        await recordUnverifiedCall({ table, subgraph: name, retentionDays }, headers);
        throw error;
      }
      const correlationId = correlationIdFrom(headers[CORRELATION_HEADER]);
      const identity = assertion.identity;
      const now = () => new Date();
      // Every DynamoDB call of the request, the audit trail's included, ends by the deadline:
      // the subgraph's own, or the gateway's when that comes sooner.
      const requestTable = table.withDeadline(
        requestDeadline(headers[DEADLINE_HEADER], deadlineMs),
      );
      const metrics = createMetricsRecorder();
      return {
        identity,
        correlationId,
        logger: requestLogger(correlationId),
        table: requestTable,
        loader: createItemLoader(requestTable),
        cursors: await cursors(),
        now,
        audit: createAuditTrail({
          table: requestTable,
          who: auditWhoOf(identity),
          correlationId,
          now,
          retentionDays,
          metrics,
        }),
        services,
        metrics,
      };
    },
  };
}

/** The runtime's type. */
export type SubgraphRuntime = ReturnType<typeof createSubgraphRuntime>;

/**
 * The Lambda entry of a subgraph: API Gateway v2 (HTTP API, function URL) events in, the
 * verified context built for every request, the invocation in every log line.
 */
export function createSubgraphLambdaHandler(
  server: ApolloServer<SubgraphContext>,
  runtime: SubgraphRuntime,
) {
  return withLambdaContext(
    startServerAndCreateLambdaHandler(
      server,
      handlers.createAPIGatewayProxyEventV2RequestHandler(),
      {
        context: ({ event }) => runtime.contextFromHeaders(event.headers),
        middleware: [refuseLongBatches],
      },
    ),
  );
}
