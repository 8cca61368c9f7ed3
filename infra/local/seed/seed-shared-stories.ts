import { addDays } from '#kernel/calendar';
import type { WorkStory } from '#learning-community/domain/work-story';
import type { DemoWorld } from './demo-world.ts';

/** Placement statuses whose company a young person may share a story with. */
const CURRENT = new Set(['PLANNED', 'ACTIVE', 'EXTENDED']);

/**
 * One story per municipality shared with the company of a running placement (issue #20): by the
 * young person of the municipality's first running placement, so that the company's contacts
 * find it on `Company.sharedStories` while the placement lasts. Deterministic from the world.
 *
 * @param world - the demo world
 */
export function storiesSharedWithCompaniesOf(world: DemoWorld): WorkStory[] {
  return world.municipalities.flatMap((municipality) => {
    const placement = world.placements.find(
      (p) => p.municipalityCode === municipality.code && CURRENT.has(p.status),
    );
    if (!placement) return [];
    const at = `${addDays(world.today, -4)}T15:00:00.000Z`;
    return [
      {
        id: `ws-${municipality.code}-c`,
        youthId: placement.youthId,
        municipalityCode: municipality.code,
        placementId: placement.id,
        whatIDid: 'Jeg lærte at tage imod kunder og finde varer frem til dem.',
        whatIWasGoodAt: 'At være venlig og rolig, også når der var travlt.',
        whatIWantNext: 'At blive her, og måske tage en uddannelse i detailhandel.',
        authorship: 'YOUTH',
        sharedWithCompanyId: placement.companyId,
        sharedThroughPlacementId: placement.id,
        createdAt: at,
        updatedAt: at,
        version: 2,
      },
    ];
  });
}
