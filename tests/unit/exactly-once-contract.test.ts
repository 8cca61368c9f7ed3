import { readFileSync } from 'node:fs';
import {
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  parse,
  print,
  type TypeNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '#schema/subgraphs';

interface MutationShape {
  name: string;
  /** The input object's fields and their types, as written (`Int!`). */
  inputFields: Record<string, string>;
  /** The payload's first object field: what the mutation creates or changes. */
  primary: string | undefined;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * Every mutation of every subgraph, as its SDL (the source of truth) declares it. Read from the
 * syntax tree rather than a built schema, so that no second copy of graphql's classes is in play.
 */
function mutations(): MutationShape[] {
  return SUBGRAPHS.flatMap(({ file }) => {
    const sdl = readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8');
    const definitions = parse(sdl).definitions;
    const fieldsOf = (name: string): Array<FieldDefinitionNode | InputValueDefinitionNode> =>
      definitions.flatMap((d) =>
        'name' in d && d.name?.value === name && 'fields' in d ? [...(d.fields ?? [])] : [],
      );
    const objectTypes = new Set(
      definitions.flatMap((d) =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION
          ? [d.name.value]
          : [],
      ),
    );
    return fieldsOf('Mutation').flatMap((field) => {
      if (field.kind !== Kind.FIELD_DEFINITION) return [];
      const input =
        field.kind === Kind.FIELD_DEFINITION
          ? field.arguments?.find((arg) => arg.name.value === 'input')
          : undefined;
      const inputFields = Object.fromEntries(
        (input ? fieldsOf(namedType(input.type)) : []).map((f) => [f.name.value, print(f.type)]),
      );
      const primary = fieldsOf(namedType(field.type)).find(
        (f) =>
          f.kind === Kind.FIELD_DEFINITION &&
          f.name.value !== 'errors' &&
          objectTypes.has(namedType(f.type)),
      );
      return [{ name: field.name.value, inputFields, primary: primary?.name.value }];
    });
  });
}

describe('the contract of exactly-once changes, read from the schema', () => {
  const all = mutations();

  it('lists every mutation of the four subgraphs, each with one input object', () => {
    // Assess
    expect(all.length).toBeGreaterThan(40);
    for (const mutation of all) {
      expect(Object.keys(mutation.inputFields).length, mutation.name).toBeGreaterThan(0);
    }
  });

  it('gives every mutation an optional idempotencyKey: String', () => {
    // Act
    const without = all.filter((m) => m.inputFields.idempotencyKey !== 'String').map((m) => m.name);
    // Assess
    expect(without).toEqual([]);
  });

  it('names the version an edit was read at one way: expectedVersion: Int!, never version', () => {
    // Act
    const wrong = all.flatMap((m) => [
      ...('version' in m.inputFields ? [`${m.name}.version`] : []),
      ...('expectedVersion' in m.inputFields && m.inputFields.expectedVersion !== 'Int!'
        ? [`${m.name}.expectedVersion`]
        : []),
    ]);
    // Assess
    expect(wrong).toEqual([]);
  });

  it('makes every mutation that changes the record its input names take expectedVersion', () => {
    // Prepare: a mutation changes an existing record when its input names, by id, the record
    // its payload answers with (`updateCompany(companyId) → company`); one that answers with a
    // record its input does not name creates it (`addCompanyContact(companyId) → contact`).
    const edits = all.filter(
      (m) => m.primary && (`${m.primary}Id` in m.inputFields || 'id' in m.inputFields),
    );
    // Act
    const without = edits.filter((m) => !('expectedVersion' in m.inputFields)).map((m) => m.name);
    // Assess
    expect(edits.length).toBeGreaterThan(25);
    expect(without).toEqual([]);
  });
});
