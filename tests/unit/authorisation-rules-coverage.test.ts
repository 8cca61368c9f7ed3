import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { companiesRules } from '#companies/authorisation-rules';
import {
  dataObjectTypes,
  entityTypeNames,
  fieldsWithoutRule,
  REFERENCE,
  type SubgraphRules,
} from '#kernel/field-rules';
import { learningCommunityRules } from '#learning-community/authorisation-rules';
import { peopleRules } from '#people/authorisation-rules';
import { placementsRules } from '#placements/authorisation-rules';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';

const RULES: Record<SubgraphName, SubgraphRules> = {
  people: peopleRules,
  companies: companiesRules,
  placements: placementsRules,
  'learning-community': learningCommunityRules,
};

/** The subgraph's schema as its SDL file (the source of truth) declares it. */
function schemaOf(file: string) {
  const sdl = readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8');
  return buildSubgraphSchema({ typeDefs: parse(sdl) });
}

describe('authorisation rules cover the schema', () => {
  it.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.file] as const))(
    '%s: every object type, field and entity reference has a rule',
    (name, file) => {
      // Prepare
      const schema = schemaOf(file);
      // Act
      const missing = fieldsWithoutRule(schema, RULES[name]);
      // Assess: the message names each field that has no rule.
      expect(missing, `fields without a rule in ${name}: ${missing.join(', ')}`).toEqual([]);
    },
  );

  it.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.file] as const))(
    '%s: no rule is left for a field or entity the schema no longer has',
    (name, file) => {
      // Prepare
      const schema = schemaOf(file);
      const fields = new Set(
        dataObjectTypes(schema).flatMap((type) =>
          Object.keys(type.getFields()).map((field) => `${type.name}.${field}`),
        ),
      );
      for (const entity of entityTypeNames(schema)) fields.add(`${entity}.${REFERENCE}`);
      // Act
      const stale = Object.entries(RULES[name].types).flatMap(([type, rules]) =>
        Object.keys(rules)
          .map((field) => `${type}.${field}`)
          .filter((field) => !fields.has(field)),
      );
      // Assess
      expect(stale, `rules without a field in ${name}: ${stale.join(', ')}`).toEqual([]);
    },
  );

  it('fails naming the field when one has no rule', () => {
    // Prepare: the people rules without the rule of Youth.barriers.
    const { barriers: _dropped, ...youth } = peopleRules.types.Youth ?? {};
    const incomplete: SubgraphRules = {
      ...peopleRules,
      types: { ...peopleRules.types, Youth: youth },
    };
    // Act
    const missing = fieldsWithoutRule(schemaOf('people.graphql'), incomplete);
    // Assess
    expect(missing).toContain('Youth.barriers');
  });
});
