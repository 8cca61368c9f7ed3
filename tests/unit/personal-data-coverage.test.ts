import { readFileSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { COMPANIES_EXPORT_SECTIONS } from '#companies/data-subject/companies-data-subject';
import { dataObjectTypes, type SubgraphRules } from '#kernel/field-rules';
import { PERSONAL_KEYS } from '#kernel/logger';
import { type PersonalField, personalFieldsOf } from '#kernel/personal-data';
import { LEARNING_EXPORT_SECTIONS } from '#learning-community/data-subject/learning-data-subject';
import { PEOPLE_EXPORT_SECTIONS } from '#people/data-subject/people-data-subject';
import { PLACEMENTS_EXPORT_SECTIONS } from '#placements/data-subject/placements-data-subject';
import {
  personalFieldNamesModule,
  SUBGRAPH_RULES,
  subgraphSchemaOf,
} from '#schema/personal-field-names';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';

/**
 * Every field that holds a young person's personal data is marked so in its subgraph's rules,
 * and every marked field is audited when read, in the art. 15 export and redacted from logs —
 * all three derived from the one marking, so that a new field cannot be left out of one.
 */

/** Each subgraph's art. 15 sections: the types whose records they hold. */
const EXPORT_SECTIONS: Record<SubgraphName, Record<string, readonly string[]>> = {
  people: PEOPLE_EXPORT_SECTIONS,
  companies: COMPANIES_EXPORT_SECTIONS,
  placements: PLACEMENTS_EXPORT_SECTIONS,
  'learning-community': LEARNING_EXPORT_SECTIONS,
};

/**
 * The text fields that hold no young person's personal data, and why. Every other text
 * (`String`) field of every subgraph must be marked personal: free text is where personal data
 * ends up, so a new one is personal until someone says here why it is not.
 */
const NOT_A_YOUNG_PERSONS_TEXT: Record<string, string> = {
  'UserError.code': 'a stable code',
  'UserError.message': 'the code’s words about the input',
  'UserError.path': 'an input path',
  'PageInfo.endCursor': 'a signed position in a list',
  'Municipality.name': 'a municipality',
  'StaffMember.name': 'a staff member, not a young person',
  'ResourceStats.staffHourCostVersion': 'a configuration version',
  'ProgrammeCostsOfMonth.month': 'a month',
  'ProgrammeCosts.month': 'a month',
  'AuditRecord.target': 'a field name',
  'AuditRecord.reason': 'a refusal code and rule name',
  'AuditRecord.actorRole': 'a role',
  'AuditRecord.correlationId': 'a request id',
  'EvaluationDataset.location': 'where the pseudonymised files are',
  'EvaluationDataset.youthFile': 'a file name',
  'EvaluationDataset.placementFile': 'a file name',
  'EvaluationDataset.codebookFile': 'a file name',
  'EvaluationDataset.controlFile': 'a file name',
  'YouthDataExport.document': 'the art. 15 document itself, audited as its EXPORT',
  'Company.cvr': 'a company',
  'Company.name': 'a company',
  'Company.industry': 'a company',
  'CompanyAddress.street': 'a company',
  'CompanyAddress.postcode': 'a company',
  'CompanyAddress.town': 'a company',
  'CompanyPause.reason': 'a company',
  'CompanyContact.name': 'a company’s contact person, not a young person',
  'CompanyContact.role': 'a company’s contact person, not a young person',
  'CompanyProspect.name': 'a company the team recruits',
  'CompanyProspect.cvr': 'a company the team recruits',
  'CompanyProspect.sector': 'a company the team recruits',
  'CompanyProspect.contactName': 'a prospect’s contact person, not a young person',
  'CompanyProspect.contactPhone': 'a prospect’s contact person, not a young person',
  'CompanyContact.phone': 'a company’s contact person, not a young person',
  'CompanyContact.email': 'a company’s contact person, not a young person',
  'PlacementOpportunity.title': 'a company’s offer',
  'PlacementOpportunity.description': 'a company’s offer',
  'PlacementOpportunity.trade': 'a company’s offer',
  'PlacementLifecycle.executionId': 'a workflow execution name, without personal data',
  'SelfAssessmentItem.da': 'the self-assessment’s configured wording',
  'SelfAssessmentItem.en': 'the self-assessment’s configured wording',
  'LifecycleTask.title': 'the step’s fixed title',
  'ParticipantTask.title': 'the task’s fixed title',
  'MatchingEvent.title': 'an event',
  'MatchingEvent.place': 'an event',
  'NetworkGroup.name': 'a group',
  'NetworkSession.theme': 'a group session',
  'NetworkSession.notes': 'the team’s notes on a group session, no one young person’s record',
  'PracticeLearning.title': 'the teams’ shared practice',
  'PracticeLearning.body': 'the teams’ shared practice',
  'PracticeLearning.tags': 'the teams’ shared practice',
  'GatheringParticipant.role': 'a staff member’s role',
  'GatheringManager.title': 'a municipal manager’s title, not a young person',
  // An employee's personal data, not a young person's: read only by the programme office and
  // the teams taking part (its rule), as `StaffMember.name` and `CompanyContact.name` are kept.
  'GatheringManager.name': 'a municipal manager, not a young person',
  'UnitedGathering.agenda': 'a gathering of the teams',
  'UnitedGathering.outcomes': 'a gathering of the teams',
  'TeamTraining.topics': 'a training of a team',
};

/** The text fields of a schema: `Type.field` of every field whose named type is `String`. */
function textFieldsOf(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const type of dataObjectTypes(schema)) {
    for (const field of Object.values(type.getFields())) {
      let inner: unknown = field.type;
      while (typeof inner === 'object' && inner !== null && 'ofType' in inner) {
        inner = (inner as { ofType: unknown }).ofType;
      }
      const name = (inner as { name: string }).name;
      if (name === 'String' && !type.name.endsWith('Edge') && !type.name.startsWith('_'))
        found.push(`${type.name}.${field.name}`);
    }
  }
  return found;
}

/** The text fields neither marked personal nor said to hold no young person's data. */
function unmarkedText(schema: GraphQLSchema, personal: readonly PersonalField[]): string[] {
  const marked = new Set(personal.map((f) => `${f.typeName}.${f.fieldName}`));
  return textFieldsOf(schema).filter(
    (field) => !marked.has(field) && !(field in NOT_A_YOUNG_PERSONS_TEXT),
  );
}

/**
 * The personal fields whose read records no `READ`: neither a subject to record it under, nor
 * parents (each personal and audited, or the mutation that wrote it) whose read is recorded.
 */
function unaudited(
  schema: GraphQLSchema,
  rules: SubgraphRules,
  personal: readonly PersonalField[],
): string[] {
  const byName = new Map(personal.map((f) => [`${f.typeName}.${f.fieldName}`, f]));
  const mutations = new Set(Object.keys(schema.getMutationType()?.getFields() ?? {}));
  const audited = (name: string, seen: Set<string>): boolean => {
    if (name.startsWith('Mutation.')) return mutations.has(name.slice('Mutation.'.length));
    const field = byName.get(name);
    if (!field || seen.has(name)) return false;
    if (field.rule.auditedBy) {
      return field.rule.auditedBy.every((parent) => audited(parent, new Set([...seen, name])));
    }
    return Boolean(rules.subjects?.[name] ?? rules.subjects?.[field.typeName]);
  };
  return [...byName.keys()].filter((name) => !audited(name, new Set()));
}

/** The personal fields of record types that no section of the subgraph's export holds. */
function unexported(
  personal: readonly PersonalField[],
  sections: Record<string, readonly string[]>,
): string[] {
  const exported = new Set(Object.values(sections).flat());
  return personal
    .filter((f) => !f.rule.auditedBy && f.typeName !== 'Query' && !exported.has(f.typeName))
    .map((f) => `${f.typeName}.${f.fieldName}`);
}

/** The personal text fields whose name the logger does not redact. */
function unredacted(personal: readonly PersonalField[]): string[] {
  const normalise = (key: string) => key.toLowerCase().replace(/[_-]/g, '');
  return personal
    .filter((f) => f.kind === 'text' && f.typeName !== 'Query')
    .filter((f) => !PERSONAL_KEYS.has(normalise(f.fieldName)))
    .map((f) => `${f.typeName}.${f.fieldName}`);
}

describe('personal data: one marking, audited, exported and redacted alike', () => {
  describe.each(SUBGRAPHS.map(({ name }) => [name]))('%s', (name) => {
    const schema = subgraphSchemaOf(name);
    const rules = SUBGRAPH_RULES[name];
    const personal = personalFieldsOf(schema, rules);

    it('marks every text field personal that is not said to hold no young person’s data', () => {
      expect(unmarkedText(schema, personal)).toEqual([]);
    });

    it('records a READ for every personal field', () => {
      expect(unaudited(schema, rules, personal)).toEqual([]);
    });

    it('puts every record type with a personal field in the art. 15 export', () => {
      expect(unexported(personal, EXPORT_SECTIONS[name])).toEqual([]);
    });

    it('redacts every personal text field from log lines', () => {
      expect(unredacted(personal)).toEqual([]);
    });
  });

  it('says of no field that it holds no personal data when it is marked, or gone', () => {
    // Prepare
    const textFields = new Set<string>();
    const marked = new Set<string>();
    for (const { name } of SUBGRAPHS) {
      const schema = subgraphSchemaOf(name);
      for (const field of textFieldsOf(schema)) textFields.add(field);
      for (const f of personalFieldsOf(schema, SUBGRAPH_RULES[name])) {
        marked.add(`${f.typeName}.${f.fieldName}`);
      }
    }
    // Assess
    const stale = Object.keys(NOT_A_YOUNG_PERSONS_TEXT).filter(
      (field) => !textFields.has(field) || marked.has(field),
    );
    expect(stale).toEqual([]);
  });

  it('keeps the logger’s generated list of personal field names current', () => {
    // Act
    const generated = personalFieldNamesModule();
    // Assess
    const committed = readFileSync(
      new URL('../../subgraphs/kernel/personal-field-names.ts', import.meta.url),
      'utf8',
    );
    expect(committed, 'personal-field-names.ts is stale: run npm run docs').toBe(generated);
  });

  it('names a personal field left unaudited, unexported or unmarked', () => {
    // Prepare: the placements rules with a lifecycle task's notes unmarked, the tasks' subject
    // gone, and the export without its lifecycle tasks
    const schema = subgraphSchemaOf('placements');
    const rules = SUBGRAPH_RULES.placements;
    const types = rules.types as Record<string, Record<string, PersonalField['rule']>>;
    const notes = types.LifecycleTask?.notes;
    if (!notes) throw new Error('LifecycleTask.notes has no rule');
    const unmarkedRules: SubgraphRules = {
      ...rules,
      types: {
        ...rules.types,
        LifecycleTask: { ...types.LifecycleTask, notes: { ...notes, personal: false } },
      },
    };
    const { LifecycleTask: _subject, ...otherSubjects } = rules.subjects ?? {};
    const noSubject: SubgraphRules = { ...rules, subjects: otherSubjects };
    const { lifecycleTasks: _tasks, ...otherSections } = PLACEMENTS_EXPORT_SECTIONS;
    // Act
    const personal = personalFieldsOf(schema, rules);
    // Assess
    expect(unmarkedText(schema, personalFieldsOf(schema, unmarkedRules))).toEqual([
      'LifecycleTask.notes',
    ]);
    expect(unaudited(schema, noSubject, personal)).toEqual(['LifecycleTask.notes']);
    expect(unexported(personal, otherSections)).toEqual(['LifecycleTask.notes']);
  });
});
