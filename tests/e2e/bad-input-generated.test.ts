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
 * real Roskilde records. Each call must be a typed client refusal below HTTP 500; after each
 * mutation's calls the whole table must be as before but for the trail of reads and refusals
 * and the rate limiter's counter (`table-snapshot.ts` says why), and each audited refusal must
 * have left its record. The seed is fixed (`BAD_INPUT_SEED` replays another); a failure names
 * it, the class and the generated input.
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
  badClass: string;
  bad: BadInput;
  correlationId: string;
  audited: boolean;
}

/** A failed property in one line: fast-check's seed and path to replay it, and what went wrong. */
function propertyFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const replay = message.split('\n').find((line) => line.startsWith('{ seed'));
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return `${replay ?? message} ${cause}`;
}

/** A write, for the report: the item and, by its change record, the call that made it. */
function describeWrite(change: TableChange, calls: readonly Call[]): string {
  const item = change.after ?? change.before;
  const how = !change.before ? 'added' : !change.after ? 'removed' : 'changed';
  const call = calls.find((c) => c.correlationId === item?.correlationId);
  return `${how} ${change.key} (${String(item?.entity ?? item?.action)})${
    call ? ` by ${call.badClass}: ${call.bad.what}` : ''
  }`;
}

describe('generated bad input to every mutation, through the gateway', () => {
  let test: TestStack;
  let before: TableSnapshot;
  let records: WorldRecord[];
  let setting: SceneSetting;

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
    '%s: a typed refusal below 500, nothing written, refusals audited',
    async (name, mutation) => {
      // Prepare
      const scene = mutationScene(mutation, records, setting);
      const token = await test.token(scene.role, scene.scope);
      const document = mutationDocument(schema, mutation);
      const sources = { records, municipalityCode: ROSKILDE, otherMunicipalityCode: KOBENHAVN };
      const calls: Call[] = [];
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
          calls.push({ badClass, bad, correlationId, audited });
          const problem = problemWithRefusal(name, status, body);
          if (problem) throw new Error(`${bad.what} → ${problem}`);
        });
        try {
          await fc.assert(property, { seed: SEED, numRuns: RUNS_PER_CLASS, endOnFailure: true });
        } catch (error) {
          failures.push(`${badClass} (as ${scene.role}): ${propertyFailure(error)}`);
        }
      }

      // Assess the table: nothing written, every audited refusal recorded
      const after = await snapshotTable(test.stack.table);
      const changes = changesBetween(before, after);
      before = after;
      for (const write of changes.filter((c) => !isBookkeeping(c))) {
        failures.push(`written: ${describeWrite(write, calls)}`);
      }
      const refusals = refusalsByCorrelation(changes);
      for (const call of calls.filter((c) => c.audited && !refusals.has(c.correlationId))) {
        failures.push(`refused without its audit record: ${call.badClass}: ${call.bad.what}`);
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
