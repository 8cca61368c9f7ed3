import {
  type ASTVisitor,
  type DirectiveNode,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { MAX_PAGE_SIZE } from '#kernel/validation';
import { queryRefusal } from './refusals.ts';

/** Limits on an operation's shape and cost, checked before any subgraph is called. */
export interface QueryLimits {
  /** Fields nested inside each other, fragments expanded. */
  maxDepth: number;
  /** Aliased fields, fragments expanded (aliases are the cheap way to repeat a costly field). */
  maxAliases: number;
  /** Directives, fragments expanded. */
  maxDirectives: number;
  /** Lexical tokens of the document (graphql-js stops parsing beyond it). */
  maxTokens: number;
  /** Estimated cost, see `query-cost.ts` for the model. */
  maxCost: number;
  /** The largest `first` any list argument may ask for. */
  maxPageSize: number;
  /** The page size assumed for a list argument that is not given. */
  defaultPageSize: number;
  /** The length assumed for a list field without a page size argument. */
  assumedListSize: number;
}

/**
 * Deep enough for every screen of the contract, far too shallow or small for an attack. The
 * cost allows a municipality's full page of young people with a page of placements each
 * (100 × 20 plus their fields), and refuses a page of pages of pages.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 5000,
  maxCost: 25_000,
  maxPageSize: MAX_PAGE_SIZE,
  defaultPageSize: 20,
  assumedListSize: 20,
};

/**
 * Validation rules that refuse operations nested deeper than `maxDepth` (`QUERY_TOO_DEEP`),
 * with more than `maxAliases` aliases (`TOO_MANY_ALIASES`) or more than `maxDirectives`
 * directives (`TOO_MANY_DIRECTIVES`), before planning. They depend on the document alone, so
 * Apollo's cache of validated documents keeps them cheap.
 *
 * @param given - the limits; missing ones take {@link DEFAULT_QUERY_LIMITS}
 */
export function queryLimitRules(given: Partial<QueryLimits> = {}) {
  const limits = { ...DEFAULT_QUERY_LIMITS, ...given };
  return [
    (context: ValidationContext): ASTVisitor => {
      const fragments = new Map(
        context
          .getDocument()
          .definitions.filter(
            (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
          )
          .map((f) => [f.name.value, f]),
      );
      const measureOf = createMeasure(fragments);
      return {
        OperationDefinition(operation) {
          const measured = measureOf(operation.selectionSet);
          const directives =
            measured.directives +
            count(operation.directives) +
            (operation.variableDefinitions ?? []).reduce((n, v) => n + count(v.directives), 0);
          if (measured.depth > limits.maxDepth) {
            context.reportError(
              queryRefusal(
                'QUERY_TOO_DEEP',
                `The query is nested ${measured.depth} deep; at most ${limits.maxDepth} is allowed`,
              ),
            );
          }
          if (measured.aliases > limits.maxAliases) {
            context.reportError(
              queryRefusal(
                'TOO_MANY_ALIASES',
                `The query uses ${measured.aliases} aliases; at most ${limits.maxAliases} are allowed`,
              ),
            );
          }
          if (directives > limits.maxDirectives) {
            context.reportError(
              queryRefusal(
                'TOO_MANY_DIRECTIVES',
                `The query uses ${directives} directives; at most ${limits.maxDirectives} are allowed`,
              ),
            );
          }
        },
      };
    },
  ];
}

interface Measure {
  depth: number;
  aliases: number;
  directives: number;
}

const NOTHING: Measure = { depth: 0, aliases: 0, directives: 0 };

function count(directives: readonly DirectiveNode[] | undefined): number {
  return directives?.length ?? 0;
}

/**
 * Measures selection sets with fragments expanded. Each fragment is measured once and
 * remembered: fragments that spread each other twice over would otherwise take exponential
 * time to walk, which is itself an attack on naive limiters.
 */
function createMeasure(fragments: Map<string, FragmentDefinitionNode>) {
  const known = new Map<string, Measure>();
  const visiting = new Set<string>();

  const ofFragment = (name: string): Measure => {
    const remembered = known.get(name);
    if (remembered) return remembered;
    const fragment = fragments.get(name);
    // An unknown fragment, or one that spreads itself, is refused by graphql-js's own rules.
    if (!fragment || visiting.has(name)) return NOTHING;
    visiting.add(name);
    const measured = ofSelectionSet(fragment.selectionSet);
    visiting.delete(name);
    const withOwn = { ...measured, directives: measured.directives + count(fragment.directives) };
    known.set(name, withOwn);
    return withOwn;
  };

  const ofSelectionSet = (selectionSet: SelectionSetNode): Measure => {
    let depth = 0;
    let aliases = 0;
    let directives = 0;
    for (const selection of selectionSet.selections) {
      directives += count(selection.directives);
      let inner = NOTHING;
      let own = 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        if (selection.selectionSet) inner = ofSelectionSet(selection.selectionSet);
        own = 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = ofSelectionSet(selection.selectionSet);
      } else {
        inner = ofFragment(selection.name.value);
      }
      depth = Math.max(depth, own + inner.depth);
      aliases += inner.aliases;
      directives += inner.directives;
    }
    return { depth, aliases, directives };
  };

  return ofSelectionSet;
}
