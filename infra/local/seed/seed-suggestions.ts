import { addDays } from '#kernel/calendar';
import type { Suggestion } from '#learning-community/domain/suggestion';
import type { DemoWorld } from './demo-world.ts';

/**
 * The demo's suggestions to the network, per municipality: one from a young person (its last),
 * answered by the team leader and acted on; one from a young person anonymous to the team, open;
 * one from the contact person of the municipality's first company, open. Roskilde's first four
 * young people have suggested more, all answered and three acted on, so that its suggestion
 * figures show for the programme office (which sees counts rounded to multiples of 5).
 *
 * @param world - the demo world
 */
export function suggestionsOf(world: DemoWorld): Suggestion[] {
  return world.municipalities.flatMap((municipality) => {
    const youth = world.youth.filter((y) => y.municipalityCode === municipality.code);
    const leader = world.staff.find(
      (s) => s.municipalityCode === municipality.code && s.role === 'TEAM_LEADER',
    );
    const company = world.companies.find(
      (c) =>
        c.municipalityCode === municipality.code && c.status === 'ACTIVE' && c.contacts.length > 0,
    );
    const contact = company?.contacts[0];
    const at = (days: number) => `${addDays(world.today, -days)}T10:00:00.000Z`;
    const suggestions: Suggestion[] = [];
    const answered = youth.at(-1);
    if (answered && leader) {
      suggestions.push({
        id: `sug-${municipality.code}-1`,
        municipalityCode: municipality.code,
        authorSide: 'YOUTH',
        authorYouthId: answered.id,
        anonymous: false,
        text: 'Kan netværksmøderne ligge om eftermiddagen, så flere af os kan komme?',
        createdAt: at(20),
        answer: {
          text: 'Godt forslag. Fra næste måned holder vi møderne kl. 14.',
          answeredAt: at(12),
          answeredByStaffId: leader.id,
        },
        actedOnAt: at(12),
        version: 2,
      });
    }
    const shy = youth.at(-2);
    if (shy) {
      suggestions.push({
        id: `sug-${municipality.code}-2`,
        municipalityCode: municipality.code,
        authorSide: 'YOUTH',
        authorYouthId: shy.id,
        anonymous: true,
        text: 'Det ville hjælpe at kunne tage en ven med til det første møde på virksomheden.',
        createdAt: at(6),
        version: 1,
      });
    }
    if (company && contact) {
      suggestions.push({
        id: `sug-${municipality.code}-3`,
        municipalityCode: municipality.code,
        authorSide: 'COMPANY',
        authorContactId: contact.id,
        authorCompanyId: company.id,
        anonymous: false,
        text: 'Vi vil gerne mødes med de andre virksomheder i netværket og dele erfaringer.',
        createdAt: at(3),
        version: 1,
      });
    }
    if (municipality.code === ROSKILDE && leader) {
      suggestions.push(...moreOf(municipality.code, youth.slice(0, 4), leader.id, at));
    }
    return suggestions;
  });
}

const ROSKILDE = '265';

const MORE = [
  'Kan vi få besøg af en tidligere deltager, der nu er i job?',
  'Mere tid til at øve jobsamtaler i gruppen',
  'Et kort over virksomhederne i netværket',
  'Kan konsulenten ringe dagen før første praktikdag?',
];

/** Suggestions by some young people, each answered a week after and all but the last acted on. */
function moreOf(
  code: string,
  youth: ReadonlyArray<{ id: string }>,
  leaderId: string,
  at: (days: number) => string,
): Suggestion[] {
  return youth.map((person, index) => ({
    id: `sug-${code}-${4 + index}`,
    municipalityCode: code,
    authorSide: 'YOUTH',
    authorYouthId: person.id,
    anonymous: index % 2 === 1,
    text: MORE[index] as string,
    createdAt: at(40 + index),
    answer: {
      text: 'Tak, det tager vi op på næste teammøde.',
      answeredAt: at(33 + index),
      answeredByStaffId: leaderId,
    },
    ...(index < 3 ? { actedOnAt: at(30 + index) } : {}),
    version: index < 3 ? 3 : 2,
  }));
}
