import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryLimitRules } from '#gateway/query-limits';

const schema = buildSchema(`
  type Node { id: ID! child: Node }
  type Query { node: Node }
`);

const codesOf = (query: string) =>
  validate(schema, parse(query), queryLimitRules({ maxDepth: 4, maxAliases: 3 })).map(
    (e) => e.message,
  );

describe('gateway query limits', () => {
  it('accepts a query within the limits', () => {
    expect(codesOf('{ node { child { child { id } } } }')).toEqual([]);
  });

  it('refuses a query nested deeper than allowed, fragments included', () => {
    // Prepare
    const query = `
      query { node { ...deep } }
      fragment deep on Node { child { child { child { id } } } }`;
    // Act and assess
    expect(codesOf(query)).toEqual([expect.stringContaining('nested 5 deep')]);
  });

  it('refuses a query with too many aliases', () => {
    // Prepare
    const query = `{ a: node { id } b: node { id } c: node { id } d: node { id } }`;
    // Act and assess
    expect(codesOf(query)).toEqual([expect.stringContaining('4 aliases')]);
  });
});
