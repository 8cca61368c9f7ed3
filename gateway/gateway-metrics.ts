import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { knownLabel, type Label, label, type MetricsRecorder } from '#kernel/metrics';
import { SUBGRAPHS } from '#schema/subgraphs';
import { CLIENT_FACING_CODES } from './error-masking.ts';
import type { GatewayContext } from './gateway-context.ts';
import { refusalCodeOf } from './refusals.ts';

/** The operation of a request that never reached a valid operation (refused, unparsable). */
export const NO_OPERATION = label('none');

/** An operation of several root fields: one label, so the count of metrics stays bounded. */
const SEVERAL_FIELDS = label('several');

const OUTCOMES: ReadonlySet<string> = new Set([
  'OK',
  'INTERNAL_SERVER_ERROR',
  ...CLIENT_FACING_CODES,
]);

const SUBGRAPH_NAMES: ReadonlySet<string> = new Set(SUBGRAPHS.map(({ name }) => name));

/**
 * A request's outcome as a metric's dimension: `OK`, or the code of its first error (a gateway
 * refusal by its own code).
 *
 * @param errors - the response's errors
 */
export function outcomeLabel(errors: ReadonlyArray<GraphQLFormattedError> | undefined): Label {
  const first = errors?.[0];
  if (!first) return label('OK');
  const code = refusalCodeOf(first, first) ?? first.extensions?.code;
  return knownLabel(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR', OUTCOMES);
}

/**
 * A request's operation as a metric's dimension: its one root field (`youth`, `updateCompany`),
 * a name the schema has, since only an operation that passed validation is named; `several` for
 * more than one root field, `none` when there was no valid operation. Never the client's
 * `operationName`, which anyone may set to anything.
 */
export function operationLabel(
  requestContext: Pick<
    GraphQLRequestContextWillSendResponse<GatewayContext>,
    'operation' | 'schema'
  >,
): Label {
  const { operation, schema } = requestContext;
  if (!operation) return NO_OPERATION;
  const fields = operation.selectionSet.selections.filter((s) => s.kind === 'Field');
  if (fields.length !== 1 || operation.selectionSet.selections.length !== 1) return SEVERAL_FIELDS;
  const name = fields[0]?.kind === 'Field' ? fields[0].name.value : undefined;
  return knownLabel(name, rootFieldsOf(schema, operation.operation));
}

/** Each schema's root fields by operation type, listed once per schema (it never changes). */
const ROOT_FIELDS = new WeakMap<GraphQLSchema, Map<string, ReadonlySet<string>>>();

function rootFieldsOf(schema: GraphQLSchema, type: string): ReadonlySet<string> {
  let byType = ROOT_FIELDS.get(schema);
  if (!byType) {
    byType = new Map();
    ROOT_FIELDS.set(schema, byType);
  }
  let fields = byType.get(type);
  if (!fields) {
    const root = type === 'mutation' ? schema.getMutationType() : schema.getQueryType();
    fields = new Set(Object.keys(root?.getFields() ?? {}));
    byType.set(type, fields);
  }
  return fields;
}

/** A subgraph's name as a metric's dimension. */
export function subgraphLabel(name: string): Label {
  return knownLabel(name, SUBGRAPH_NAMES);
}

/**
 * Counts every request Apollo served by operation and outcome (`Requests`); the ones refused
 * before Apollo are counted by the admission. The request's metrics are published by the
 * Lambda handler when it ends.
 */
export function requestMetricsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const metrics: MetricsRecorder | undefined = requestContext.contextValue.metrics;
          metrics?.count('Requests', {
            operation: operationLabel(requestContext),
            // The errors as the client gets them: masked, with the gateway's and subgraphs' codes.
            outcome: outcomeLabel(responseErrors(requestContext)),
          });
        },
      };
    },
  };
}

function responseErrors(
  requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>,
): ReadonlyArray<GraphQLFormattedError> | undefined {
  const body = requestContext.response.body;
  return body.kind === 'single' ? body.singleResult.errors : undefined;
}
