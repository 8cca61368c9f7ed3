import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanySnapshot } from '#companies/repository/company-snapshot';
import { server } from '#companies/server';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import {
  aCvrWithWrongCheckDigit,
  companyContactInput,
  companyStatusInput,
  everyItem,
  firstContact,
  firstOpportunity,
  givenCompany,
  joinNetworkInput,
  pauseCompanyInput,
  removeCompanyContactInput,
} from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

const COMPANY_FIELDS = `id cvr name status version joinedOn leftOn
  pause { from until reason }
  contacts { id name phone email }
  opportunities { id open }`;

const JOIN = `mutation ($input: JoinNetworkInput!) {
  joinNetwork(input: $input) { company { ${COMPANY_FIELDS} } errors { code message path } }
}`;
const UPDATE = `mutation ($input: UpdateCompanyInput!) {
  updateCompany(input: $input) { company { ${COMPANY_FIELDS} } errors { code message path } }
}`;
const ADD_CONTACT = `mutation ($input: AddCompanyContactInput!) {
  addCompanyContact(input: $input) {
    contact { id name phone email } company { contacts { id } version } errors { code path }
  }
}`;
const REMOVE_CONTACT = `mutation ($input: RemoveCompanyContactInput!) {
  removeCompanyContact(input: $input) {
    removedContactId company { contacts { id } } errors { code path }
  }
}`;
const PAUSE = `mutation ($input: PauseCompanyInput!) {
  pauseCompany(input: $input) { company { ${COMPANY_FIELDS} } errors { code message path } }
}`;
const RESUME = `mutation ($input: ResumeCompanyInput!) {
  resumeCompany(input: $input) { company { ${COMPANY_FIELDS} } errors { code path } }
}`;
const LEAVE = `mutation ($input: LeaveNetworkInput!) {
  leaveNetwork(input: $input) { company { ${COMPANY_FIELDS} } errors { code path } }
}`;
const STATS = `query ($code: ID!) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality {
      companyStats { active paused left }
      openOpportunities(first: 100) { edges { node { id } } }
    }
  }
}`;

interface Payload {
  company: null | {
    id: string;
    status: string;
    version: number;
    leftOn: string | null;
    pause: null | { from: string; until: string; reason: string };
    contacts: Array<{ id: string; phone: string; email: string }>;
    opportunities: Array<{ id: string; open: boolean }>;
  };
  errors: Array<{ code: string; message: string; path: string[] | null }>;
}

describe('companies subgraph: company mutations', () => {
  let table: Table;
  const run = (identity: Identity | null, query: string, variables?: Record<string, unknown>) =>
    execute(server, testContext(table, identity), query, variables);
  const payload = (data: unknown, field: string): Payload =>
    (data as Record<string, Payload>)[field] as Payload;
  const municipalityFigures = async (code: string) => {
    const result = await run(staffIdentity(code), STATS, { code });
    const [municipality] = (
      result.data as {
        _entities: Array<{
          companyStats: Record<string, number>;
          openOpportunities: { edges: Array<{ node: { id: string } }> };
        }>;
      }
    )._entities;
    return {
      stats: municipality?.companyStats,
      open: municipality?.openOpportunities.edges.map((edge) => edge.node.id),
    };
  };

  beforeAll(async () => {
    table = await createTestTable();
  });

  describe('joinNetwork', () => {
    it('registers a company with its contacts, active from today, and counts it', async () => {
      // Prepare
      const input = joinNetworkInput('265', {
        contacts: [companyContactInput({ phone: '20 30 40 50', email: ' Mette@Tomrer.DK ' })],
      });
      const before = await municipalityFigures('265');
      // Act
      const result = await run(staffIdentity('265'), JOIN, { input });
      // Assess
      expect(result.errors).toBeUndefined();
      const { company, errors } = payload(result.data, 'joinNetwork');
      expect(errors).toEqual([]);
      expect(company).toMatchObject({
        cvr: input.cvr,
        status: 'ACTIVE',
        version: 1,
        joinedOn: '2026-11-26',
        contacts: [{ phone: '+4520304050', email: 'mette@tomrer.dk' }],
        opportunities: [],
      });
      expect((await municipalityFigures('265')).stats).toEqual({
        ...before.stats,
        active: (before.stats?.active ?? 0) + 1,
      });
    });

    it('refuses a CVR number with a wrong check digit with a clear error and writes nothing', async () => {
      // Prepare
      const before = await everyItem(table);
      // Act
      const result = await run(staffIdentity('265'), JOIN, {
        input: joinNetworkInput('265', { cvr: aCvrWithWrongCheckDigit() }),
      });
      // Assess
      expect(result.data).toBeNull();
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toMatch(/cvr: .*check digit/);
      expect(await everyItem(table)).toEqual(before);
    });

    it('refuses a CVR number that is registered already and writes nothing', async () => {
      // Prepare
      const input = joinNetworkInput('265');
      await run(staffIdentity('265'), JOIN, { input });
      const before = await everyItem(table);
      // Act
      const result = await run(staffIdentity('265'), JOIN, {
        input: { ...input, name: 'Another name ApS' },
      });
      // Assess
      expect(payload(result.data, 'joinNetwork')).toMatchObject({
        company: null,
        errors: [{ code: 'CVR_ALREADY_REGISTERED', path: ['cvr'] }],
      });
      expect(await everyItem(table)).toEqual(before);
    });

    it('refuses a joining date in the future', async () => {
      // Act
      const result = await run(staffIdentity('265'), JOIN, {
        input: joinNetworkInput('265', { joinedOn: '2026-12-01' }),
      });
      // Assess
      expect(payload(result.data, 'joinNetwork').errors).toMatchObject([
        { code: 'JOINED_IN_FUTURE', path: ['joinedOn'] },
      ]);
    });

    it('lists every malformed field: phone, e-mail, postcode, name, no contacts', async () => {
      // Act
      const badContact = await run(staffIdentity('265'), JOIN, {
        input: joinNetworkInput('265', {
          name: ' ',
          address: { street: 'Algade 1', postcode: '400', town: 'Roskilde' },
          contacts: [companyContactInput({ phone: '1234', email: 'not-an-email' })],
        }),
      });
      const noContacts = await run(staffIdentity('265'), JOIN, {
        input: joinNetworkInput('265', { contacts: [] }),
      });
      // Assess
      expect(errorCodes(badContact)).toEqual(['BAD_USER_INPUT']);
      const issues = badContact.errors?.[0]?.extensions?.issues as Array<{ path: string }>;
      expect(issues.map((issue) => issue.path).sort()).toEqual([
        'address.postcode',
        'contacts.0.email',
        'contacts.0.phone',
        'name',
      ]);
      expect(errorCodes(noContacts)).toEqual(['BAD_USER_INPUT']);
    });

    it('leaves joining to the municipality’s own team', async () => {
      // Prepare
      const company = await givenCompany(table);
      // Act
      const results = await Promise.all(
        [
          staffIdentity('101'),
          companyContactIdentity(company.company.id, firstContact(company).id),
          youthIdentity('265', 'y-1'),
          programmeIdentity(),
        ].map((identity) => run(identity, JOIN, { input: joinNetworkInput('265') })),
      );
      // Assess
      expect(results.map(errorCodes)).toEqual([
        ['FORBIDDEN'],
        ['FORBIDDEN'],
        ['FORBIDDEN'],
        ['FORBIDDEN'],
      ]);
    });
  });

  describe('updateCompany', () => {
    let company: CompanySnapshot;

    beforeAll(async () => {
      company = await givenCompany(table, { name: 'Gammelt Navn ApS' });
    });

    it('lets the company’s contact change its name and address, with a new version', async () => {
      // Act
      const result = await run(
        companyContactIdentity(company.company.id, firstContact(company).id),
        UPDATE,
        {
          input: {
            companyId: company.company.id,
            name: 'Nyt Navn ApS',
            address: { street: 'Torvet 1', postcode: '4000', town: 'Roskilde' },
            expectedVersion: 1,
          },
        },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(payload(result.data, 'updateCompany').company).toMatchObject({
        name: 'Nyt Navn ApS',
        version: 2,
      });
    });

    it('refuses a change made on a stale version with CONFLICT, naming the current one', async () => {
      // Prepare
      const before = await everyItem(table);
      // Act
      const result = await run(staffIdentity('265'), UPDATE, {
        input: { companyId: company.company.id, industry: 'Håndværk', expectedVersion: 1 },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['CONFLICT']);
      expect(result.errors?.[0]?.extensions?.currentVersion).toBe(2);
      expect(await everyItem(table)).toEqual(before);
    });

    it('refuses an update that changes nothing', async () => {
      // Act
      const result = await run(staffIdentity('265'), UPDATE, {
        input: { companyId: company.company.id, expectedVersion: 2 },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses another municipality’s team, a young person and another company’s contact', async () => {
      // Prepare
      const other = await givenCompany(table);
      // Act
      const results = await Promise.all(
        [
          staffIdentity('101'),
          youthIdentity('265', 'y-1'),
          companyContactIdentity(other.company.id, firstContact(other).id),
        ].map((identity) =>
          run(identity, UPDATE, {
            input: { companyId: company.company.id, name: 'Hacked', expectedVersion: 2 },
          }),
        ),
      );
      // Assess
      // Strangers to the company hear what an unknown id gets; a young person, who may change
      // no company, is refused whatever the id (#18, class 7).
      expect(results.map(errorCodes)).toEqual([['NOT_FOUND'], ['FORBIDDEN'], ['NOT_FOUND']]);
    });

    it('answers NOT_FOUND for an unknown company', async () => {
      // Act
      const result = await run(staffIdentity('265'), UPDATE, {
        input: { companyId: 'c-unknown', name: 'X', expectedVersion: 1 },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    });
  });

  describe('addCompanyContact and removeCompanyContact', () => {
    it('adds a contact person, who may then read the company', async () => {
      // Prepare
      const company = await givenCompany(table);
      // Act
      const result = await run(staffIdentity('265', 'TEAM_LEADER'), ADD_CONTACT, {
        input: {
          companyId: company.company.id,
          contact: companyContactInput({ name: 'Ole Mester' }),
        },
      });
      // Assess
      const added = (result.data?.addCompanyContact as {
        contact: { id: string };
        company: { contacts: Array<{ id: string }> };
      }) ?? { contact: { id: '' }, company: { contacts: [] } };
      expect(result.errors).toBeUndefined();
      expect(added.company.contacts.map((contact) => contact.id)).toEqual([
        firstContact(company).id,
        added.contact.id,
      ]);
      const asNewContact = await run(
        companyContactIdentity(company.company.id, added.contact.id),
        'query ($id: ID!) { company(id: $id) { cvr } }',
        { id: company.company.id },
      );
      expect(asNewContact.data).toEqual({ company: { cvr: company.company.cvr } });
    });

    it('refuses an eleventh contact person', async () => {
      // Prepare
      const company = await givenCompany(table, { contacts: 10 });
      // Act
      const result = await run(staffIdentity('265'), ADD_CONTACT, {
        input: { companyId: company.company.id, contact: companyContactInput() },
      });
      // Assess
      expect(result.data?.addCompanyContact).toMatchObject({
        contact: null,
        errors: [{ code: 'TOO_MANY_CONTACTS' }],
      });
    });

    it('refuses a malformed contact and another company’s contact', async () => {
      // Prepare
      const company = await givenCompany(table);
      const other = await givenCompany(table);
      // Act
      const malformed = await run(staffIdentity('265'), ADD_CONTACT, {
        input: { companyId: company.company.id, contact: companyContactInput({ email: 'nope' }) },
      });
      const stranger = await run(
        companyContactIdentity(other.company.id, firstContact(other).id),
        ADD_CONTACT,
        { input: { companyId: company.company.id, contact: companyContactInput() } },
      );
      // Assess
      expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(stranger)).toEqual(['NOT_FOUND']);
    });

    it('removes a contact person, who loses access and whose details are deleted', async () => {
      // Prepare
      const company = await givenCompany(table, { contacts: 2 });
      const [stays, goes] = company.contacts;
      // Act
      const result = await run(
        companyContactIdentity(company.company.id, stays?.id),
        REMOVE_CONTACT,
        { input: removeCompanyContactInput(goes?.id, company.company) },
      );
      // Assess
      expect(result.data?.removeCompanyContact).toEqual({
        removedContactId: goes?.id,
        company: { contacts: [{ id: stays?.id }] },
        errors: [],
      });
      const asRemoved = await run(
        companyContactIdentity(company.company.id, goes?.id),
        'query ($id: ID!) { company(id: $id) { name } }',
        { id: company.company.id },
      );
      expect(errorCodes(asRemoved)).toEqual(['NOT_FOUND']);
      const reference = await run(
        staffIdentity('265'),
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on CompanyContact { id } } }',
        { r: [{ __typename: 'CompanyContact', id: goes?.id }] },
      );
      expect(reference.data).toEqual({ _entities: [null] });
    });

    it('never removes the last contact person, nor lets a contact remove themself', async () => {
      // Prepare
      const lonely = await givenCompany(table, { contacts: 1 });
      const pair = await givenCompany(table, { contacts: 2 });
      // Act
      const last = await run(staffIdentity('265'), REMOVE_CONTACT, {
        input: removeCompanyContactInput(firstContact(lonely).id, lonely.company),
      });
      const self = await run(
        companyContactIdentity(pair.company.id, firstContact(pair).id),
        REMOVE_CONTACT,
        { input: removeCompanyContactInput(firstContact(pair).id, pair.company) },
      );
      // Assess
      expect(last.data?.removeCompanyContact).toMatchObject({
        errors: [{ code: 'LAST_CONTACT', path: ['contactId'] }],
      });
      expect(self.data?.removeCompanyContact).toMatchObject({
        errors: [{ code: 'CANNOT_REMOVE_SELF', path: ['contactId'] }],
      });
    });

    it('refuses another municipality’s team', async () => {
      // Prepare
      const company = await givenCompany(table, { contacts: 2 });
      // Act
      const result = await run(staffIdentity('101'), REMOVE_CONTACT, {
        input: removeCompanyContactInput(company.contacts[1]?.id, company.company),
      });
      // Assess
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    });
  });

  describe('pauseCompany, resumeCompany, leaveNetwork', () => {
    const period = { from: '2026-11-26', until: '2027-01-15', reason: 'Travl sæson' };

    it('pauses a company, closes its open opportunities and moves it in the counts', async () => {
      // Prepare
      const company = await givenCompany(table, {
        municipalityCode: '540',
        opportunities: [{ open: true }, { open: false }, { open: true }],
      });
      const before = await municipalityFigures('540');
      // Act
      const result = await run(
        companyContactIdentity(company.company.id, firstContact(company).id),
        PAUSE,
        { input: pauseCompanyInput(company.company, period) },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(payload(result.data, 'pauseCompany').company).toMatchObject({
        status: 'PAUSED',
        pause: period,
        opportunities: [{ open: false }, { open: false }, { open: false }],
      });
      const after = await municipalityFigures('540');
      expect(before.open).toEqual(expect.arrayContaining([firstOpportunity(company).id]));
      expect(after.open).toEqual([]);
      expect(after.stats).toEqual({ active: 0, paused: 1, left: 0 });
    });

    it('refuses a pause that ends before it starts (BAD_USER_INPUT) and writes nothing', async () => {
      // Prepare
      const company = await givenCompany(table);
      const before = await everyItem(table);
      // Act
      const result = await run(staffIdentity('265'), PAUSE, {
        input: pauseCompanyInput(company.company, { ...period, until: '2026-11-01' }),
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toContain('until');
      expect(await everyItem(table)).toEqual(before);
    });

    it('refuses to pause a paused company or one that left, writing nothing', async () => {
      // Prepare
      const paused = await givenCompany(table, { status: 'PAUSED' });
      const left = await givenCompany(table, { status: 'LEFT' });
      const before = await everyItem(table);
      // Act
      const results = await Promise.all(
        [paused, left].map((c) =>
          run(staffIdentity('265'), PAUSE, { input: pauseCompanyInput(c.company, period) }),
        ),
      );
      // Assess
      expect(results.map((r) => payload(r.data, 'pauseCompany').errors[0]?.code)).toEqual([
        'COMPANY_NOT_ACTIVE',
        'COMPANY_NOT_ACTIVE',
      ]);
      expect(await everyItem(table)).toEqual(before);
    });

    it('refuses a pause starting in the future', async () => {
      // Prepare
      const company = await givenCompany(table);
      // Act
      const result = await run(staffIdentity('265'), PAUSE, {
        input: pauseCompanyInput(company.company, { ...period, from: '2026-12-01' }),
      });
      // Assess
      expect(payload(result.data, 'pauseCompany').errors).toMatchObject([
        { code: 'PAUSE_STARTS_IN_FUTURE', path: ['from'] },
      ]);
    });

    it('lets the company’s contact resume a paused company; its opportunities stay closed', async () => {
      // Prepare
      const company = await givenCompany(table, { municipalityCode: '615', status: 'PAUSED' });
      // Act
      const result = await run(
        companyContactIdentity(company.company.id, firstContact(company).id),
        RESUME,
        { input: companyStatusInput(company.company) },
      );
      // Assess
      expect(payload(result.data, 'resumeCompany').company).toMatchObject({
        status: 'ACTIVE',
        pause: null,
        opportunities: [{ open: false }],
      });
      expect((await municipalityFigures('615')).stats).toEqual({ active: 1, paused: 0, left: 0 });
    });

    it('takes back a company that left only by the team’s decision', async () => {
      // Prepare
      const company = await givenCompany(table, { status: 'LEFT' });
      // Act
      const byContact = await run(
        companyContactIdentity(company.company.id, firstContact(company).id),
        RESUME,
        { input: companyStatusInput(company.company) },
      );
      const byTeam = await run(staffIdentity('265'), RESUME, {
        input: companyStatusInput(company.company),
      });
      // Assess
      // The team's decision alone: the contact hears what an id of nothing gets (#18, class 7).
      expect(errorCodes(byContact)).toEqual(['NOT_FOUND']);
      expect(payload(byTeam.data, 'resumeCompany').company).toMatchObject({
        status: 'ACTIVE',
        leftOn: null,
      });
    });

    it('refuses to resume an active company', async () => {
      // Prepare
      const company = await givenCompany(table);
      // Act
      const result = await run(staffIdentity('265'), RESUME, {
        input: companyStatusInput(company.company),
      });
      // Assess
      expect(payload(result.data, 'resumeCompany').errors).toEqual([
        { code: 'COMPANY_ALREADY_ACTIVE', path: ['companyId'] },
      ]);
    });

    it('lets the team record that a company leaves, closing its opportunities', async () => {
      // Prepare
      const company = await givenCompany(table, { municipalityCode: '630' });
      // Act
      const result = await run(staffIdentity('630', 'PSYCHOLOGIST'), LEAVE, {
        input: companyStatusInput(company.company),
      });
      // Assess
      expect(payload(result.data, 'leaveNetwork').company).toMatchObject({
        status: 'LEFT',
        leftOn: '2026-11-26',
        opportunities: [{ open: false }],
      });
      expect(await municipalityFigures('630')).toEqual({
        stats: { active: 0, paused: 0, left: 1 },
        open: [],
      });
    });

    it('leaves leaving to the team, and refuses leaving twice', async () => {
      // Prepare
      const company = await givenCompany(table);
      const left = await givenCompany(table, { status: 'LEFT' });
      // Act
      const byContact = await run(
        companyContactIdentity(company.company.id, firstContact(company).id),
        LEAVE,
        { input: companyStatusInput(company.company) },
      );
      const twice = await run(staffIdentity('265'), LEAVE, {
        input: companyStatusInput(left.company),
      });
      // Assess
      expect(errorCodes(byContact)).toEqual(['FORBIDDEN']);
      expect(payload(twice.data, 'leaveNetwork').errors).toEqual([
        { code: 'COMPANY_ALREADY_LEFT', path: ['companyId'] },
      ]);
    });

    it('refuses another municipality’s team and young people every status change', async () => {
      // Prepare
      const company = await givenCompany(table);
      const input = companyStatusInput(company.company);
      // Act
      const results = await Promise.all([
        run(staffIdentity('101'), PAUSE, { input: pauseCompanyInput(company.company, period) }),
        run(staffIdentity('101'), LEAVE, { input }),
        run(youthIdentity('265', 'y-1'), PAUSE, {
          input: pauseCompanyInput(company.company, period),
        }),
        run(youthIdentity('265', 'y-1'), RESUME, { input }),
      ]);
      // Assess
      expect(results.map(errorCodes)).toEqual([
        ['NOT_FOUND'],
        ['NOT_FOUND'],
        ['FORBIDDEN'],
        ['FORBIDDEN'],
      ]);
    });
  });

  describe('companyStats after a run of mutations', () => {
    it('agrees with the companies listed by status', async () => {
      // Prepare
      const team = staffIdentity('101');
      const companies: Array<{ id: string; version: number }> = [];
      for (let i = 0; i < 4; i++) {
        const joined = await run(team, JOIN, { input: joinNetworkInput('101') });
        const company = payload(joined.data, 'joinNetwork').company;
        companies.push({ id: company?.id ?? '', version: company?.version ?? 0 });
      }
      /** Runs a change of a company at its version, and keeps the version it answers with. */
      const change = async (
        index: number,
        mutation: string,
        field: string,
        input: Record<string, unknown> = {},
      ) => {
        const company = companies[index] as { id: string; version: number };
        const result = await run(team, mutation, {
          input: { ...companyStatusInput(company), ...input },
        });
        company.version = payload(result.data, field).company?.version ?? company.version;
        return result;
      };
      const pause = (index: number) =>
        change(index, PAUSE, 'pauseCompany', {
          from: '2026-11-26',
          until: '2027-02-01',
          reason: 'Ferie',
        });
      // Act
      await pause(0);
      await pause(1);
      await change(1, LEAVE, 'leaveNetwork');
      await change(2, LEAVE, 'leaveNetwork');
      await change(2, RESUME, 'resumeCompany');
      // Refused (paused already): must not move any count.
      const refused = await pause(0);
      // Assess
      const listed = await run(
        team,
        `{ _entities(representations: [{ __typename: "Municipality", code: "101" }]) {
          ... on Municipality {
            companyStats { active paused left }
            companies(first: 100) { edges { node { status } } }
          }
        } }`,
      );
      const [municipality] = (
        listed.data as {
          _entities: Array<{
            companyStats: Record<string, number>;
            companies: { edges: Array<{ node: { status: string } }> };
          }>;
        }
      )._entities;
      const counted = { active: 0, paused: 0, left: 0 } as Record<string, number>;
      for (const edge of municipality?.companies.edges ?? []) {
        counted[edge.node.status.toLowerCase()] =
          (counted[edge.node.status.toLowerCase()] ?? 0) + 1;
      }
      expect(municipality?.companyStats).toEqual(counted);
      expect(counted).toEqual({ active: 2, paused: 1, left: 1 });
      expect(payload(refused.data, 'pauseCompany').errors[0]?.code).toBe('COMPANY_NOT_ACTIVE');
    });
  });
});
