import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSubject } from '#infra/local/demo-identities';
import { CORRELATION_HEADER } from '#kernel/identity-assertion';
import { refusalIsAudited } from '../support/bad-input/audited-refusals.ts';
import { BAD_INPUT_CLASSES, type BadInput, badInputs } from '../support/bad-input/bad-values.ts';
import { answerOf, problemWithRefusal } from '../support/bad-input/client-answers.ts';
import { mutationDocument } from '../support/bad-input/mutation-document.ts';
import { mutationScene, type SceneSetting } from '../support/bad-input/mutation-scene.ts';
import { schemaMutations, supergraphSchema } from '../support/bad-input/schema-mutations.ts';
import {
  changesBetween,
  isBookkeeping,
  refusalsByCorrelation,
  snapshotTable,
  type TableChange,
  type TableSnapshot,
} from '../support/bad-input/table-snapshot.ts';
import { type WorldRecord, worldRecords } from '../support/bad-input/world-records.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * Issue 24, item 7: every mutation of the supergraph the gateway serves, listed from its schema
 * (a new mutation is walked without a change here), called through the real gateway over HTTP
 * with generated bad input of four classes — wrong types and missing fields, out-of-range
 * numbers and dates, hostile strings, ids of the wrong kind, of another municipality or of
 * nothing — by a caller its authorisation rule lets in, around an otherwise valid input about
 * real Roskilde records. Each call must be a typed client refusal below HTTP 500. Then the whole
 * table, scanned before the first call and after the last, must be unchanged but for the trail
 * of reads and refusals and the rate limiter's counter (`table-snapshot.ts` says why), and each
 * audited refusal must have left its record; each call carries its own correlation id, by which
 * a write's change record and a refusal's audit record name the call. Seeds are fixed per
 * mutation and class (`BAD_INPUT_SEED` moves them all); a failure names its seed and input.
 */

const SEED = Number(process.env.BAD_INPUT_SEED ?? 24);
/** Generated calls per class and mutation: four classes × 53 mutations on two shared cores. */
const RUNS_PER_CLASS = 3;
const ROSKILDE = '265';
const KOBENHAVN = '101';

const schema = supergraphSchema();
const mutations = schemaMutations(schema);

/** One generated call and how it went, for the checks on the table afterwards. */
interface Call {
  mutation: string;
  badClass: string;
  bad: BadInput;
  correlationId: string;
  audited: boolean;
}

/**
 * The seed of one property: fixed, but its own for each mutation and class, so that their
 * runs do not all pick the same places in step.
 */
function seedOf(mutation: string, badClass: string): number {
  let hash = SEED;
  for (const char of `${mutation}/${badClass}`)
    hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/** A failed property in one line: fast-check's seed and path to replay it, and what went wrong. */
function propertyFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const replay = message.split('\n').find((line) => line.startsWith('{ seed'));
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return `${replay ?? message} ${cause}`;
}

/**
 * The writes, for the report: each call that wrote (found by the correlation id of the change
 * record its transaction wrote), then the other items written, by key.
 */
function describeWrites(writes: readonly TableChange[], calls: readonly Call[]): string[] {
  const byCall = new Map(calls.map((call) => [call.correlationId, call]));
  const lines: string[] = [];
  const others: string[] = [];
  for (const { key, before, after } of writes) {
    const call = byCall.get(String(after?.correlationId));
    if (call && !before) {
      lines.push(`${call.mutation} wrote (${call.badClass}: ${call.bad.what}): ${after?.target}`);
    } else others.push(`${!before ? 'added' : !after ? 'removed' : 'changed'} ${key}`);
  }
  return [...lines, ...others];
}

describe('generated bad input to every mutation, through the gateway', () => {
  let test: TestStack;
  let before: TableSnapshot;
  let records: WorldRecord[];
  let setting: SceneSetting;
  const calls: Call[] = [];

  beforeAll(async () => {
    test = await startTestStack();
    before = await snapshotTable(test.stack.table);
    records = worldRecords(before);
    const youth = demoSubject('YOUTH', { municipalityCode: ROSKILDE });
    const company = demoSubject('COMPANY_CONTACT', { municipalityCode: ROSKILDE });
    if (!youth.youthId || !company.companyId) throw new Error('The demo world has no placement');
    setting = {
      municipalityCode: ROSKILDE,
      youthId: youth.youthId,
      companyId: company.companyId,
      today: new Date().toISOString().slice(0, 10),
    };
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('walks every mutation of the supergraph', () => {
    expect(mutations.length).toBeGreaterThan(50);
    expect(mutations.map((m) => m.name)).toContain('writeWorkStory');
  });

  it.each(mutations.map((m) => [m.name, m] as const))(
    '%s: every generated bad input is a typed client refusal below HTTP 500',
    async (name, mutation) => {
      // Prepare
      const scene = mutationScene(mutation, records, setting);
      const token = await test.token(scene.role, scene.scope);
      const document = mutationDocument(schema, mutation);
      const sources = { records, municipalityCode: ROSKILDE, otherMunicipalityCode: KOBENHAVN };
      const failures: string[] = [];

      // Act, and assess each answer
      for (const badClass of BAD_INPUT_CLASSES) {
        const generated = badInputs(badClass, scene, sources);
        if (!generated) continue;
        const property = fc.asyncProperty(generated, async (bad) => {
          const correlationId = `bad-input-${randomUUID()}`;
          const { status, body } = await test.query<Record<string, unknown>>(document, {
            token,
            variables: { input: bad.input },
            headers: { [CORRELATION_HEADER]: correlationId },
          });
          const audited = refusalIsAudited(name, bad.path, answerOf(name, body));
          calls.push({ mutation: name, badClass, bad, correlationId, audited });
          const problem = problemWithRefusal(name, status, body);
          if (problem) throw new Error(`${bad.what} → ${problem}`);
        });
        const seed = seedOf(name, badClass);
        try {
          await fc.assert(property, { seed, numRuns: RUNS_PER_CLASS, endOnFailure: true });
        } catch (error) {
          failures.push(`${badClass} (as ${scene.role}): ${propertyFailure(error)}`);
        }
      }

      // Assess
      expect(failures).toEqual([]);
    },
    60_000,
  );

  it('no generated call wrote anything, and every audited refusal left its record', async () => {
    // Prepare: the calls of the tests above
    expect(calls.length).toBeGreaterThan(mutations.length * 2);

    // Act
    const changes = changesBetween(before, await snapshotTable(test.stack.table));

    // Assess
    const writes = changes.filter((change) => !isBookkeeping(change));
    expect(describeWrites(writes, calls)).toEqual([]);
    const refusals = refusalsByCorrelation(changes);
    const unaudited = calls.filter((c) => c.audited && !refusals.has(c.correlationId));
    expect(unaudited.map((c) => `${c.mutation}, ${c.badClass}: ${c.bad.what}`)).toEqual([]);
  });
});
