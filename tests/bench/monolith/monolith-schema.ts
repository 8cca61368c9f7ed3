import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  defaultFieldResolver,
  type FieldDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  Kind,
  parse,
  print,
} from 'graphql';
import type { SubgraphContext } from '#kernel/context';
import { dataObjectTypes, enforceFieldRules, referenceResolverOf } from '#kernel/field-rules';
import type { SubgraphName } from '#schema/subgraphs';
import { type ResolverMap, SUBGRAPH_MODULES, type SubgraphModule } from './subgraph-modules.ts';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** Definitions that are merged by name, field by field (or value by value). */
type Mergeable = Extract<
  DefinitionNode,
  {
    kind:
      | Kind.OBJECT_TYPE_DEFINITION
      | Kind.OBJECT_TYPE_EXTENSION
      | Kind.INTERFACE_TYPE_DEFINITION
      | Kind.INPUT_OBJECT_TYPE_DEFINITION
      | Kind.ENUM_TYPE_DEFINITION
      | Kind.UNION_TYPE_DEFINITION;
  }
>;

/** Which subgraphs define each field of each object type, and each subgraph's entity keys. */
interface FieldOwnership {
  owners: Map<string, Map<string, SubgraphName[]>>;
  keys: Map<SubgraphName, Map<string, string[]>>;
}

/**
 * One SDL from the four: every type once, with the union of the fields (object, interface and
 * input types), values (enums) and members (unions) the subgraphs give it; where two define the
 * same field or type (entity keys, shareable types, scalars) the first definition is kept.
 * Federation's own directives stay, so `buildSubgraphSchema` accepts it.
 *
 * @param modules - the subgraphs
 */
export function mergeTypeDefs(modules: readonly SubgraphModule[]): DocumentNode {
  const merged = new Map<string, DefinitionNode>();
  const imports = new Set<string>();
  let linkUrl = 'https://specs.apollo.dev/federation/v2.7';
  for (const module of modules) {
    for (const definition of module.typeDefs.definitions) {
      if (definition.kind === Kind.SCHEMA_EXTENSION || definition.kind === Kind.SCHEMA_DEFINITION) {
        for (const link of definition.directives ?? []) {
          for (const arg of link.arguments ?? []) {
            if (arg.name.value === 'url' && arg.value.kind === Kind.STRING)
              linkUrl = arg.value.value;
            if (arg.name.value === 'import' && arg.value.kind === Kind.LIST) {
              for (const item of arg.value.values) {
                if (item.kind === Kind.STRING) imports.add(item.value);
              }
            }
          }
        }
        continue;
      }
      if (!('name' in definition) || !definition.name) continue;
      const name = definition.name.value;
      const existing = merged.get(name);
      merged.set(name, existing ? mergeDefinition(existing, definition) : asDefinition(definition));
    }
  }
  const link = parse(
    `extend schema @link(url: ${JSON.stringify(linkUrl)}, import: ${JSON.stringify([...imports])})`,
  ).definitions;
  return { kind: Kind.DOCUMENT, definitions: [...link, ...merged.values()] };
}

/** An `extend type` becomes a type definition: in one schema there is nothing to extend. */
function asDefinition(definition: DefinitionNode): DefinitionNode {
  if (definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
    return { ...definition, kind: Kind.OBJECT_TYPE_DEFINITION };
  }
  return definition;
}

function mergeDefinition(first: DefinitionNode, next: DefinitionNode): DefinitionNode {
  const a = first as Mergeable;
  const b = next as Mergeable;
  if ('fields' in a && 'fields' in b && a.fields && b.fields) {
    const names = new Set(a.fields.map((f) => f.name.value));
    const extra = (b.fields as readonly FieldDefinitionNode[]).filter(
      (f) => !names.has(f.name.value),
    );
    return { ...a, fields: [...a.fields, ...extra] } as DefinitionNode;
  }
  if (a.kind === Kind.ENUM_TYPE_DEFINITION && b.kind === Kind.ENUM_TYPE_DEFINITION) {
    const names = new Set((a.values ?? []).map((v) => v.name.value));
    const extra = (b.values ?? []).filter((v) => !names.has(v.name.value));
    return { ...a, values: [...(a.values ?? []), ...extra] };
  }
  if (a.kind === Kind.UNION_TYPE_DEFINITION && b.kind === Kind.UNION_TYPE_DEFINITION) {
    const names = new Set((a.types ?? []).map((t) => t.name.value));
    const extra = (b.types ?? []).filter((t) => !names.has(t.name.value));
    return { ...a, types: [...(a.types ?? []), ...extra] };
  }
  return first;
}

function keyFieldsOf(directives: readonly ConstDirectiveNode[] | undefined): string[] | undefined {
  const key = directives?.find((d) => d.name.value === 'key');
  const fields = key?.arguments?.find((arg) => arg.name.value === 'fields')?.value;
  return fields?.kind === Kind.STRING ? fields.value.split(/\s+/).filter(Boolean) : undefined;
}

function ownershipOf(modules: readonly SubgraphModule[]): FieldOwnership {
  const owners = new Map<string, Map<string, SubgraphName[]>>();
  const keys = new Map<SubgraphName, Map<string, string[]>>();
  for (const module of modules) {
    const moduleKeys = new Map<string, string[]>();
    keys.set(module.name, moduleKeys);
    for (const definition of module.typeDefs.definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION
      ) {
        continue;
      }
      const typeName = definition.name.value;
      const key = keyFieldsOf(definition.directives);
      if (key) moduleKeys.set(typeName, key);
      const fields = owners.get(typeName) ?? new Map<string, SubgraphName[]>();
      owners.set(typeName, fields);
      for (const field of definition.fields ?? []) {
        fields.set(field.name.value, [...(fields.get(field.name.value) ?? []), module.name]);
      }
    }
  }
  return { owners, keys };
}

const ORIGIN = Symbol('monolith origin');
const VIEWS = Symbol('monolith views');

/** An object as the monolith sees it: which subgraph made it, and other subgraphs' views. */
type Tagged = Record<string, unknown> & {
  [ORIGIN]?: SubgraphName;
  [VIEWS]?: Map<SubgraphName, unknown>;
};

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * The resolvers of one schema made of the four subgraphs' resolvers, without a gateway.
 *
 * A subgraph's field resolvers expect their parent as that subgraph made it: its own object
 * when it produced the object itself, or what its `__resolveReference` returns for a
 * reference from elsewhere (federation's `_entities`, with the authorisation it does). So every
 * object a subgraph's resolver returns is remembered as that subgraph's (its origin), and a
 * field of another subgraph first turns the object into that subgraph's view by calling its
 * `__resolveReference` with the key fields — once per object and subgraph, through the one
 * request-wide loader, so a list of references costs one batch, as with the gateway.
 */
function mergeResolvers(
  modules: readonly SubgraphModule[],
  typeDefs: DocumentNode,
): GraphQLResolverMap<SubgraphContext> {
  const byName = new Map(modules.map((m) => [m.name, m]));
  const { owners, keys } = ownershipOf(modules);
  const resolversOf = (name: SubgraphName, type: string): ResolverMap | undefined =>
    byName.get(name)?.resolvers[type];

  /**
   * Marks what a resolver of `origin` returned as that subgraph's: the object itself, or each
   * object of a list. Objects deeper inside (a connection's edges and nodes) are marked as
   * they are resolved, since an object reached through the default resolver has its parent's
   * origin. A symbol property rather than a WeakMap: thousands of weak entries per request
   * cost the garbage collector more than the whole request.
   */
  const tag = (origin: SubgraphName, value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (isPromise(value)) return value.then((resolved) => tag(origin, resolved));
    if (Array.isArray(value)) {
      let pending = false;
      for (const item of value) {
        if (isPromise(item)) pending = true;
        else tag(origin, item);
      }
      return pending ? value.map((item) => tag(origin, item)) : value;
    }
    const record = value as Tagged;
    if (record[ORIGIN] === undefined && Object.isExtensible(record)) record[ORIGIN] = origin;
    return value;
  };

  /** The parent as subgraph `name` sees it: itself, or its view of the reference. */
  const seenBy = (
    name: SubgraphName,
    type: string,
    parent: Tagged,
    context: SubgraphContext,
    info: GraphQLResolveInfo,
  ): unknown => {
    const views = parent[VIEWS] ?? new Map<SubgraphName, unknown>();
    parent[VIEWS] = views;
    if (views.has(name)) return views.get(name);
    const origin = parent[ORIGIN];
    const representation: Record<string, unknown> = { __typename: type };
    for (const field of keys.get(name)?.get(type) ?? []) {
      const own = parent[field];
      const byOrigin = origin ? resolversOf(origin, type)?.[field] : undefined;
      representation[field] =
        own !== undefined || !byOrigin ? own : byOrigin(parent, {}, context, info);
    }
    const resolve = resolversOf(name, type)?.__resolveReference;
    const view = Promise.resolve(resolve(representation, context, info)).then((resolved) => {
      const tagged = tag(name, resolved);
      views.set(name, tagged);
      return tagged;
    });
    views.set(name, view);
    return view;
  };

  const fieldResolver = (
    type: string,
    field: string,
    fieldOwners: SubgraphName[],
  ): GraphQLFieldResolver<Tagged, SubgraphContext> => {
    if (ROOT_TYPES.has(type)) {
      const owner = fieldOwners[0] as SubgraphName;
      const resolve = resolversOf(owner, type)?.[field] ?? defaultFieldResolver;
      return (parent, args, context, info) => tag(owner, resolve(parent, args, context, info));
    }
    return (parent, args, context, info) => {
      const origin = parent[ORIGIN];
      const owner =
        origin && fieldOwners.includes(origin) ? origin : (fieldOwners[0] as SubgraphName);
      const resolve = resolversOf(owner, type)?.[field] ?? defaultFieldResolver;
      const run = (source: unknown) =>
        source === null || source === undefined
          ? null
          : tag(owner, resolve(source, args, context, info));
      if (owner === origin || !resolversOf(owner, type)?.__resolveReference) return run(parent);
      const view = seenBy(owner, type, parent, context, info);
      return isPromise(view) ? view.then(run) : run(view);
    };
  };

  const merged: GraphQLResolverMap<SubgraphContext> = {};
  const objectTypes = new Set(owners.keys());
  for (const definition of typeDefs.definitions) {
    if (!('name' in definition) || !definition.name) continue;
    const type = definition.name.value;
    if (objectTypes.has(type)) continue;
    // Scalars, enums' internal values, abstract types' `__resolveType`: the first subgraph's.
    const first = modules.find((m) => m.resolvers[type] !== undefined)?.resolvers[type];
    if (first !== undefined) merged[type] = first;
  }
  for (const [type, fields] of owners) {
    const typeResolvers: Record<string, unknown> = {};
    for (const [field, fieldOwners] of fields) {
      typeResolvers[field] = fieldResolver(type, field, fieldOwners);
    }
    const isTypeOf = modules.find((m) => m.resolvers[type]?.__isTypeOf)?.resolvers[type]
      ?.__isTypeOf;
    if (isTypeOf) typeResolvers.__isTypeOf = isTypeOf;
    merged[type] = typeResolvers as GraphQLResolverMap<SubgraphContext>[string];
  }
  return merged;
}

/**
 * The monolith's schema: the four subgraphs' SDL merged into one and their resolvers wired to
 * resolve each other's references in process — what a team would build instead of federation,
 * from the same code. Built with `buildSubgraphSchema` (one subgraph with all the types).
 *
 * @param modules - the subgraphs
 * @default SUBGRAPH_MODULES
 */
export function buildMonolithSchema(
  modules: readonly SubgraphModule[] = SUBGRAPH_MODULES,
): GraphQLSchema {
  const guarded = modules.map(withGuardedResolvers);
  const typeDefs = mergeTypeDefs(guarded);
  return buildSubgraphSchema({
    typeDefs,
    resolvers: mergeResolvers(guarded, typeDefs) as GraphQLResolverMap<unknown>,
  });
}

/**
 * The subgraph with the resolvers its own server runs: every field and reference wrapped by
 * its authorisation rules (`enforceFieldRules` on its own schema). A rule reads the parent as
 * its subgraph sees it (`Youth.placements` needs the placements subgraph's view of the young
 * person, not the people subgraph's object), so the rules are checked per subgraph, where the
 * merged resolvers hand each subgraph its own view, and not once on the merged schema.
 */
function withGuardedResolvers(module: SubgraphModule): SubgraphModule {
  const schema = buildSubgraphSchema({
    typeDefs: module.typeDefs,
    resolvers: module.resolvers as GraphQLResolverMap<unknown>,
  });
  enforceFieldRules(schema, module.rules);
  const resolvers: ResolverMap = { ...module.resolvers };
  for (const type of dataObjectTypes(schema)) {
    if (ROOT_TYPES.has(type.name) && !module.resolvers[type.name]) continue;
    const fields: ResolverMap = { ...module.resolvers[type.name] };
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_')) continue;
      fields[field.name] = field.resolve;
    }
    const resolveReference = referenceResolverOf(type);
    if (resolveReference) fields.__resolveReference = resolveReference;
    resolvers[type.name] = fields;
  }
  return { ...module, resolvers };
}

/** The merged SDL as text, for reading what the monolith serves. */
export function monolithSdl(modules: readonly SubgraphModule[] = SUBGRAPH_MODULES): string {
  return print(mergeTypeDefs(modules));
}
