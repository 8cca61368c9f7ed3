import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Limits on the shape of a query, checked before any subgraph is called. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
}

/** Deep enough for every screen of the contract, far too shallow for a nesting attack. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30 };

/**
 * Validation rules that refuse queries nested deeper than `maxDepth` or with more than
 * `maxAliases` aliases (the cheap way to multiply a query's cost), before planning.
 *
 * @param limits - the limits
 */
export function queryLimitRules(limits: QueryLimits = DEFAULT_QUERY_LIMITS) {
  return [
    (context: ValidationContext): ASTVisitor => ({
      OperationDefinition(operation) {
        const fragments = Object.fromEntries(
          context
            .getDocument()
            .definitions.filter(
              (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
            )
            .map((f) => [f.name.value, f]),
        );
        const measured = measure(operation.selectionSet, fragments, new Set());
        if (measured.depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(
              `The query is nested ${measured.depth} deep; at most ${limits.maxDepth} is allowed`,
              {
                extensions: { code: 'QUERY_TOO_COMPLEX' },
              },
            ),
          );
        }
        if (measured.aliases > limits.maxAliases) {
          context.reportError(
            new GraphQLError(
              `The query uses ${measured.aliases} aliases; at most ${limits.maxAliases} are allowed`,
              {
                extensions: { code: 'QUERY_TOO_COMPLEX' },
              },
            ),
          );
        }
      },
    }),
  ];
}

function measure(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): { depth: number; aliases: number } {
  let depth = 0;
  let aliases = 0;
  for (const selection of selectionSet.selections) {
    let inner: { depth: number; aliases: number } = { depth: 0, aliases: 0 };
    let own = 0;
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) aliases += 1;
      if (selection.selectionSet) inner = measure(selection.selectionSet, fragments, visiting);
      own = 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(selection.selectionSet, fragments, visiting);
    } else {
      const fragment = fragments[selection.name.value];
      // A fragment that spreads itself is already refused by graphql-js; do not loop on it.
      if (fragment && !visiting.has(selection.name.value)) {
        visiting.add(selection.name.value);
        inner = measure(fragment.selectionSet, fragments, visiting);
        visiting.delete(selection.name.value);
      }
    }
    depth = Math.max(depth, own + inner.depth);
    aliases += inner.aliases;
  }
  return { depth, aliases };
}
