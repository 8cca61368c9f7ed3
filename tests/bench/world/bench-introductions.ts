import type { DemoWorld } from '#infra/local/seed/demo-world';
import type { Table } from '#kernel/table/table';
import { tieSource, youthCompanyTieAdded } from '#kernel/ties';
import type { Introduction } from '#placements/domain/introduction';
import { IntroductionEntity } from '#placements/repository/introduction-entity';

/** A young person and a company the benchmark's `invite-youth` operation pairs. */
export interface InvitedPair {
  youthId: string;
  companyId: string;
}

/** A transaction takes at most 100 actions. */
const TRANSACTION_LIMIT = 100;

/**
 * The benchmark's own fixture beside the demo world: the team introduced every pair the
 * `invite-youth` operation invites (meeting first, then the invitation), so that each request
 * of a load run is a first invitation with its meeting on record, as in real use. Written as
 * the command writes them — the introduction, and the reason added to the pair's tie (kept
 * beside what the pair's wishes and placements put there). Pairs whose young person is not in
 * the world are left out.
 *
 * @param table - the table the world was seeded into
 * @param world - the world
 * @param pairs - the pairs the operation invites
 */
export async function seedBenchIntroductions(
  table: Table,
  world: DemoWorld,
  pairs: readonly InvitedPair[],
): Promise<void> {
  const youth = new Map(world.youth.map((y) => [y.id, y]));
  const consultants = new Map(
    world.staff
      .filter((s) => s.role === 'NETWORK_CONSULTANT')
      .map((s) => [s.municipalityCode, s.id]),
  );
  const introductions: Introduction[] = [];
  for (const pair of pairs) {
    const person = youth.get(pair.youthId);
    const consultant = person && consultants.get(person.municipalityCode);
    if (!person || !consultant) continue;
    introductions.push({
      id: `bench-${pair.youthId}-${pair.companyId}`.slice(0, 64),
      municipalityCode: person.municipalityCode,
      youthId: pair.youthId,
      companyId: pair.companyId,
      note: null,
      introducedBy: consultant,
      createdAt: `${world.today}T08:00:00.000Z`,
      version: 1,
    });
  }
  await table.putMany(introductions.map(IntroductionEntity.toItem));
  const ties = introductions.map((introduction) =>
    youthCompanyTieAdded({
      ...introduction,
      source: tieSource.introduction(introduction.id),
      way: 'INTRODUCTION',
      day: world.today,
    }),
  );
  for (let start = 0; start < ties.length; start += TRANSACTION_LIMIT) {
    await table.transact(ties.slice(start, start + TRANSACTION_LIMIT));
  }
}
