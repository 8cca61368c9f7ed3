import { randomUUID } from 'node:crypto';
import { type GraphQLField, getNamedType, getNullableType, isLeafType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSubject } from '#infra/local/demo-identities';
import { CORRELATION_HEADER } from '#kernel/identity-assertion';
import { newId } from '#kernel/keys';
import { mutationDocument } from '../support/bad-input/mutation-document.ts';
import { mutationScene, type SceneSetting } from '../support/bad-input/mutation-scene.ts';
import { schemaMutations, supergraphSchema } from '../support/bad-input/schema-mutations.ts';
import {
  changesBetween,
  refusalsByCorrelation,
  snapshotTable,
  type TableSnapshot,
} from '../support/bad-input/table-snapshot.ts';
import {
  kindOfIdField,
  type WorldRecord,
  worldRecords,
} from '../support/bad-input/world-records.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * Issue 18, class 7 (existence oracles): every root query that takes a record's id and every
 * mutation whose input names a record by id, listed from the supergraph the gateway serves, is
 * sent twice through the gateway over HTTP by a caller of København (in the role the field lets
 * in, so the answer is the record's, not the role's): once naming a real Roskilde record, once
 * naming an id of nothing. The two answers — HTTP status, data, errors with their codes,
 * messages and extensions, a payload's user errors — must be the same once the id sent is taken
 * out of them; and the attempt on the real record must have left a `REFUSED` audit record for
 * the data protection officer.
 */

const ROSKILDE = '265';
const KOBENHAVN = '101';

const schema = supergraphSchema();

/** One pair of calls: the field, the id's place, and the two requests. */
interface Probe {
  name: string;
  document: string;
  role: Parameters<TestStack['token']>[0];
  /** Variables naming the real record, and naming nothing. */
  real: Record<string, unknown>;
  nothing: Record<string, unknown>;
  realId: string;
  nothingId: string;
}

/** A real record of Roskilde's of a kind (the first, in key order), when there is one. */
function roskildeRecord(records: readonly WorldRecord[], kind: string): WorldRecord | undefined {
  return records.find((r) => r.kind === kind && r.municipalityCode === ROSKILDE);
}

/** The kind of record a root query's id argument names: its own type for `id`. */
function kindOfArgument(
  field: GraphQLField<unknown, unknown>,
  argument: string,
  kinds: readonly string[],
): string | undefined {
  return argument === 'id' ? getNamedType(field.type).name : kindOfIdField(argument, kinds);
}

/** Each root query with a required id argument that names a record of Roskilde's. */
function queryProbes(records: readonly WorldRecord[]): Probe[] {
  const kinds = [...new Set(records.map((r) => r.kind))];
  const probes: Probe[] = [];
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    for (const arg of field.args) {
      if (String(arg.type) !== 'ID!') continue;
      const kind = kindOfArgument(field, arg.name, kinds);
      const record = kind && kind !== 'Municipality' ? roskildeRecord(records, kind) : undefined;
      if (!record) continue;
      const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
      const nothingId = newId();
      probes.push({
        name: `Query.${field.name}(${arg.name})`,
        document: `query Existence($id: ID!) { ${field.name}(${arg.name}: $id)${selection} }`,
        role: 'NETWORK_CONSULTANT',
        real: { id: record.id },
        nothing: { id: nothingId },
        realId: record.id,
        nothingId,
      });
    }
  }
  return probes;
}

/**
 * Each mutation's input, valid for Roskilde's records (`mutationScene`), once per single id
 * field of the input that names a real Roskilde record; the caller is of København in the role
 * the mutation's rule lets in.
 */
function mutationProbes(records: readonly WorldRecord[], setting: SceneSetting): Probe[] {
  const probes: Probe[] = [];
  const roskildeIds = new Set(
    records
      .filter((r) => r.municipalityCode === ROSKILDE && r.kind !== 'Municipality')
      .map((r) => r.id),
  );
  for (const mutation of schemaMutations(schema)) {
    const scene = mutationScene(mutation, records, setting);
    const document = mutationDocument(schema, mutation);
    for (const field of Object.values(mutation.inputType.getFields())) {
      const value = scene.input[field.name];
      if (String(getNullableType(field.type)) !== 'ID' || typeof value !== 'string') continue;
      if (!roskildeIds.has(value)) continue;
      const nothingId = newId();
      probes.push({
        name: `Mutation.${mutation.name}(${field.name})`,
        document,
        role: scene.role,
        real: { input: scene.input },
        nothing: { input: { ...scene.input, [field.name]: nothingId } },
        realId: value,
        nothingId,
      });
    }
  }
  return probes;
}

/** Whether a query was answered with the record itself (no error, a value): the caller sees it. */
function isAnswered(body: { data?: unknown; errors?: unknown[] }, document: string): boolean {
  if (!document.startsWith('query') || (body.errors?.length ?? 0) > 0) return false;
  const data = body.data as Record<string, unknown> | null | undefined;
  return Object.values(data ?? {}).some((value) => value !== null);
}

/** An answer as a client could compare it: the id it sent taken out. */
function comparable(answer: { status: number; body: unknown }, sentId: string): unknown {
  return JSON.parse(JSON.stringify(answer).split(sentId).join('<the id sent>'));
}

describe('another municipality’s id and an id of nothing answer alike, through the gateway', () => {
  let test: TestStack;
  let before: TableSnapshot;
  let probes: Probe[];
  const foreignCalls: Array<{ name: string; correlationId: string }> = [];

  beforeAll(async () => {
    test = await startTestStack();
    before = await snapshotTable(test.stack.table);
    const records = worldRecords(before);
    const youth = demoSubject('YOUTH', { municipalityCode: ROSKILDE });
    const company = demoSubject('COMPANY_CONTACT', { municipalityCode: ROSKILDE });
    if (!youth.youthId || !company.companyId) throw new Error('The demo world has no placement');
    const setting: SceneSetting = {
      municipalityCode: ROSKILDE,
      youthId: youth.youthId,
      companyId: company.companyId,
      today: new Date().toISOString().slice(0, 10),
    };
    probes = [...queryProbes(records), ...mutationProbes(records, setting)];
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('walks every id-taking query and mutation of the supergraph', () => {
    const names = probes.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Query.youth(id)',
        'Query.company(id)',
        'Query.placement(id)',
        'Query.networkGroup(id)',
        'Query.networkSession(id)',
        'Query.auditTrail(youthId)',
        'Mutation.updateYouthProfile(youthId)',
        'Mutation.eraseYouth(youthId)',
        'Mutation.pauseCompany(companyId)',
        'Mutation.recordFollowUp(placementId)',
        'Mutation.createWish(companyId)',
        'Mutation.answerInvitation(invitationId)',
        'Mutation.createNetworkGroup(facilitatorId)',
      ]),
    );
    expect(probes.length).toBeGreaterThan(50);
  });

  it('answers each the same for a real Roskilde record and for an id of nothing', async () => {
    // Prepare
    const differences: string[] = [];
    const visible: string[] = [];

    for (const probe of probes) {
      const scope = probe.role === 'PROGRAMME' ? {} : { municipalityCode: KOBENHAVN };
      const token = await test.token(probe.role, scope);
      const correlationId = `existence-${randomUUID()}`;

      // Act
      const real = await test.query(probe.document, {
        token,
        variables: probe.real,
        headers: { [CORRELATION_HEADER]: correlationId },
      });
      const nothing = await test.query(probe.document, { token, variables: probe.nothing });
      // Practice learnings are the whole programme's knowledge: open to every team by design.
      if (isAnswered(real.body, probe.document)) {
        visible.push(probe.name);
        continue;
      }
      foreignCalls.push({ name: probe.name, correlationId });

      // Assess (each, then all at once)
      const a = comparable(real, probe.realId);
      const b = comparable(nothing, probe.nothingId);
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        differences.push(
          `${probe.name} as ${probe.role}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`,
        );
      }
    }
    expect(differences).toEqual([]);
    expect(visible).toEqual(['Query.practiceLearning(id)']);
  }, 240_000);

  it('audits every attempt on the real record as REFUSED', async () => {
    // Prepare: the calls above
    expect(foreignCalls.length).toBe(probes.length - 1);

    // Act
    const refusals = refusalsByCorrelation(
      changesBetween(before, await snapshotTable(test.stack.table)),
    );

    // Assess
    const unaudited = foreignCalls.filter((call) => !refusals.has(call.correlationId));
    expect(unaudited.map((call) => call.name)).toEqual([]);
  });
});
