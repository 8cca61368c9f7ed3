import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type FragmentDefinitionNode, Kind } from 'graphql';
import type { GatewayContext } from './gateway-context.ts';
import { analyseOperation } from './query-cost.ts';
import type { QueryLimits } from './query-limits.ts';
import { queryRefusal } from './refusals.ts';

const fragmentsByDocument = new WeakMap<DocumentNode, Map<string, FragmentDefinitionNode>>();

/**
 * Refuses, once the operation is known and before it is planned, a page size above the largest
 * (`PAGE_TOO_LARGE`) and an estimated cost above the limit (`QUERY_TOO_COSTLY`). Both depend on
 * the request's variables (`first: $pageSize`), so they run on every request, not in the
 * validation that Apollo caches per document.
 *
 * @param limits - the limits and the cost model's sizes
 */
export function operationLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const analysis = analyseOperation({
            schema,
            operation,
            fragments: fragmentsOf(document),
            variables: request.variables,
            limits,
          });
          const [oversized] = analysis.oversizedPages;
          if (oversized) {
            throw queryRefusal(
              'PAGE_TOO_LARGE',
              `${oversized.field} asks for ${oversized.size} items; at most ${limits.maxPageSize} are allowed per page`,
            );
          }
          if (analysis.cost > limits.maxCost) {
            throw queryRefusal(
              'QUERY_TOO_COSTLY',
              `The query's estimated cost is ${analysis.cost}; at most ${limits.maxCost} is allowed`,
            );
          }
        },
      };
    },
  };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  let fragments = fragmentsByDocument.get(document);
  if (!fragments) {
    fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((f) => [f.name.value, f]),
    );
    fragmentsByDocument.set(document, fragments);
  }
  return fragments;
}
