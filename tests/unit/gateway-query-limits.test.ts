import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryLimitRules } from '#gateway/query-limits';

const schema = buildSchema(`
  type Node { id: ID! child: Node }
  type Query { node: Node }
`);

const refusalsOf = (query: string) =>
  validate(
    schema,
    parse(query),
    queryLimitRules({ maxDepth: 4, maxAliases: 3, maxDirectives: 2 }),
  ).map((e) => ({ code: e.extensions.code, message: e.message }));

describe('gateway query limits', () => {
  it('accepts a query within the limits', () => {
    // Act
    const refusals = refusalsOf('{ node { child { child @include(if: true) { id } } } }');
    // Assess
    expect(refusals).toEqual([]);
  });

  it('refuses a query nested deeper than allowed, fragments included', () => {
    // Prepare
    const query = `
      query { node { ...deep } }
      fragment deep on Node { child { child { child { id } } } }`;
    // Act
    const refusals = refusalsOf(query);
    // Assess
    expect(refusals).toEqual([
      { code: 'QUERY_TOO_DEEP', message: expect.stringContaining('nested 5 deep') },
    ]);
  });

  it('refuses a query with too many aliases', () => {
    // Prepare
    const query = `{ a: node { id } b: node { id } c: node { id } d: node { id } }`;
    // Act
    const refusals = refusalsOf(query);
    // Assess
    expect(refusals).toEqual([
      { code: 'TOO_MANY_ALIASES', message: expect.stringContaining('4 aliases') },
    ]);
  });

  it('refuses a query with too many directives, counting those inside fragments', () => {
    // Prepare
    const query = `
      query { node @skip(if: false) { ...withDirectives } }
      fragment withDirectives on Node { id @include(if: true) child @include(if: true) { id } }`;
    // Act
    const refusals = refusalsOf(query);
    // Assess
    expect(refusals).toEqual([
      { code: 'TOO_MANY_DIRECTIVES', message: expect.stringContaining('3 directives') },
    ]);
  });

  it('counts aliases once per spread, so fragments cannot hide a multiplication', () => {
    // Prepare: two aliases in a fragment spread twice
    const query = `
      query { node { ...pair } other: node { ...pair } }
      fragment pair on Node { x: id y: id }`;
    // Act
    const refusals = refusalsOf(query);
    // Assess
    expect(refusals.map((r) => r.code)).toEqual(['TOO_MANY_ALIASES']);
  });

  it('measures fragments that spread each other twice over in linear time', () => {
    // Prepare: f0 spreads f1 twice, f1 spreads f2 twice … 2^40 paths if walked naively
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment f${i} on Node { child { ...f${i + 1} } id ...f${i + 1} }`,
    ).join('\n');
    const query = `{ node { ...f0 } }\n${fragments}\nfragment f${levels} on Node { id }`;
    const startedAt = performance.now();
    // Act
    const refusals = refusalsOf(query);
    // Assess
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(refusals.map((r) => r.code)).toEqual(['QUERY_TOO_DEEP']);
  });
});
