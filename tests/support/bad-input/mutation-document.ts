import { type GraphQLSchema, getNamedType, isLeafType, isObjectType } from 'graphql';
import type { SchemaMutation } from './schema-mutations.ts';

/**
 * The document that calls a mutation with its input as a variable, asking the payload for the
 * user errors' codes and, of everything else, only whether it came back (`__typename`, or the
 * value of a scalar): a refused call must hand back no record.
 *
 * @param schema - the supergraph
 * @param mutation - the mutation
 */
export function mutationDocument(schema: GraphQLSchema, mutation: SchemaMutation): string {
  const field = schema.getMutationType()?.getFields()[mutation.name];
  const payload = field ? getNamedType(field.type) : undefined;
  if (!isObjectType(payload)) throw new Error(`Mutation.${mutation.name} has no payload object`);
  const selections = Object.values(payload.getFields()).map((f) => {
    if (f.name === 'errors') return 'errors { code message path }';
    return isLeafType(getNamedType(f.type)) ? f.name : `${f.name} { __typename }`;
  });
  const inputType = `${mutation.inputType.name}!`;
  return `mutation BadInput($input: ${inputType}) { ${mutation.name}(${mutation.argument}: $input) { ${selections.join(' ')} } }`;
}
