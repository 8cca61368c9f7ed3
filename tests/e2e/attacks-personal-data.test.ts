import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { AUDIT_KEYS, type AuditRecord, auditRecordFromItem } from '#kernel/audit';
import { CORRELATION_HEADER } from '#kernel/identity-assertion';
import { requestLogger } from '#kernel/logger';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { aLifecycleTask, givenLifecycleTasks } from '../support/placements-factories.ts';

/**
 * Issue 18, class 4: personal data read without an audit record, left out of the art. 15
 * export, shown to a role that may not see it, or written to a log. Each attack goes through
 * the gateway over HTTP, against the local stack with the demo world.
 */

const world = buildDemoWorld();
const ROSKILDE = '265';

const placement = world.placements.find(
  (p) => p.municipalityCode === ROSKILDE && p.status === 'ACTIVE',
);
const withSupportNotes = world.youth.find(
  (y) => y.municipalityCode === ROSKILDE && y.supportNotes.length > 0,
);
const company = world.companies.find((c) => c.municipalityCode === ROSKILDE);
if (!placement || !withSupportNotes || !company) {
  throw new Error('The demo world lacks the data of these attacks');
}

const EXPORT = `mutation ($input: ExportYouthDataInput!) {
  exportYouthData(input: $input) { export { document } errors { code } }
}`;

/** The note the team wrote on a lifecycle task: free text about the young person. */
const TASK_NOTE = `Talte om angst før mødet ${randomUUID().slice(0, 8)}`;

describe('personal data: audited when read, exported, shown to the right role, kept out of logs', () => {
  let test: TestStack;

  /** The audit records of one request in the young person's trail. */
  const trailOf = async (youthId: string, correlationId: string): Promise<AuditRecord[]> => {
    const items = await test.stack.table.queryAll({
      partition: AUDIT_KEYS.youthPartition(youthId),
    });
    return items.map(auditRecordFromItem).filter((r) => r.correlationId === correlationId);
  };

  /** The art. 15 document of a young person as one caller is handed it. */
  const exportFor = async (token: string, youthId: string) => {
    const { body } = await test.query<{ exportYouthData: { export: { document: string } } }>(
      EXPORT,
      { token, variables: { input: { youthId } } },
    );
    expect(body.errors).toBeUndefined();
    return JSON.parse(body.data?.exportYouthData.export.document ?? 'null');
  };

  beforeAll(async () => {
    test = await startTestStack();
    // A completed talk of the placement's lifecycle, with the team's note on it.
    await givenLifecycleTasks(
      test.stack.table,
      aLifecycleTask({
        placementId: placement.id,
        municipalityCode: ROSKILDE,
        step: 'MIDWAY_EVALUATION',
        round: 7,
        status: 'DONE',
        completedOn: '2026-11-20',
        completedBy: 'staff-265-1',
        notes: TASK_NOTE,
      }),
    );
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("records a READ when a staff member reads a lifecycle task's notes", async () => {
    // Prepare
    const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    const correlationId = `read-note-${randomUUID()}`;
    // Act
    const { body } = await test.query<{
      placement: { lifecycleTasks: Array<{ notes: string | null }> };
    }>('query ($id: ID!) { placement(id: $id) { lifecycleTasks { notes } } }', {
      token,
      variables: { id: placement.id },
      headers: { [CORRELATION_HEADER]: correlationId },
    });
    // Assess
    expect(body.errors).toBeUndefined();
    expect(body.data?.placement.lifecycleTasks.map((task) => task.notes)).toContain(TASK_NOTE);
    const reads = (await trailOf(placement.youthId, correlationId)).filter(
      (record) => record.action === 'READ',
    );
    expect(reads.map((record) => record.target)).toContain('LifecycleTask.notes');
  });

  it("puts the lifecycle's notes in the young person's art. 15 export", async () => {
    // Prepare
    const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    // Act
    const document = await exportFor(token, placement.youthId);
    // Assess
    const tasks = document.sections.placements.lifecycleTasks as Array<{ notes: string | null }>;
    expect(tasks.map((task) => task.notes)).toContain(TASK_NOTE);
    expect(JSON.stringify(tasks)).not.toContain('taskToken');
  });

  it('tells no staff role but the psychologist that support notes exist', async () => {
    // Prepare
    const roles = ['NETWORK_CONSULTANT', 'TEAM_LEADER', 'ENTREPRENEUR'] as const;
    const psychologist = await test.token('PSYCHOLOGIST', { municipalityCode: ROSKILDE });
    // Act
    const documents = await Promise.all(
      roles.map(async (role) =>
        exportFor(await test.token(role, { municipalityCode: ROSKILDE }), withSupportNotes.id),
      ),
    );
    const theirs = await exportFor(psychologist, withSupportNotes.id);
    // Assess
    for (const document of documents) {
      expect(document.sections.people).not.toHaveProperty('supportNotes');
      expect(JSON.stringify(document)).not.toMatch(/support ?notes?/i);
    }
    expect(theirs.sections.people.supportNotes).toMatchObject({
      count: withSupportNotes.supportNotes.length,
    });
  });

  it('writes no motivation text of a request to the log', async () => {
    // Prepare
    const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    const correlationId = `log-motivation-${randomUUID()}`;
    const motivation = `Jeg vil gerne arbejde med dyr efter min depression ${randomUUID()}`;
    const input = { youthId: placement.youthId, companyId: company.id, rank: 3, motivation };
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    // Warnings and errors go to stderr, the rest to stdout.
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    // Act: the request itself, and a log line of its input written as the subgraphs log
    const { status } = await test.query(
      'mutation ($input: CreateWishInput!) { createWish(input: $input) { errors { code } } }',
      { token, variables: { input }, headers: { [CORRELATION_HEADER]: correlationId } },
    );
    requestLogger(correlationId).warn('wish not created', { input });
    vi.restoreAllMocks();
    // Assess
    expect(status).toBe(200);
    const ofRequest = lines.filter((line) => line.includes(correlationId));
    expect(ofRequest.length).toBeGreaterThan(0);
    expect(ofRequest.join('\n')).not.toContain(motivation.slice(0, 20));
  });
});
