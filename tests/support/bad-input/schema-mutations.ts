import {
  buildSchema,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isObjectType,
} from 'graphql';
import { supergraphSdl } from '#schema/generated/supergraph';

/** One mutation of the supergraph, as a client sees it: `name(input: InputType!): Payload!`. */
export interface SchemaMutation {
  name: string;
  /** The name of its one argument (`input` by the house convention, read from the schema). */
  argument: string;
  inputType: GraphQLInputObjectType;
  /** The object types its payload hands back (not `UserError`): the kinds of record it changes. */
  changedTypes: string[];
}

/**
 * The composed supergraph the gateway serves (the same generated module it loads), as a
 * schema. Federation's join directives are declared in the SDL itself, so graphql-js builds it.
 */
export function supergraphSchema(): GraphQLSchema {
  return buildSchema(supergraphSdl, { assumeValidSDL: true });
}

/**
 * Every mutation of the supergraph, in the schema's order. A mutation added to any subgraph's
 * SDL (and composed) appears here without a change to the tests that walk this list.
 *
 * @param schema - the supergraph
 * @throws Error when a mutation does not take exactly one input object, which the walk needs
 */
export function schemaMutations(schema: GraphQLSchema = supergraphSchema()): SchemaMutation[] {
  const fields = Object.values(schema.getMutationType()?.getFields() ?? {});
  return fields.map((field) => {
    const [argument, ...others] = field.args;
    const inputType = argument ? getNamedType(argument.type) : undefined;
    if (!argument || others.length > 0 || !isInputObjectType(inputType)) {
      throw new Error(`Mutation.${field.name} does not take one input object`);
    }
    const payload = getNamedType(field.type);
    const changedTypes = isObjectType(payload)
      ? Object.values(payload.getFields())
          .map((f) => getNamedType(f.type))
          .filter((t) => isObjectType(t) && t.name !== 'UserError')
          .map((t) => t.name)
      : [];
    return { name: field.name, argument: argument.name, inputType, changedTypes };
  });
}
