import { randomBytes } from 'node:crypto';
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  LocalGraphQLDataSource,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { FormattedExecutionResult, GraphQLSchema } from 'graphql';
import { afterQueuedWork } from '#gateway/call-batching';
import type { GatewayContext } from '#gateway/gateway-context';
import type { DevTokenSubject } from '#infra/local/dev-issuer';
import { auditRetentionDays, createAuditTrail } from '#kernel/audit';
import type { SubgraphContext } from '#kernel/context';
import { createCursorCodec } from '#kernel/cursor';
import { createItemLoader } from '#kernel/entity-loader';
import { enforceFieldRules, type SubgraphRules } from '#kernel/field-rules';
import { claimsToIdentity, type Identity } from '#kernel/identity';
import { requestLogger } from '#kernel/logger';
import { createMetricsRecorder } from '#kernel/metrics';
import { servicesFromEnvironment } from '#kernel/services';
import type { Table } from '#kernel/table/table';
import { supergraphSdl } from '#schema/generated/supergraph';
import { SUBGRAPH_MODULES } from '../monolith/subgraph-modules.ts';
import type { BenchOperation } from '../operations.ts';

/**
 * One subgraph in this process: the gateway's request is executed against the subgraph's
 * schema (Apollo's own local data source, which shares its `graphql` module with the schema)
 * with the context the subgraph would build for it, so DynamoDB sees exactly the calls the
 * deployed system makes. As over HTTP, the calls one gateway request makes to the subgraph at
 * once are one batch (`gateway/call-batching.ts`) and share one
 * context (one loader, one audit trail); each call flushes the trail when it ends, as the
 * subgraph's server does for each operation of a batch.
 */
class InProcessSubgraph extends LocalGraphQLDataSource<GatewayContext> {
  private readonly batches = new WeakMap<object, SubgraphContext>();

  constructor(
    schema: GraphQLSchema,
    private readonly contextOf: (identity: Identity | null) => SubgraphContext,
  ) {
    super(schema);
  }

  private batchContext(gatewayContext: Partial<GatewayContext>): SubgraphContext {
    let context = this.batches.get(gatewayContext);
    if (!context) {
      context = this.contextOf(gatewayContext.identity ?? null);
      this.batches.set(gatewayContext, context);
      afterQueuedWork(() => this.batches.delete(gatewayContext));
    }
    return context;
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const context = this.batchContext(options.context as Partial<GatewayContext>);
    const response = await super.process({
      ...options,
      context: context as unknown as GatewayContext,
    } as GraphQLDataSourceProcessOptions<GatewayContext>);
    await context.audit.flush();
    return response;
  }
}

/** The identity the gateway makes of a development token for this subject. */
export function identityOfSubject(subject: DevTokenSubject): Identity {
  return claimsToIdentity({
    sub:
      subject.youthId ??
      subject.staffId ??
      subject.contactId ??
      `${subject.role.toLowerCase()}-${subject.municipalityCode ?? 'all'}`,
    'cognito:groups': [subject.role],
    'custom:municipality': subject.municipalityCode,
    'custom:company': subject.companyId,
    'custom:contact': subject.contactId,
    'custom:youth': subject.youthId,
    'custom:staff': subject.staffId,
  });
}

/** A subgraph's schema with its authorisation rules applied, as its server builds it. */
function withFieldRules(schema: GraphQLSchema, rules: SubgraphRules): GraphQLSchema {
  enforceFieldRules(schema, rules);
  return schema;
}

/**
 * The federated system in one process over one table: Apollo Gateway planning from the
 * committed supergraph, the four subgraphs executing in process. For tests that count the
 * DynamoDB round trips of whole operations in seconds, without HTTP or a local stack; the
 * query plans, resolvers and loaders are those of the deployed system.
 *
 * @param table - the table every subgraph reads
 * @param now - the clock the subgraphs see
 */
export async function createInProcessGateway(table: Table, now: () => Date = () => new Date()) {
  const cursors = createCursorCodec(randomBytes(32).toString('hex'));
  const contextOf = (identity: Identity | null): SubgraphContext => ({
    identity,
    correlationId: 'in-process',
    logger: requestLogger('in-process'),
    table,
    loader: createItemLoader(table),
    cursors,
    now,
    audit: createAuditTrail({
      table,
      who: identity ? { subject: identity.subject, role: identity.role } : null,
      correlationId: 'in-process',
      now,
      retentionDays: auditRetentionDays(),
    }),
    services: servicesFromEnvironment(),
    metrics: createMetricsRecorder(),
  });
  const schemas = new Map(
    SUBGRAPH_MODULES.map((module) => [
      module.name as string,
      withFieldRules(
        buildSubgraphSchema({
          typeDefs: module.typeDefs,
          resolvers: module.resolvers as GraphQLResolverMap<unknown>,
        }),
        module.rules,
      ),
    ]),
  );
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const schema = schemas.get(name);
      if (!schema) throw new Error(`No subgraph named ${name}`);
      return new InProcessSubgraph(schema, contextOf);
    },
  });
  const server = new ApolloServer<GatewayContext>({ gateway });
  await server.start();
  return {
    /**
     * Runs a benchmark operation as its subject.
     *
     * @param operation - the operation
     * @param variables - its variables, when not the operation's own
     */
    async execute(
      operation: BenchOperation,
      variables: Record<string, unknown> = operation.variables,
    ): Promise<FormattedExecutionResult> {
      const response = await server.executeOperation(
        { query: operation.document, variables },
        {
          contextValue: { identity: identityOfSubject(operation.as), correlationId: 'in-process' },
        },
      );
      if (response.body.kind !== 'single') throw new Error('Expected a single result');
      return response.body.singleResult;
    },
    stop: () => server.stop(),
  };
}
