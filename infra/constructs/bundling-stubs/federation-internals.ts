/**
 * Stand-in for `@apollo/federation-internals` in the subgraphs' bundles (about 340 KB minified,
 * CommonJS, not tree-shakable, and a long schema-validation pass on every cold start).
 * `@apollo/subgraph`'s `buildSubgraphSchema` calls it for three things only: `buildSubgraph` to
 * turn the SDL into a graphql-js schema with federation's `_Any`, `_Entity`, `_Service`,
 * `Query._entities` and `Query._service`; `printSchema` for the SDL `_service` returns; and
 * `assert`. This file does those with graphql-js. `@apollo/subgraph` itself (its entity
 * resolver, `__resolveReference`, resolver maps) still runs unchanged.
 *
 * What differs from the real package, deliberately:
 * - The schema leaves out the definitions of federation's and link's own directives
 *   (`@key`, `@shareable`, `@link`, …) and their types (`link__Import`, `federation__FieldSet`,
 *   …): they are only visible by introspection, which the subgraphs disable. Everything a
 *   request can reach is the same (`tests/infra/bundles.test.ts` compares both schemas).
 * - `_service { sdl }` returns the subgraph's SDL as written (with its `@link`), not Apollo's
 *   expanded print of it; both compose. Only the gateway may ask, and it plans from the
 *   committed supergraph, never from `_service`.
 * - The SDL is not validated here: `npm run compose` and the subgraph tests validate it with
 *   the real packages, and graphql-js still validates the built schema when Apollo Server starts.
 *
 * It builds only what the subgraphs use — Federation 2 `@link`, `@key` on object types — and
 * refuses anything else at start-up rather than serve a schema that differs from the real one.
 */
import {
  buildASTSchema,
  type ConstDirectiveNode,
  concatAST,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  parse,
  print,
} from 'graphql';

/** The name `@apollo/subgraph` gives the one subgraph it builds. */
export const FEDERATION_UNNAMED_SUBGRAPH_NAME = '<unnamed>';

const FEDERATION_2 = /^https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+$/;

/** Features of federation this stand-in does not build (the real package would). */
const UNSUPPORTED_DIRECTIVES = [
  'interfaceObject',
  'extends',
  'external',
  'requires',
  'provides',
  'override',
  'composeDirective',
  'context',
  'fromContext',
];

/**
 * Throws when `condition` is falsy, as federation-internals' `assert` does.
 *
 * @param condition - what must hold
 * @param message - the error's message, or a function that builds it
 */
export function assert(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) {
    throw new Error(`Assertion error: ${typeof message === 'string' ? message : message()}`);
  }
}

/** The part of federation-internals' `Schema` that `@apollo/subgraph` reads. */
export interface LeanSubgraphSchema {
  /** The root types, by operation. */
  schemaDefinition: { rootType(operation: 'query'): { name: string } | undefined };
  /** The executable graphql-js schema. */
  toGraphQLJSSchema(): GraphQLSchema;
  /** The SDL as written, returned by `_service`. */
  readonly source: DocumentNode;
}

/** The part of federation-internals' `Subgraph` that `@apollo/subgraph` reads. */
export interface LeanSubgraph {
  name: string;
  url: string;
  schema: LeanSubgraphSchema;
  /** Federation metadata: whether the subgraph has entities (and so `_entities`). */
  metadata(): { entityType(): { name: string } | undefined };
}

/**
 * Builds a subgraph's executable schema from its Federation 2 SDL, with federation's fields
 * and types, as `buildSubgraph` of `@apollo/federation-internals` does for `@apollo/subgraph`.
 *
 * @param name - the subgraph's name
 * @param url - the subgraph's URL
 * @param source - the SDL
 */
export function buildSubgraph(
  name: string,
  url: string,
  source: DocumentNode | string,
): LeanSubgraph {
  const document = typeof source === 'string' ? parse(source) : source;
  const names = federationNames(document);
  refuseUnsupported(document, names);
  const queryName = queryRootName(document);
  const entities = entityNames(document, names.key);
  const queryDefined = document.definitions.some(
    (definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === queryName,
  );
  const federationFields = [
    ...(entities.length > 0 ? ['_entities(representations: [_Any!]!): [_Entity]!'] : []),
    '_service: _Service!',
  ].join('\n  ');
  const additions = parse(
    [
      'scalar _Any',
      'type _Service {\n  sdl: String\n}',
      ...(entities.length > 0 ? [`union _Entity = ${entities.join(' | ')}`] : []),
      `${queryDefined ? 'extend type' : 'type'} ${queryName} {\n  ${federationFields}\n}`,
    ].join('\n\n'),
  );
  // The applied federation directives (`@key`, `@shareable`, `@link`) have no definitions here:
  // graphql-js keeps them on the AST nodes without checking them.
  const schema = buildASTSchema(concatAST([document, additions]), { assumeValidSDL: true });
  const entityType = entities.length > 0 ? { name: '_Entity' } : undefined;
  return {
    name,
    url,
    schema: {
      source: document,
      schemaDefinition: {
        rootType: (operation) => (operation === 'query' ? { name: queryName } : undefined),
      },
      toGraphQLJSSchema: () => schema,
    },
    metadata: () => ({ entityType: () => entityType }),
  };
}

/**
 * The SDL `_service` returns: the subgraph's own, as written.
 *
 * @param schema - a schema built by `buildSubgraph`
 */
export function printSchema(schema: LeanSubgraphSchema): string {
  return print(schema.source);
}

/** Used by `printSubgraphSchema`, which the subgraphs never call. */
export function graphQLJSSchemaToAST(): never {
  throw new Error('printSubgraphSchema is left out of this bundle');
}

/** Used by `printSubgraphSchema`, which the subgraphs never call. */
export function graphQLJSNamedTypeToAST(): never {
  throw new Error('printSubgraphSchema is left out of this bundle');
}

/** How the schema names federation's directives: imported ones bare, others `federation__`. */
interface FederationNames {
  key: string;
  /** Every name a federation directive may have in this schema. */
  all(directive: string): string[];
}

function federationNames(document: DocumentNode): FederationNames {
  const links = document.definitions
    .filter(
      (definition) =>
        definition.kind === Kind.SCHEMA_EXTENSION || definition.kind === Kind.SCHEMA_DEFINITION,
    )
    .flatMap((definition) => definition.directives ?? [])
    .filter((directive) => directive.name.value === 'link');
  const federationLinks = links.filter((link) => FEDERATION_2.test(argumentString(link, 'url')));
  assert(
    federationLinks.length === 1 && links.length === 1,
    'The bundled subgraph schema builder handles one Federation 2 @link only; bundle the real @apollo/federation-internals for this SDL',
  );
  const link = federationLinks[0] as ConstDirectiveNode;
  assert(!argumentString(link, 'as'), 'A renamed federation @link is not handled here');
  const imported = new Set<string>();
  const imports = link.arguments?.find((argument) => argument.name.value === 'import')?.value;
  for (const value of imports?.kind === Kind.LIST ? imports.values : []) {
    assert(value.kind === Kind.STRING, 'A renamed federation import is not handled here');
    imported.add(value.value.replace(/^@/, ''));
  }
  const nameOf = (directive: string) =>
    imported.has(directive) ? directive : `federation__${directive}`;
  return { key: nameOf('key'), all: (directive) => [directive, `federation__${directive}`] };
}

function argumentString(directive: ConstDirectiveNode, name: string): string {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : '';
}

function refuseUnsupported(document: DocumentNode, names: FederationNames): void {
  const unsupported = new Set(UNSUPPORTED_DIRECTIVES.flatMap((name) => names.all(name)));
  for (const definition of document.definitions) {
    for (const directive of directivesWithin(definition)) {
      assert(
        !unsupported.has(directive),
        `@${directive} is not handled by the bundled subgraph schema builder; bundle the real @apollo/federation-internals`,
      );
    }
    if (
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_EXTENSION
    ) {
      assert(
        !definition.directives?.some((directive) => directive.name.value === names.key),
        'Entity interfaces are not handled by the bundled subgraph schema builder',
      );
    }
  }
}

/** Every directive applied on a definition, its fields and their arguments. */
function directivesWithin(definition: DefinitionNode): string[] {
  const names: string[] = [];
  const collect = (node: { directives?: readonly { name: { value: string } }[] }) => {
    for (const directive of node.directives ?? []) names.push(directive.name.value);
  };
  if ('directives' in definition) collect(definition);
  if ('fields' in definition) {
    for (const field of definition.fields ?? []) {
      collect(field);
      if ('arguments' in field) for (const argument of field.arguments ?? []) collect(argument);
    }
  }
  return names;
}

function queryRootName(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) {
      continue;
    }
    const query = definition.operationTypes?.find((type) => type.operation === 'query');
    if (query) return query.type.name.value;
  }
  return 'Query';
}

/** Object types with a `@key`, resolvable or not: the members of `_Entity`, sorted as Apollo's. */
function entityNames(document: DocumentNode, keyDirective: string): string[] {
  const names = new Set<string>();
  for (const definition of document.definitions) {
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
        definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      definition.directives?.some((directive) => directive.name.value === keyDirective)
    ) {
      names.add(definition.name.value);
    }
  }
  return [...names].sort();
}
