import { type ObjectTypeDefinitionNode, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { server } from '#companies/server';
import type { Table } from '#kernel/table/table';
import { readSubgraphSdl } from '#schema/composition';
import { auditItemsOfDay } from '../support/audit-days.ts';
import {
  addCompanyContactInput,
  addCompanyProspectInput,
  addOpportunityInput,
  companyStatusInput,
  everyItem,
  firstOpportunity,
  givenCompany,
  givenProspect,
  joinNetworkInput,
  opportunityStateInput,
  pauseCompanyInput,
  recordCompanyOutreachInput,
  removeCompanyContactInput,
  updateCompanyInput,
  updateOpportunityInput,
} from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Every mutation of the companies subgraph runs exactly once however often it is sent: a
 * repeat with its idempotency key answers as the first call did and writes nothing, the key
 * reused for another input is refused, an edit on a stale version is refused naming the current
 * one, and every change has its `CHANGE` record.
 */

const TODAY = '2026-11-26';

/** Each mutation: its input type and the selection that names what it changed. */
const MUTATIONS = {
  joinNetwork: ['JoinNetworkInput', 'company { id version }'],
  updateCompany: ['UpdateCompanyInput', 'company { id version }'],
  addCompanyContact: ['AddCompanyContactInput', 'contact { id } company { id version }'],
  removeCompanyContact: ['RemoveCompanyContactInput', 'removedContactId company { id version }'],
  pauseCompany: ['PauseCompanyInput', 'company { id version }'],
  resumeCompany: ['ResumeCompanyInput', 'company { id version }'],
  leaveNetwork: ['LeaveNetworkInput', 'company { id version }'],
  addOpportunity: ['AddOpportunityInput', 'opportunity { id version }'],
  updateOpportunity: ['UpdateOpportunityInput', 'opportunity { id version }'],
  openOpportunity: ['OpportunityStateInput', 'opportunity { id version }'],
  closeOpportunity: ['OpportunityStateInput', 'opportunity { id version }'],
  addCompanyProspect: ['AddCompanyProspectInput', 'prospect { id version }'],
  recordCompanyOutreach: ['RecordCompanyOutreachInput', 'prospect { id version }'],
} as const;

type MutationName = keyof typeof MUTATIONS;

function documentOf(mutation: MutationName): string {
  const [inputType, selection] = MUTATIONS[mutation];
  return `mutation ($input: ${inputType}!) {
    ${mutation}(input: $input) { ${selection} errors { code } }
  }`;
}

/** A valid input of each mutation, on records stored for it (a new company each time). */
const VALID_INPUTS: Record<MutationName, (table: Table) => Promise<Record<string, unknown>>> = {
  joinNetwork: async () => joinNetworkInput('265'),
  updateCompany: async (table) => updateCompanyInput((await givenCompany(table)).company),
  addCompanyContact: async (table) =>
    addCompanyContactInput((await givenCompany(table)).company.id),
  removeCompanyContact: async (table) => {
    const { company, contacts } = await givenCompany(table, { contacts: 2 });
    return removeCompanyContactInput(contacts[1]?.id, company);
  },
  pauseCompany: async (table) => pauseCompanyInput((await givenCompany(table)).company),
  resumeCompany: async (table) =>
    companyStatusInput((await givenCompany(table, { status: 'PAUSED' })).company),
  leaveNetwork: async (table) => companyStatusInput((await givenCompany(table)).company),
  addOpportunity: async (table) => addOpportunityInput((await givenCompany(table)).company.id),
  updateOpportunity: async (table) =>
    updateOpportunityInput(firstOpportunity(await givenCompany(table))),
  openOpportunity: async (table) =>
    opportunityStateInput(
      firstOpportunity(await givenCompany(table, { opportunities: [{ open: false }] })),
    ),
  closeOpportunity: async (table) =>
    opportunityStateInput(firstOpportunity(await givenCompany(table))),
  addCompanyProspect: async () => addCompanyProspectInput('265'),
  recordCompanyOutreach: async (table) =>
    recordCompanyOutreachInput(await givenProspect(table), 'MEETING', TODAY),
};

/** The edits, each with an input made on version 1 of a record that is at version 3. */
const STALE_INPUTS: Partial<
  Record<MutationName, (table: Table) => Promise<Record<string, unknown>>>
> = {
  updateCompany: async (table) =>
    updateCompanyInput({ ...(await givenCompany(table, { version: 3 })).company, version: 1 }),
  removeCompanyContact: async (table) => {
    const { company, contacts } = await givenCompany(table, { contacts: 2, version: 3 });
    return removeCompanyContactInput(contacts[1]?.id, { ...company, version: 1 });
  },
  pauseCompany: async (table) =>
    pauseCompanyInput({ ...(await givenCompany(table, { version: 3 })).company, version: 1 }),
  resumeCompany: async (table) =>
    companyStatusInput({
      ...(await givenCompany(table, { status: 'PAUSED', version: 3 })).company,
      version: 1,
    }),
  leaveNetwork: async (table) =>
    companyStatusInput({ ...(await givenCompany(table, { version: 3 })).company, version: 1 }),
  updateOpportunity: async (table) =>
    updateOpportunityInput({
      ...firstOpportunity(await givenCompany(table, { opportunities: [{ version: 3 }] })),
      version: 1,
    }),
  openOpportunity: async (table) =>
    opportunityStateInput({
      ...firstOpportunity(
        await givenCompany(table, { opportunities: [{ open: false, version: 3 }] }),
      ),
      version: 1,
    }),
  closeOpportunity: async (table) =>
    opportunityStateInput({
      ...firstOpportunity(await givenCompany(table, { opportunities: [{ version: 3 }] })),
      version: 1,
    }),
  recordCompanyOutreach: async (table) =>
    recordCompanyOutreachInput(
      { ...(await givenProspect(table, { version: 3 })), version: 1 },
      'MEETING',
      TODAY,
    ),
};

/** The same input changed in one field: another request under the same key. */
function changed(input: Record<string, unknown>): Record<string, unknown> {
  if ('expectedVersion' in input) {
    return { ...input, expectedVersion: Number(input.expectedVersion) + 1 };
  }
  if ('contact' in input) {
    return { ...input, contact: { ...(input.contact as object), name: 'Ole Mester' } };
  }
  if ('title' in input) return { ...input, title: 'Praktik som kok' };
  return { ...input, name: 'Et Andet Navn ApS' };
}

/** The caller: the pipeline's mutations are its entrepreneur's, the others any team member's. */
function callerOf(mutation: MutationName) {
  return mutation === 'addCompanyProspect' || mutation === 'recordCompanyOutreach'
    ? staffIdentity('265', 'ENTREPRENEUR')
    : staffIdentity('265');
}

const EDITS = Object.keys(STALE_INPUTS) as MutationName[];
const EVERY_MUTATION = Object.keys(MUTATIONS) as MutationName[];

describe('companies subgraph: every change exactly once', () => {
  let table: Table;
  const run = (mutation: MutationName, input: Record<string, unknown>) =>
    execute(server, testContext(table, callerOf(mutation)), documentOf(mutation), {
      input,
    });
  const payloadOf = (result: Awaited<ReturnType<typeof run>>, mutation: MutationName) =>
    (result.data as Record<string, Record<string, unknown>> | null)?.[mutation];

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('covers every mutation the schema declares', () => {
    // Act
    const mutationType = parse(readSubgraphSdl('companies.graphql')).definitions.find(
      (definition): definition is ObjectTypeDefinitionNode =>
        definition.kind === 'ObjectTypeDefinition' && definition.name.value === 'Mutation',
    );
    // Assess
    const declared = (mutationType?.fields ?? []).map((field) => field.name.value);
    expect(declared.sort()).toEqual([...EVERY_MUTATION].sort());
  });

  it.each(EVERY_MUTATION)(
    '%s: answers a repeat with its idempotency key as the first call, writing nothing more',
    async (mutation) => {
      // Prepare
      const input = {
        ...(await VALID_INPUTS[mutation](table)),
        idempotencyKey: `repeat-${mutation}`,
      };
      const first = await run(mutation, input);
      const written = await everyItem(table);
      // Act
      const again = await run(mutation, input);
      // Assess
      expect(first.errors).toBeUndefined();
      expect(payloadOf(first, mutation)?.errors).toEqual([]);
      expect(again.errors).toBeUndefined();
      expect(payloadOf(again, mutation)).toEqual(payloadOf(first, mutation));
      expect(await everyItem(table)).toEqual(written);
    },
  );

  it.each(EVERY_MUTATION)(
    '%s: refuses its idempotency key for another input with IDEMPOTENCY_KEY_REUSED, writing nothing',
    async (mutation) => {
      // Prepare
      const input = {
        ...(await VALID_INPUTS[mutation](table)),
        idempotencyKey: `reused-${mutation}`,
      };
      await run(mutation, input);
      const written = await everyItem(table);
      // Act
      const reused = await run(mutation, changed(input));
      // Assess
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(await everyItem(table)).toEqual(written);
    },
  );

  it.each(EDITS)(
    '%s: refuses a change on a stale expectedVersion with CONFLICT naming the current version, writing nothing',
    async (mutation) => {
      // Prepare
      const input = await (STALE_INPUTS[mutation] as (t: Table) => Promise<object>)(table);
      const before = await everyItem(table);
      // Act
      const stale = await run(mutation, input as Record<string, unknown>);
      // Assess
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(3);
      expect(await everyItem(table)).toEqual(before);
    },
  );

  it.each(EVERY_MUTATION)(
    '%s: writes its CHANGE record, by its municipality, with the change',
    async (mutation) => {
      // Prepare
      const input = await VALID_INPUTS[mutation](table);
      const changesBefore = await changeRecords(mutation);
      // Act
      const result = await run(mutation, input);
      // Assess
      expect(payloadOf(result, mutation)?.errors).toEqual([]);
      const records = await changeRecords(mutation);
      expect(records).toHaveLength(changesBefore.length + 1);
      expect(records.at(-1)).toMatchObject({
        municipalityCode: '265',
        role: callerOf(mutation).role,
      });
    },
  );

  /** The CHANGE records of one mutation in today's audit partition, oldest first. */
  async function changeRecords(mutation: MutationName) {
    const day = await auditItemsOfDay(table, TODAY);
    return day
      .filter((item) => item.action === 'CHANGE' && item.target === `Mutation.${mutation}`)
      .sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
  }
});
