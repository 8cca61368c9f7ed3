import { Supergraph } from '@apollo/federation-internals';
import {
  buildSchema,
  type FragmentDefinitionNode,
  type GraphQLEnumType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { analyseOperation, FIXED_LIST_SIZES } from '#gateway/query-cost';
import { DEFAULT_QUERY_LIMITS } from '#gateway/query-limits';
import { supergraphSdl } from '#schema/generated/supergraph';

const schema = buildSchema(`
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Item { id: ID! name: String! tags: [String!]! children(first: Int = 10): ItemConnection! }
  type ItemEdge { cursor: String! node: Item! }
  type ItemConnection { edges: [ItemEdge!]! pageInfo: PageInfo! }
  type Query { items(first: Int, after: String): ItemConnection! all: [Item!]! one: Item }
`);

const limits = { maxPageSize: 100, defaultPageSize: 20, assumedListSize: 5 };

const analyse = (
  query: string,
  variables: Record<string, unknown> = {},
  against: GraphQLSchema = schema,
) => {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('No operation');
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return analyseOperation({ schema: against, operation, fragments, variables, limits });
};

describe('gateway cost analysis', () => {
  it('counts one per field and nothing for __typename', () => {
    // Act
    const { cost } = analyse('{ __typename one { id name } }');
    // Assess
    expect(cost).toBe(3);
  });

  it("multiplies a connection's selection by its page size, given, from a variable or defaulted", () => {
    // Act
    const given = analyse('{ items(first: 50) { edges { node { id } } } }').cost;
    const fromVariable = analyse('query ($n: Int) { items(first: $n) { edges { node { id } } } }', {
      n: 7,
    }).cost;
    const defaulted = analyse('{ items { edges { node { id } } } }').cost;
    const schemaDefault = analyse('{ one { children { edges { node { id } } } } }').cost;
    // Assess: items = 1 + n × (edges 1 + node (1 + id 1))
    expect(given).toBe(1 + 50 * 3);
    expect(fromVariable).toBe(1 + 7 * 3);
    expect(defaulted).toBe(1 + 20 * 3);
    expect(schemaDefault).toBe(1 + (1 + 10 * 3));
  });

  it('multiplies a plain list by the assumed list length and nests multiplicatively', () => {
    // Act
    const { cost } = analyse('{ all { id children(first: 4) { edges { node { id } } } } }');
    // Assess: all = 1 + 5 × (id 1 + children (1 + 4 × 3))
    expect(cost).toBe(1 + 5 * (1 + (1 + 4 * 3)));
  });

  it('costs fragments and inline fragments like the fields they stand for', () => {
    // Act
    const { cost } = analyse(`
      { items(first: 2) { edges { node { ...itemFields ... on Item { name } } } } }
      fragment itemFields on Item { id tags }`);
    // Assess: items = 1 + 2 × (edges 1 + node (1 + id 1 + tags 1 + name 1))
    expect(cost).toBe(1 + 2 * (1 + 4));
  });

  it('finds every page size above the largest, literal or variable, nested or not', () => {
    // Act
    const { oversizedPages } = analyse(
      'query ($n: Int) { items(first: 101) { edges { node { children(first: $n) { pageInfo { hasNextPage } } } } } }',
      { n: 5000 },
    );
    // Assess
    expect(oversizedPages).toEqual([
      { field: 'Query.items', size: 101 },
      { field: 'Item.children', size: 5000 },
    ]);
  });

  it('keeps the screens of the contract well within the default limit, and refuses a page of pages', () => {
    // Prepare: the API schema the gateway serves
    const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
    const consultantListing = `{ municipality(code: "265") { youth(first: 100) { edges { node { id
      placements { edges { node { status company { name } } } } } } } } }`;
    const figures = `{ municipalities { code name companyStats { active paused left }
      placementStats { planned active completed interrupted } networkStats { youthGroups } } }`;
    const pageOfPages = `{ municipalities { youth(first: 100) { edges { node { id
      placements(first: 100) { edges { node { id company { name } } } } } } } } }`;
    // Act
    const costs = [consultantListing, figures, pageOfPages].map(
      (query) =>
        analyseOperation({
          schema: api,
          operation: parse(query).definitions[0] as OperationDefinitionNode,
          fragments: new Map(),
          variables: {},
          limits: DEFAULT_QUERY_LIMITS,
        }).cost,
    );
    // Assess
    expect(costs[0]).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost / 2);
    expect(costs[1]).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost / 10);
    expect(costs[2]).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxCost * 10);
  });

  it('prices a list of municipalities at the 98 of Denmark, not 20', () => {
    // Prepare
    const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
    const query =
      '{ municipalities { code name youth(first: 100) { edges { node { id name } } } } }';
    // Act
    const { cost } = analyseOperation({
      schema: api,
      operation: parse(query).definitions[0] as OperationDefinitionNode,
      fragments: new Map(),
      variables: {},
      limits: DEFAULT_QUERY_LIMITS,
    });
    // Assess: 1 + 98 × (code 1 + name 1 + youth (1 + 100 × (edges 1 + node (1 + 2))))
    expect(cost).toBe(1 + 98 * (2 + (1 + 100 * (1 + (1 + 2)))));
    expect(cost).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxCost);
  });

  it('prices every alias of the programme figures at national cost, so many periods exceed the limit', () => {
    // Prepare: the programme's figures of one January, then of fifteen, each its own alias
    const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
    const figures = `youthStats { total enrolled inPlacement inEducation inJob paused exited }
      placementStats { planned active extended completed interrupted }
      companyStats { active paused left }`;
    const periods = (count: number) =>
      Array.from(
        { length: count },
        (_, i) =>
          `p${i}: programmeStats(from: "${2010 + i}-01-01", to: "${2010 + i}-01-31") { ${figures} }`,
      ).join('\n');
    const costOf = (query: string) =>
      analyseOperation({
        schema: api,
        operation: parse(query).definitions[0] as OperationDefinitionNode,
        fragments: new Map(),
        variables: {},
        limits: DEFAULT_QUERY_LIMITS,
      }).cost;
    // Act
    const one = costOf(`{ ${periods(1)} }`);
    const fifteen = costOf(`{ ${periods(15)} }`);
    // Assess: one period is 1 + 98 × its 18 fields; fifteen are fifteen times that, over the limit
    expect(one).toBe(1 + 98 * (3 + 7 + 5 + 3));
    expect(one).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost);
    expect(fifteen).toBe(15 * one);
    expect(fifteen).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxCost);
  });

  it("prices the figures' fixed lists at their length, so the programme office's whole dashboard fits", () => {
    // Prepare: every figure of every municipality and the total, as the dashboard asks
    const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
    const youth = `youthStats { total enrolled inPlacement enrolledInPeriod
      followUps { monthsAfterEnrolment youthFollowedUp inEducationOrJob share } }`;
    const placements = `placementStats { active completed outcomesInPeriod { kind count }
      retention { monthsAfterOutcome followedUp kept lost keptShare fellBackShare } }`;
    const query = `{ municipalities { code ${youth} ${placements} }
      programmeStats { ${youth} ${placements} } }`;
    const kinds = (api.getType('PlacementOutcomeKind') as GraphQLEnumType).getValues();
    // Act
    const { cost } = analyseOperation({
      schema: api,
      operation: parse(query).definitions[0] as OperationDefinitionNode,
      fragments: new Map(),
      variables: {},
      limits: DEFAULT_QUERY_LIMITS,
    });
    // Assess: per municipality its code, 4 + 3 × 4 youth figures, 2 + kinds × 2 + 2 × 6 placement figures
    const perMunicipality =
      1 + (1 + 4 + (1 + 3 * 4)) + (1 + 2 + (1 + kinds.length * 2) + (1 + 2 * 6));
    expect(cost).toBe(1 + 98 * perMunicipality + 1 + 98 * (perMunicipality - 1));
    expect(cost).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost);
    for (const coordinate of Object.keys(FIXED_LIST_SIZES)) {
      const [type, field] = coordinate.split('.') as [string, string];
      const fields = (
        api.getType(type) as { getFields(): Record<string, { type: unknown }> }
      ).getFields();
      expect(String(fields[field]?.type)).toMatch(/^\[/);
    }
  });
});
