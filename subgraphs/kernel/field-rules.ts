import {
  defaultFieldResolver,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLUnionType,
} from 'graphql';
import type { AuditEvent } from './audit.ts';
import { type AuditSubject, subjectOfChange } from './audit-subject.ts';
import type { SubgraphContext } from './context.ts';
import { ERROR_CODES, ForbiddenError, UnauthenticatedError } from './errors.ts';
import type { Identity } from './identity.ts';
import { logger } from './logger.ts';
import { type IdSite, idSitesOf, restoreSentIds, standInFor } from './stranger-answer.ts';

/** The arguments of a field, as GraphQL passes them. */
export type RuleArgs = Readonly<Record<string, unknown>>;

/**
 * Whether a caller may resolve one field on one parent object. Rules are small named functions
 * over (identity, parent) — `staffOfMunicipality(…)`, `theYoungPersonThemself(…)` — declared per
 * type and field next to each subgraph's schema (`subgraphs/<name>/authorisation-rules.ts`) and
 * enforced by {@link enforceFieldRules} on every path: root fields, nested fields and entity
 * references (`_entities`).
 */
export interface FieldRule<Parent = never> {
  /** The rule's name, for refusals in the audit trail and for reading the rule map. */
  readonly name: string;
  /**
   * The field holds a young person's personal data: a read by anyone but them is audited, the
   * art. 15 export carries it and the logger redacts an attribute of its name
   * (`subgraphs/kernel/personal-data.ts` derives each list from this one marking).
   */
  readonly personal: boolean;
  /**
   * For a personal field of a value type that only its parents hand out (`PlacementPlan.goals`):
   * those parent fields (`Placement.plan`), personal themselves, whose read is the one audited.
   */
  readonly auditedBy?: readonly string[];
  /** The field may be resolved without a person's identity (the gateway's own probes only). */
  readonly anonymous: boolean;
  /**
   * Whether the caller may resolve the field.
   *
   * @param identity - the verified caller
   * @param parent - the object the field is resolved on (for a reference: the resolved entity)
   * @param context - the request's context (for rules that need a loaded record)
   * @param args - the field's arguments
   */
  allows(
    identity: Identity,
    parent: Parent,
    context: SubgraphContext,
    args: RuleArgs,
  ): boolean | Promise<boolean>;
}

/** A rule of any parent type, as rule maps hold them. */
// biome-ignore lint/suspicious/noExplicitAny: a rule map holds rules over every parent type of a subgraph
export type AnyFieldRule = FieldRule<any>;

/**
 * Makes a rule.
 *
 * @param name - its name, e.g. `staffOfMunicipality`
 * @param allows - the check
 */
export function fieldRule<Parent>(
  name: string,
  allows: FieldRule<Parent>['allows'],
): FieldRule<Parent> {
  return { name, personal: false, anonymous: false, allows };
}

/**
 * Marks a rule's field as a young person's personal data: a successful read by anyone but the
 * young person themself records one `READ` audit event per young person and request.
 */
export function personal<Parent>(rule: FieldRule<Parent>): FieldRule<Parent> {
  return { ...rule, personal: true };
}

/**
 * Marks a rule's field as a young person's personal data held in a value type that only its
 * parent fields hand out: the parents' read is audited (once per young person and request), so
 * the field records no event of its own; it is exported and redacted from logs all the same.
 *
 * @param parents - the parent fields (`Type.field`), each marked {@link personal}
 * @param rule - the field's rule
 */
export function personalWithin<Parent>(
  parents: readonly string[],
  rule: FieldRule<Parent>,
): FieldRule<Parent> {
  return { ...rule, personal: true, auditedBy: parents };
}

/** The key in a type's rules of the rule that guards its entity references (`_entities`). */
export const REFERENCE = '__resolveReference';

/** For each field of a type (and {@link REFERENCE} for an entity), its rule. */
export type TypeRules = Readonly<Record<string, AnyFieldRule>>;

export type { AuditSubject } from './audit-subject.ts';

/**
 * Tells which young person a field's parent (or a root field's arguments, or a mutation's
 * result) is about. A record that does not name them itself (a lifecycle task names its
 * placement) may answer through the request's loader: the field's value is then handed out
 * only once its `READ` is recorded.
 */
export type SubjectOf = (
  // biome-ignore lint/suspicious/noExplicitAny: parents differ per type
  parent: any,
  args: RuleArgs,
  // biome-ignore lint/suspicious/noExplicitAny: results differ per field
  result?: any,
  context?: SubgraphContext,
) => AuditSubject | undefined | Promise<AuditSubject | undefined>;

/** The authorisation rules of one subgraph. */
export interface SubgraphRules {
  /** For every object type of the subgraph's schema, the rule of each field. */
  readonly types: Readonly<Record<string, TypeRules>>;
  /**
   * Who the records are about, by type (`Youth`) or by field (`Query.youth`, the more specific
   * wins); mutations without one fall back to `input.youthId`.
   */
  readonly subjects?: Readonly<Record<string, SubjectOf>>;
}

/** Resolvers of the federation machinery: signed in, like everything else. */
const FEDERATION_RULES: Readonly<Record<string, TypeRules>> = {
  Query: {
    _entities: fieldRule('signedIn (each entity type has its own reference rule)', () => true),
    _service: fieldRule('signedIn', () => true),
  },
  _Service: { sdl: fieldRule('signedIn', () => true) },
};

/**
 * A subgraph's rules together with the kernel's rules for the federation fields
 * (`_entities`, `_service`), which every subgraph's schema has.
 */
export function withFederationRules(rules: SubgraphRules): SubgraphRules {
  const types: Record<string, TypeRules> = { ...rules.types };
  for (const [typeName, fields] of Object.entries(FEDERATION_RULES)) {
    types[typeName] = { ...fields, ...types[typeName] };
  }
  return { ...rules, types };
}

/**
 * Whether a schema type is an object type. Told by its tag rather than `instanceof`, because
 * @apollo/subgraph builds schemas with graphql's CommonJS build and this module may load the
 * ES module build (two realms of the same classes).
 */
function isObjectType(type: unknown): type is GraphQLObjectType {
  return Object.prototype.toString.call(type) === '[object GraphQLObjectType]';
}

function isUnionType(type: unknown): type is GraphQLUnionType {
  return Object.prototype.toString.call(type) === '[object GraphQLUnionType]';
}

/** The object types of a schema that carry data (not introspection's `__*` types). */
export function dataObjectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'),
  );
}

/** The entity types of a subgraph schema: the members of federation's `_Entity` union. */
export function entityTypeNames(schema: GraphQLSchema): string[] {
  const union = schema.getType('_Entity');
  return isUnionType(union) ? union.getTypes().map((type) => type.name) : [];
}

/**
 * Every field and entity reference of a schema that has no rule: `Type.field` or
 * `Type.__resolveReference`. The schema-wide test fails on each one it returns.
 */
export function fieldsWithoutRule(schema: GraphQLSchema, rules: SubgraphRules): string[] {
  const all = withFederationRules(rules);
  const missing: string[] = [];
  for (const type of dataObjectTypes(schema)) {
    for (const field of Object.keys(type.getFields())) {
      if (!all.types[type.name]?.[field]) missing.push(`${type.name}.${field}`);
    }
  }
  for (const name of entityTypeNames(schema)) {
    if (!all.types[name]?.[REFERENCE]) missing.push(`${name}.${REFERENCE}`);
  }
  return missing;
}

/**
 * Wraps every resolver of a subgraph schema — root fields, nested fields (default resolvers
 * included) and each entity's `__resolveReference` — in its rule:
 *
 * - no identity: `UNAUTHENTICATED` (unless the rule is for the gateway's anonymous probes);
 * - no rule for the field: `FORBIDDEN` (fail closed; the schema-wide test names the field);
 * - the rule refuses: `FORBIDDEN` (a nullable field becomes null) and a `REFUSED` audit event —
 *   but a root field whose rule would let the same call through with an id of nothing in place
 *   of the caller's answers as that call does, and is audited as `REFUSED` all the same, so that
 *   no one learns whether a record they may not see exists (`stranger-answer.ts`);
 * - a resolver's own `FORBIDDEN`/`UNAUTHENTICATED` (tenancy filters stay in the resolvers) is
 *   audited as `REFUSED` too;
 * - a field marked personal, read by anyone but the young person themself: a `READ` event;
 * - a mutation that succeeded (no user errors in its payload): a `CHANGE` event.
 *
 * A reference's rule is checked on the entity the reference resolves to, so `_entities` is
 * held to the same rule as the root query that returns the entity.
 *
 * @param schema - the subgraph's schema, built from SDL and resolvers
 * @param rules - the subgraph's rules
 */
export function enforceFieldRules(schema: GraphQLSchema, rules: SubgraphRules): void {
  const all = withFederationRules(rules);
  for (const type of dataObjectTypes(schema)) {
    const typeRules = all.types[type.name] ?? {};
    const isRoot = type === schema.getQueryType() || type === schema.getMutationType();
    for (const field of Object.values(type.getFields())) {
      field.resolve = guardField({
        typeName: type.name,
        fieldName: field.name,
        rule: typeRules[field.name],
        resolve: field.resolve ?? defaultFieldResolver,
        subjectOf: all.subjects?.[`${type.name}.${field.name}`] ?? all.subjects?.[type.name],
        isMutation: type === schema.getMutationType(),
        idSites: isRoot ? idSitesOf(field.args) : [],
      });
    }
  }
  for (const name of entityTypeNames(schema)) {
    const type = schema.getType(name);
    if (!isObjectType(type)) continue;
    guardReference(
      type,
      all.types[name]?.[REFERENCE],
      all.subjects?.[`${name}.${REFERENCE}`] ?? all.subjects?.[name],
    );
  }
}

/** What one field's guard needs to know. */
interface FieldGuard {
  typeName: string;
  fieldName: string;
  rule: AnyFieldRule | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: resolvers of every type
  resolve: GraphQLFieldResolver<any, SubgraphContext>;
  subjectOf: SubjectOf | undefined;
  isMutation: boolean;
  /** Where a root field's arguments name records by id (none for other fields). */
  idSites: readonly IdSite[];
}

function guardField(guard: FieldGuard): GraphQLFieldResolver<unknown, SubgraphContext> {
  const { typeName, fieldName, rule, resolve, subjectOf, isMutation, idSites } = guard;
  const target = `${typeName}.${fieldName}`;
  return (parent, args, context, info) => {
    const subject = () => subjectFor(subjectOf, parent, args, isMutation);
    const identity = context.identity;
    if (!rule) {
      logger.error('Field has no authorisation rule; refused', { field: target });
      throw refuse(context, target, subject(), new ForbiddenError(`${target} has no rule`), 'none');
    }
    if (!identity && !rule.anonymous) {
      throw refuse(context, target, subject(), new UnauthenticatedError(), rule.name);
    }
    const forbidden = () =>
      refuse(
        context,
        target,
        subject(),
        new ForbiddenError(`${target} is not open to you`),
        rule.name,
      );
    const run = (callArgs: RuleArgs, sent?: ReadonlyMap<string, string>) => {
      const answer = <T>(value: T): T => (sent ? restoreSentIds(value, sent) : value);
      const done = (value: unknown) => {
        const recorded = afterResolve(context, target, rule, isMutation, value, () =>
          readSubjectFor(subjectOf, parent, callArgs, context, value),
        );
        return recorded ? recorded.then(() => answer(value)) : answer(value);
      };
      const failed = (error: unknown): never => {
        throw answer(noteRefusal(context, target, subject(), error));
      };
      let value: unknown;
      try {
        value = resolve(parent, callArgs, context, info);
      } catch (error) {
        return failed(error);
      }
      return isPromiseLike(value) ? Promise.resolve(value).then(done, failed) : done(value);
    };
    const proceed = (allowed: boolean) => {
      if (allowed) return run(args);
      if (!identity || idSites.length === 0) throw forbidden();
      // A stranger to the record hears what an id of nothing hears; the attempt is still audited.
      return standInFor(rule, { identity, parent, context, args }, idSites).then((standIn) => {
        if (!standIn) throw forbidden();
        noteStranger(context, target, subject(), rule.name);
        return run(standIn.args, standIn.sent);
      });
    };
    const verdict = identity ? rule.allows(identity, parent as never, context, args) : true;
    return isPromiseLike(verdict) ? Promise.resolve(verdict).then(proceed) : proceed(verdict);
  };
}

function guardReference(
  type: GraphQLObjectType,
  rule: AnyFieldRule | undefined,
  subjectOf: SubjectOf | undefined,
): void {
  const target = `${type.name}.${REFERENCE}`;
  const original: ReferenceResolver = referenceResolverOf(type) ?? ((r) => r);
  const guarded: ReferenceResolver = async (reference, context, info) => {
    const subject = () => subjectFor(subjectOf, reference, {}, false);
    const identity = context.identity;
    if (!rule) {
      logger.error('Entity has no reference rule; refused', { field: target });
      throw refuse(context, target, subject(), new ForbiddenError(`${target} has no rule`), 'none');
    }
    if (!identity) throw refuse(context, target, subject(), new UnauthenticatedError(), rule.name);
    let entity: unknown;
    try {
      entity = await original(reference, context, info);
    } catch (error) {
      throw noteRefusal(context, target, subject(), error);
    }
    if (entity === null || entity === undefined) return entity;
    if (!(await rule.allows(identity, entity as never, context, {}))) {
      throw refuse(
        context,
        target,
        subjectFor(subjectOf, entity, {}, false) ?? subject(),
        new ForbiddenError(`This ${type.name} is not open to you`),
        rule.name,
      );
    }
    return entity;
  };
  const extensions = type.extensions as SubgraphTypeExtensions;
  // The field is typed readonly, but @apollo/subgraph itself assigns it this way.
  (type as { extensions: unknown }).extensions = {
    ...type.extensions,
    apollo: {
      ...extensions.apollo,
      subgraph: { ...extensions.apollo?.subgraph, resolveReference: guarded },
    },
  };
}

/** Where @apollo/subgraph keeps an entity type's `__resolveReference`. */
interface SubgraphTypeExtensions {
  apollo?: { subgraph?: { resolveReference?: ReferenceResolver } };
}

/**
 * An entity type's `__resolveReference` as `buildSubgraphSchema` stored it (after
 * {@link enforceFieldRules}: the guarded one).
 *
 * @param type - an object type of a subgraph schema
 */
export function referenceResolverOf(type: GraphQLObjectType): ReferenceResolver | undefined {
  return (type.extensions as SubgraphTypeExtensions).apollo?.subgraph?.resolveReference;
}

/** An entity type's `__resolveReference`, as @apollo/subgraph calls it. */
export type ReferenceResolver = (
  reference: Record<string, unknown>,
  context: SubgraphContext,
  info: unknown,
) => unknown;

/** The subject of a refusal: told at once (one that needs a read is recorded without it). */
function subjectFor(
  subjectOf: SubjectOf | undefined,
  parent: unknown,
  args: RuleArgs,
  isMutation: boolean,
  result?: unknown,
): AuditSubject | undefined {
  try {
    const subject = subjectOf?.(parent, args, result);
    if (subject && !isPromiseLike(subject)) return subject;
  } catch {
    // A subject that cannot be told is recorded without one rather than failing the request.
  }
  return isMutation ? subjectOfChange(args.input, result) : undefined;
}

/** The subject of a read of personal data: told at once, or through the request's loader. */
function readSubjectFor(
  subjectOf: SubjectOf | undefined,
  parent: unknown,
  args: RuleArgs,
  context: SubgraphContext,
  value: unknown,
): AuditSubject | undefined | Promise<AuditSubject | undefined> {
  try {
    return subjectOf?.(parent, args, value, context);
  } catch {
    return undefined;
  }
}

/**
 * Records the `READ` of a personal field; a promise when the subject needs a read first (the
 * value waits for it, so that no personal data leaves without its record).
 */
function afterResolve(
  context: SubgraphContext,
  target: string,
  rule: AnyFieldRule,
  isMutation: boolean,
  value: unknown,
  subject: () => AuditSubject | undefined | Promise<AuditSubject | undefined>,
): Promise<void> | undefined {
  // A mutation's change is audited in its own transaction (`command.ts`), not here.
  if (isMutation) return undefined;
  // A value type's fields are audited as their parent's read.
  if (!rule.personal || rule.auditedBy || value === null || value === undefined) return undefined;
  const recordRead = (about: AuditSubject | undefined) => {
    if (!about?.youthId) return;
    const identity = context.identity;
    if (identity?.role === 'YOUTH' && identity.youthId === about.youthId) return;
    record(context, { action: 'READ', target, ...definedSubject(about) });
  };
  const about = subject();
  if (isPromiseLike(about)) return Promise.resolve(about).then(recordRead);
  recordRead(about);
  return undefined;
}

/** Records a refusal and returns the error to throw. */
function refuse(
  context: SubgraphContext,
  target: string,
  subject: AuditSubject | undefined,
  error: GraphQLError,
  ruleName: string,
): GraphQLError {
  const code = String(error.extensions?.code);
  record(context, {
    action: 'REFUSED',
    target,
    ...definedSubject(subject, context.identity),
    reason: `${code}: rule ${ruleName}`,
  });
  return error;
}

/**
 * Audits the refusal of a record to a stranger, whom the field answers as it answers an id of
 * nothing: the data protection officer sees the attempt the caller cannot tell from a miss.
 */
function noteStranger(
  context: SubgraphContext,
  target: string,
  subject: AuditSubject | undefined,
  ruleName: string,
): void {
  record(context, {
    action: 'REFUSED',
    target,
    ...definedSubject(subject, context.identity),
    reason: `${ERROR_CODES.NOT_FOUND}: rule ${ruleName} (answered as an id of nothing)`,
  });
}

/** Audits a resolver's own refusal (its tenancy check) and passes every error on. */
function noteRefusal(
  context: SubgraphContext,
  target: string,
  subject: AuditSubject | undefined,
  error: unknown,
): unknown {
  // Told by the code, not `instanceof`: the error may come from the other graphql build.
  const code = (error as Partial<GraphQLError> | null)?.extensions?.code;
  if (
    code === ERROR_CODES.FORBIDDEN ||
    code === ERROR_CODES.UNAUTHENTICATED ||
    isRefusedCursor(error)
  ) {
    record(context, {
      action: 'REFUSED',
      target,
      ...definedSubject(subject, context.identity),
      reason: `${code}: resolver check`,
    });
  }
  return error;
}

/**
 * A cursor that failed its signature check (see `cursor.ts`): an attempt at another list or
 * position, audited like a refusal.
 */
function isRefusedCursor(error: unknown): boolean {
  const extensions = (error as Partial<GraphQLError> | null)?.extensions;
  return (
    extensions?.code === ERROR_CODES.BAD_USER_INPUT &&
    Array.isArray(extensions.issues) &&
    extensions.issues.some((issue) => (issue as { path?: unknown }).path === 'after')
  );
}

/** The subject's ids, without undefined values; the caller's municipality when it has none. */
function definedSubject(
  subject: AuditSubject | undefined,
  identity?: Identity | null,
): Pick<AuditEvent, 'youthId' | 'municipalityCode'> {
  const out: Pick<AuditEvent, 'youthId' | 'municipalityCode'> = {};
  if (subject?.youthId) out.youthId = subject.youthId;
  const municipalityCode =
    subject?.municipalityCode ??
    (identity && 'municipalityCode' in identity ? identity.municipalityCode : undefined);
  if (municipalityCode) out.municipalityCode = municipalityCode;
  return out;
}

function record(context: SubgraphContext, event: AuditEvent): void {
  context.audit.record(event);
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
