import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { companiesRules } from '#companies/authorisation-rules';
import {
  dataObjectTypes,
  entityTypeNames,
  REFERENCE,
  type SubgraphRules,
  withFederationRules,
} from '#kernel/field-rules';
import { learningCommunityRules } from '#learning-community/authorisation-rules';
import { peopleRules } from '#people/authorisation-rules';
import { placementsRules } from '#placements/authorisation-rules';
import { SUBGRAPHS, type SubgraphName } from './subgraphs.ts';

/** Each subgraph's rules, as the kernel enforces them. */
const RULES: Record<SubgraphName, SubgraphRules> = {
  people: peopleRules,
  companies: companiesRules,
  placements: placementsRules,
  'learning-community': learningCommunityRules,
};

const PREAMBLE = `# Who may see what

This file is generated from the authorisation rules the subgraphs enforce
(\`subgraphs/<name>/authorisation-rules.ts\`) by \`npm run docs\`; a test fails when it is stale.
Cite it from code as \`docs/authorisation.md\`.

## The roles

| role (token group) | scope | may | may not |
| --- | --- | --- | --- |
| \`YOUTH\` | themself | read their own profile, placements, wishes, groups and stories; see the companies and opportunities of their municipality; create wishes; write work stories | see other young people's data |
| \`COMPANY_CONTACT\` | their company | read their own company, its opportunities, placements and network groups; see a young person's name and work profile while an open invitation, an open wish or a planned or running placement ties them; invite | see barriers, support notes, benefits, health or social data |
| \`NETWORK_CONSULTANT\`, \`TEAM_LEADER\`, \`ENTREPRENEUR\` | their municipality | read and write the municipality's young people, companies, placements and groups | touch another municipality's data; read the psychologist's notes |
| \`PSYCHOLOGIST\` | their municipality | as a consultant, and support notes | another municipality |
| \`PROGRAMME\` | every municipality | figures (every count of people rounded to a multiple of 5) and the pseudonymised evaluation data | read personal data |
| \`DATA_PROTECTION_OFFICER\` | their municipality | read the audit trail; carry out access and erasure requests | read case data beyond what a request needs |

## How it is enforced

- Every field of every type, and every entity reference (\`__resolveReference\`, the
  \`_entities\` path), has exactly one rule, enforced by the kernel in the subgraph that resolves
  it (\`subgraphs/kernel/field-rules.ts\`), whatever the gateway did. A field without a rule is
  refused (and a test names it).
- A refused field is \`FORBIDDEN\` and recorded as a \`REFUSED\` audit event; a read of a young
  person's personal data (a rule marked *personal* below) by anyone but the young person records
  one \`READ\` event per young person and request; no audit record, no data. A value type's
  personal fields (\`personalWithin(…)\`) are audited as the read of their personal parent.
- The same marking decides the rest (\`subgraphs/kernel/personal-data.ts\`): every type with a
  personal field is in the young person's art. 15 export, and the logger redacts every personal
  field holding text by its name; a test fails on a text field marked neither way.
- A mutation's rule decides on the record it names (loaded by the rule) before the command runs;
  its change commits with its \`CHANGE\` audit event in one transaction.
- Every rule that lets someone see or act because of a relationship asks whether it holds now.
  A company contact is taken, before any rule runs, as their contact record stands: one removed
  from their company is a contact of no company, answered as a stranger, in every subgraph
  (\`subgraphs/kernel/current-contact.ts\`). A company and a young person are tied only while an
  open invitation (until its answer-by time), an open wish or a planned or running placement
  joins them (\`subgraphs/kernel/youth-company-link.ts\`).
- \`guardedByParent(…)\` marks a value type that only its parent hands out: the parent's rule has
  already held for the caller.

## The rules, field by field
`;

function schemaOf(file: string) {
  const sdl = readFileSync(new URL(file, import.meta.url), 'utf8');
  return buildSubgraphSchema({ typeDefs: parse(sdl) });
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The rules of one subgraph, a table per type, in the schema's order. */
function subgraphSection(name: SubgraphName, file: string): string {
  const schema = schemaOf(file);
  const rules = withFederationRules(RULES[name]);
  const entities = new Set(entityTypeNames(schema));
  const lines = [`\n### ${name}\n`];
  for (const type of dataObjectTypes(schema)) {
    if (type.name === 'Query' && Object.keys(type.getFields()).every((f) => f.startsWith('_'))) {
      continue;
    }
    const typeRules = rules.types[type.name] ?? {};
    const fields = Object.keys(type.getFields()).filter((field) => !field.startsWith('_'));
    if (entities.has(type.name)) fields.unshift(REFERENCE);
    if (fields.length === 0) continue;
    const names = new Set(fields.map((field) => typeRules[field]?.name));
    const only = typeRules[fields[0] as string];
    if (names.size === 1 && only && !only.personal) {
      // A value type its parent hands out whole: one line says it.
      lines.push(`\n#### \`${type.name}\`\n`, `Every field: ${escapeCell(only.name)}.`);
      continue;
    }
    lines.push(`\n#### \`${type.name}\`\n`, '| field | rule | personal |', '| --- | --- | --- |');
    for (const field of fields) {
      const rule = typeRules[field];
      const shown = field === REFERENCE ? '*(reference)*' : `\`${field}\``;
      lines.push(
        `| ${shown} | ${rule ? escapeCell(rule.name) : '**none: refused**'} | ${rule?.personal ? 'yes' : ''} |`,
      );
    }
  }
  return lines.join('\n');
}

/** The whole document. */
export function authorisationDoc(): string {
  const sections = SUBGRAPHS.map(({ name, file }) => subgraphSection(name, file));
  return `${PREAMBLE}${sections.join('\n')}\n`;
}
