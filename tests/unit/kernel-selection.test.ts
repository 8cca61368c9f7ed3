import {
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsAnyOf } from '#kernel/selection';

/** What a resolver of the document's first root field gets as `fieldNodes` and `fragments`. */
function infoOf(document: string) {
  const definitions = parse(document).definitions;
  const operation = definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = Object.fromEntries(
    definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const root = operation?.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [root], fragments };
}

const CHILDREN = ['contacts', 'opportunities'];

describe('selectsAnyOf', () => {
  it('finds a field at the end of the path', () => {
    const info = infoOf('{ companies { edges { node { id opportunities { id } } } } }');
    expect(selectsAnyOf(info, ['edges', 'node'], CHILDREN)).toBe(true);
  });

  it('finds it through inline fragments and fragment spreads', () => {
    const inline = infoOf(
      '{ companies { edges { ... on CompanyEdge { node { contacts { id } } } } } }',
    );
    const spread = infoOf(`{ companies { edges { node { ...Card } } } }
      fragment Card on Company { name ... on Company { contacts { name } } }`);
    expect(selectsAnyOf(inline, ['edges', 'node'], CHILDREN)).toBe(true);
    expect(selectsAnyOf(spread, ['edges', 'node'], CHILDREN)).toBe(true);
  });

  it('does not find a field selected elsewhere than at the end of the path', () => {
    const info = infoOf(
      '{ companies { contacts { id } edges { node { id name } } pageInfo { endCursor } } }',
    );
    expect(selectsAnyOf(info, ['edges', 'node'], CHILDREN)).toBe(false);
  });

  it('does not find anything below a path the query does not select', () => {
    const info = infoOf('{ companies { pageInfo { hasNextPage } } }');
    expect(selectsAnyOf(info, ['edges', 'node'], CHILDREN)).toBe(false);
  });
});
