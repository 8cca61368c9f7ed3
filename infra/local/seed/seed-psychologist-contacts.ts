import type { Item } from '#kernel/table/table';
import {
  type PsychologistContact,
  PsychologistContactSchema,
} from '#people/domain/psychologist-contact';
import {
  PsychologistCaseloadEntryEntity,
  PsychologistContactEntity,
} from '#people/repository/psychologist-contact-entity';

/** The demo's referrals, in turn: most contacts refer no one on. */
const REFERRALS = ['NONE', 'GENERAL_PRACTITIONER', 'NONE', 'MUNICIPAL_ADULT_SERVICES'] as const;

/**
 * The demo's psychologist contacts, as `recordPsychologistContact` writes them: one session on
 * the day of each support note (a note follows a session), with a follow-up two weeks on, and
 * each young person's entry on the psychologist's caseload at the latest contact.
 *
 * @param notes - the support notes the seed writes, by young person (their days and author)
 */
export function psychologistContactItems(
  notes: ReadonlyArray<{ youthId: string; date: string; authorId: string | null }>,
): Item[] {
  const items: Item[] = [];
  const latest = new Map<string, { psychologistId: string; on: string }>();
  notes.forEach((note, index) => {
    if (!note.authorId) return;
    const followUpOn = new Date(`${note.date}T00:00:00Z`);
    followUpOn.setUTCDate(followUpOn.getUTCDate() + 14);
    const contact: PsychologistContact = PsychologistContactSchema.parse({
      id: `${note.youthId}-contact-${index + 1}`,
      youthId: note.youthId,
      on: note.date,
      kind: index % 3 === 2 ? 'JOINT_MEETING_WITH_CONSULTANT' : 'INDIVIDUAL_SESSION',
      minutes: index % 3 === 2 ? 60 : 50,
      referralMade: REFERRALS[index % REFERRALS.length],
      followUp: { on: followUpOn.toISOString().slice(0, 10), note: null },
      psychologistId: note.authorId,
      recordedAt: `${note.date}T12:00:00.000Z`,
    });
    items.push(PsychologistContactEntity.toItem(contact));
    const seen = latest.get(note.youthId);
    if (!seen || seen.on < contact.on) {
      latest.set(note.youthId, { psychologistId: note.authorId, on: contact.on });
    }
  });
  for (const [youthId, { psychologistId, on }] of latest) {
    items.push(
      PsychologistCaseloadEntryEntity.toItem({ youthId, psychologistId, lastContactOn: on }),
    );
  }
  return items;
}
