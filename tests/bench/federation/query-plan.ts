import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { GatewayContext } from '#gateway/gateway-context';
import { SubgraphTransport, type SubgraphTransportOptions } from '#gateway/subgraph-transport';
import type { Identity } from '#kernel/identity';
import { createAssertionSigner } from '#kernel/identity-assertion';
import { supergraphSdl } from '#schema/generated/supergraph';
import type { SubgraphName } from '#schema/subgraphs';

/** A query plan reduced to what replaying it needs: its order, and each fetch's request body. */
export type PlanTree =
  | { kind: 'sequence' | 'parallel'; nodes: PlanTree[] }
  | { kind: 'fetch'; subgraph: SubgraphName; body: string };

/** An operation's plan as the gateway executed it. */
export interface CapturedPlan {
  tree: PlanTree | undefined;
  fetchCount: number;
}

interface RecordedFetch {
  subgraph: SubgraphName;
  query: string;
  body: string;
}

/** The shapes of the gateway's plan nodes this module reads (from `@apollo/query-planner`). */
type PlanNode =
  | { kind: 'Sequence' | 'Parallel'; nodes: PlanNode[] }
  | { kind: 'Fetch'; serviceName: string; operation: string }
  | { kind: 'Flatten'; node: PlanNode }
  | { kind: string };

/** The gateway's transport, noting each request it sends (query, variables) before sending it. */
class RecordingTransport extends SubgraphTransport {
  constructor(
    options: SubgraphTransportOptions,
    private readonly record: (fetch: RecordedFetch) => void,
  ) {
    super(options);
  }

  override process(options: Parameters<SubgraphTransport['process']>[0]) {
    const { query = '', variables, operationName } = options.request;
    this.record({
      subgraph: this.name as SubgraphName,
      query,
      body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
    });
    return super.process(options);
  }

  private get name(): string {
    return (this as unknown as { subgraph: string }).subgraph;
  }
}

/**
 * Records what the gateway does for an operation: a gateway built from the same supergraph and
 * transport as the real one (in this process) executes it once against the running subgraphs,
 * while its query plan and every subgraph request (with the entity representations it carried)
 * are kept. Replaying those requests in the plan's order, straight to the subgraphs, is the
 * subgraph critical path of the same data without the gateway.
 *
 * @param options.subgraphUrls - where the subgraphs run
 * @param options.signingKey - the gateway's private key, for the identity assertions
 */
export async function createPlanRecorder(options: {
  subgraphUrls: Record<SubgraphName, string>;
  signingKey: Parameters<typeof createAssertionSigner>[0];
}) {
  let fetches: RecordedFetch[] = [];
  let plan: PlanNode | undefined;
  const signAssertion = createAssertionSigner(options.signingKey);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new RecordingTransport(
        {
          name: name as SubgraphName,
          url: options.subgraphUrls[name as SubgraphName],
          timeoutMs: 10_000,
          signAssertion,
        },
        (fetch) => fetches.push(fetch),
      ),
    experimental_didResolveQueryPlan: ({ queryPlan }) => {
      plan = queryPlan.node as PlanNode | undefined;
    },
  });
  const server = new ApolloServer<GatewayContext>({ gateway });
  await server.start();

  const treeOf = (node: PlanNode | undefined, unused: RecordedFetch[]): PlanTree | undefined => {
    if (!node) return undefined;
    if (node.kind === 'Flatten') return treeOf((node as { node: PlanNode }).node, unused);
    if (node.kind === 'Fetch') {
      const fetch = node as { serviceName: string; operation: string };
      const index = unused.findIndex(
        (f) => f.subgraph === fetch.serviceName && f.query === fetch.operation,
      );
      // A fetch the gateway skipped (no entities to resolve) is not replayed either.
      if (index < 0) return undefined;
      const [recorded] = unused.splice(index, 1) as [RecordedFetch];
      return { kind: 'fetch', subgraph: recorded.subgraph, body: recorded.body };
    }
    if (node.kind === 'Sequence' || node.kind === 'Parallel') {
      const nodes = (node as { nodes: PlanNode[] }).nodes
        .map((child) => treeOf(child, unused))
        .filter((child): child is PlanTree => child !== undefined);
      if (nodes.length === 0) return undefined;
      if (nodes.length === 1) return nodes[0];
      return { kind: node.kind === 'Sequence' ? 'sequence' : 'parallel', nodes };
    }
    throw new Error(`Query plan node ${node.kind} is not supported by the replay`);
  };

  return {
    /**
     * Executes an operation once through the recording gateway.
     *
     * @param document - the operation
     * @param variables - its variables
     * @param identity - the caller, as the gateway would have verified it
     */
    async capture(
      document: string,
      variables: Record<string, unknown>,
      identity: Identity,
    ): Promise<CapturedPlan> {
      fetches = [];
      plan = undefined;
      const response = await server.executeOperation(
        { query: document, variables },
        { contextValue: { identity, correlationId: 'bench-plan' } },
      );
      if (response.body.kind !== 'single') throw new Error('Expected a single result');
      const result = response.body.singleResult;
      if (result.errors?.length) {
        throw new Error(`The operation failed: ${JSON.stringify(result.errors).slice(0, 500)}`);
      }
      const recorded = [...fetches];
      return { tree: treeOf(plan, recorded), fetchCount: fetches.length };
    },
    stop: () => server.stop(),
  };
}

/** The recorder's type. */
export type PlanRecorder = Awaited<ReturnType<typeof createPlanRecorder>>;
