import * as z from 'zod';
import { defineCommand } from '#kernel/command';
import { TIE_INTEREST, type TieInterest, tieSource, youthCompanyTieAdded } from '#kernel/ties';
import { danishToday } from '#kernel/today';
import { EntityIdSchema } from '#kernel/validation';
import { loadMatchingEvent } from '../repository/matching-event-repository.ts';
import type { MatchingEvent } from './matching-event.ts';
import { recallMatchingEvent, rememberMatchingEvent } from './placement-results.ts';
import { broken, RULE } from './rules.ts';

/**
 * How many meetings one request records: each ties one pair and each young person named gets
 * an audit event of their own, so 40 meetings stay inside one transaction.
 */
export const MAX_MEETINGS_PER_REQUEST = 40;

/** One meeting at an event: a young person and a company, and the interest each expressed. */
export const MatchingEventMeetingSchema = z.object({
  youthId: EntityIdSchema,
  companyId: EntityIdSchema,
  youthInterest: z
    .enum(TIE_INTEREST)
    .nullish()
    .transform((level) => level ?? 'NONE'),
  companyInterest: z
    .enum(TIE_INTEREST)
    .nullish()
    .transform((level) => level ?? 'NONE'),
});

/** The input of `recordMatchingEventMeetings`, as validated at the edge. */
export const RecordMatchingEventMeetingsInputSchema = z.object({
  eventId: EntityIdSchema,
  meetings: z
    .array(MatchingEventMeetingSchema)
    .min(1, 'must name at least one meeting')
    .max(MAX_MEETINGS_PER_REQUEST, `must name at most ${MAX_MEETINGS_PER_REQUEST}`),
});

/** The input of `recordMatchingEventMeetings`. */
export type RecordMatchingEventMeetingsInput = z.infer<
  typeof RecordMatchingEventMeetingsInputSchema
>;

/**
 * The rules of recording meetings, in the order they are reported: the event has been held
 * (by today), and every meeting is between a young person and a company that took part in it.
 * Pure.
 *
 * @param event - the event as read
 * @param input - the meetings
 * @param today - today's date in Denmark
 */
export function requireMeetingRules(
  event: MatchingEvent,
  input: RecordMatchingEventMeetingsInput,
  today: string,
): void {
  if (event.date > today) {
    throw broken(RULE.EVENT_NOT_HELD_YET, 'Meetings are recorded once the event is held', [
      'eventId',
    ]);
  }
  input.meetings.forEach((meeting, i) => {
    if (!event.youthIds.includes(meeting.youthId)) {
      throw broken(RULE.NOT_A_PARTICIPANT, 'The young person did not take part in the event', [
        'meetings',
        String(i),
        'youthId',
      ]);
    }
    if (!event.companyIds.includes(meeting.companyId)) {
      throw broken(RULE.NOT_A_PARTICIPANT, 'The company did not take part in the event', [
        'meetings',
        String(i),
        'companyId',
      ]);
    }
  });
}

type Meeting = RecordMatchingEventMeetingsInput['meetings'][number];

/**
 * One meeting per pair, with the strongest interest each side expressed in the list: a pair
 * named twice is one tie, and a transaction writes an item once.
 */
function oneMeetingPerPair(meetings: readonly Meeting[]): Meeting[] {
  const stronger = (a: TieInterest, b: TieInterest) =>
    TIE_INTEREST.indexOf(b) > TIE_INTEREST.indexOf(a) ? b : a;
  const pairs = new Map<string, Meeting>();
  for (const meeting of meetings) {
    const pair = `${meeting.youthId}|${meeting.companyId}`;
    const before = pairs.get(pair);
    pairs.set(
      pair,
      before
        ? {
            ...before,
            youthInterest: stronger(before.youthInterest, meeting.youthInterest),
            companyInterest: stronger(before.companyInterest, meeting.companyInterest),
          }
        : meeting,
    );
  }
  return [...pairs.values()];
}

/**
 * The municipal team records who met whom at a matching event of their municipality, and the
 * interest each side expressed: each meeting ties the pair (`#kernel/ties`), dated the event's
 * day. The event is the meeting's source, so recording it again — the same request retried, or
 * the list sent twice — leaves one tie as it was; interest recorded again keeps the strongest
 * each side expressed. Each young person named gets a `CHANGE` audit event of their own.
 */
export const recordMatchingEventMeetingsCommand = defineCommand({
  name: 'recordMatchingEventMeetings',
  input: RecordMatchingEventMeetingsInputSchema,
  async execute(context, input, work): Promise<MatchingEvent> {
    const event = await loadMatchingEvent(context.loader, input.eventId);
    if (!event) throw broken(RULE.MATCHING_EVENT_NOT_FOUND, 'No such event', ['eventId']);
    requireMeetingRules(event, input, danishToday(context.now()));
    for (const meeting of oneMeetingPerPair(input.meetings)) {
      work.add(
        youthCompanyTieAdded({
          ...meeting,
          municipalityCode: event.municipalityCode,
          source: tieSource.meeting(event.id),
          way: 'MATCHING_EVENT',
          day: event.date,
        }),
      );
    }
    for (const youthId of new Set(input.meetings.map((meeting) => meeting.youthId))) {
      work.audit({
        action: 'CHANGE',
        target: 'Mutation.recordMatchingEventMeetings',
        youthId,
        municipalityCode: event.municipalityCode,
      });
    }
    return event;
  },
  remember: rememberMatchingEvent,
  recall: recallMatchingEvent,
  about: (_input, event) => ({ municipalityCode: event.municipalityCode }),
});
