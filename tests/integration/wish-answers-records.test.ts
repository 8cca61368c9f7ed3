import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import {
  collectPlacementsData,
  erasePlacementsData,
  placementEvaluationRows,
} from '#placements/data-subject/placements-data-subject';
import { recountPlacementFigures } from '#placements/maintenance/recount';
import { wishesOfYouthPartition } from '#placements/repository/wish-entity';
import { readWishFiguresOfYouth } from '#placements/repository/wish-repository';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { companyContactIdentity, youthIdentity } from '../support/identities.ts';
import { givenMunicipalities } from '../support/people-factories.ts';
import {
  aHost,
  aPlacement,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const CREATE = `mutation ($input: CreateWishInput!) { createWish(input: $input) { wish { id } } }`;
const RESPOND = `mutation ($input: RespondToWishInput!) { respondToWish(input: $input) {
  wish { id answer { invitation { id } } } errors { code }
} }`;

const DECLINE_WORDS = 'Ikke lige nu, men vi vil gerne møde dig igen';

describe("a company's answers to wishes in the records: art. 15, erasure, evaluation, recount", () => {
  let table: Table;
  let invitationId: string;

  /** A wish of the young person for the company, answered by one of its contacts. */
  async function answeredWish(
    youthId: string,
    companyId: string,
    answer: 'INVITE' | 'DECLINE',
    message: string,
  ): Promise<{ wishId: string; invitationId: string | null }> {
    const made = await execute<{ createWish: { wish: { id: string } } }>(
      server,
      testContext(table, youthIdentity('265', youthId)),
      CREATE,
      { input: { companyId, rank: 1, motivation: 'Jeg vil gerne' } },
    );
    const wishId = made.data?.createWish.wish.id as string;
    const answered = await execute<{
      respondToWish: { wish: { answer: { invitation: { id: string } | null } } | null };
    }>(server, testContext(table, companyContactIdentity(companyId)), RESPOND, {
      input: { wishId, answer, message, expectedVersion: 1 },
    });
    return {
      wishId,
      invitationId: answered.data?.respondToWish.wish?.answer.invitation?.id ?? null,
    };
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenYoungPeople(table, '265', ['y-1', 'y-2'], 'ENROLLED', '2026-01-05');
    await givenHosts(table, aHost('c-1', '265'), aHost('c-2', '265'));
    invitationId = (await answeredWish('y-1', 'c-1', 'INVITE', 'Kom og prøv'))
      .invitationId as string;
    await answeredWish('y-1', 'c-2', 'DECLINE', DECLINE_WORDS);
    await answeredWish('y-2', 'c-2', 'DECLINE', DECLINE_WORDS);
  });

  it("gives the young person the companies' answers to their wishes in their art. 15 export", async () => {
    // Act
    const sections = await collectPlacementsData(table, 'y-1');
    // Assess
    expect(sections.wishes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          status: 'INVITED',
          answer: expect.objectContaining({ kind: 'INVITE', message: 'Kom og prøv', invitationId }),
        }),
        expect.objectContaining({
          status: 'DECLINED',
          answer: expect.objectContaining({ kind: 'DECLINE', message: DECLINE_WORDS }),
        }),
      ]),
    );
  });

  it('keeps the wish figures equal to a recount of the wishes', async () => {
    // Act
    const report = await recountPlacementFigures(table);
    // Assess: the wish counters (the placement counters are another test's)
    const wishCounters = report.differences.filter((d) => /#WISHES/.test(String(d.counter)));
    expect(report.itemsCompared).toBeGreaterThan(0);
    expect(wishCounters).toEqual([]);
  });

  it('marks, for research, a placement that came from a wish the company answered with an invitation', async () => {
    // Prepare
    await givenPlacements(table, [
      aPlacement({
        youthId: 'y-1',
        companyId: 'c-1',
        startDate: '2026-10-05',
        endDate: '2027-01-04',
        status: 'ACTIVE',
        origin: { kind: 'INVITATION', wishId: null, invitationId },
      }),
      aPlacement({
        youthId: 'y-1',
        companyId: 'c-2',
        startDate: '2026-02-02',
        endDate: '2026-05-01',
        status: 'COMPLETED',
        outcome: { kind: 'PAUSE', date: '2026-05-01', details: null },
      }),
    ]);
    // Act
    const rows = await placementEvaluationRows(table, ['y-1']);
    // Assess
    const placements = rows['y-1']?.placements as Array<Record<string, unknown>>;
    expect(placements.map((p) => [p.startDate, p.fromWishAnsweredByCompany])).toEqual([
      ['2026-02-02', false],
      ['2026-10-05', true],
    ]);
  });

  it("erases the young person's wishes and the companies' words, leaving stubs the wish figures count alike", async () => {
    // Prepare
    const before = await readWishFiguresOfYouth(table, 'y-2');
    // Act
    await erasePlacementsData(table, 'y-2', 'STUBy2');
    // Assess
    const left = await table.queryAll({ index: 'gsi1', partition: wishesOfYouthPartition('y-2') });
    const stubs = await readWishFiguresOfYouth(table, 'STUBy2');
    expect(left).toEqual([]);
    expect(stubs).toEqual(
      before.map((wish) => ({
        municipalityCode: wish.municipalityCode,
        createdAt: wish.createdAt,
        answer: wish.answer ? { kind: wish.answer.kind, answeredAt: wish.answer.answeredAt } : null,
      })),
    );
    expect(
      JSON.stringify(
        await table.queryAll({ index: 'gsi1', partition: wishesOfYouthPartition('STUBy2') }),
      ),
    ).not.toContain(DECLINE_WORDS);
  });
});
