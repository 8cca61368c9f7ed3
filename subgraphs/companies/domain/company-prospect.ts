import { programmeStart, requireDateInRange, todayBound } from '#kernel/date-bounds';
import { DomainRuleError } from '#kernel/errors';

/**
 * A company the municipality's entrepreneur is recruiting, before it joins (issue #21). Its
 * status follows the dated steps recorded on it:
 *
 * | from      | FIRST_CONTACT | MEETING | DECLINED | join (joinNetwork) |
 * |-----------|---------------|---------|----------|--------------------|
 * | PROSPECT  | CONTACTED     | MEETING | DECLINED | JOINED             |
 * | CONTACTED | —             | MEETING | DECLINED | JOINED             |
 * | MEETING   | —             | MEETING | DECLINED | JOINED             |
 * | JOINED    | —             | —       | —        | —                  |
 * | DECLINED  | —             | —       | —        | —                  |
 *
 * A second meeting is a step of its own (talks often need two); a first contact after a
 * meeting is not, as it would move the prospect backwards. A closed prospect (JOINED or
 * DECLINED) takes no more steps: a company that declined and comes back later is a new
 * prospect, so the first attempt still counts as declined in its month's figures.
 */
export type ProspectStatus = 'PROSPECT' | 'CONTACTED' | 'MEETING' | 'JOINED' | 'DECLINED';

/** A step the team records on a prospect with `recordCompanyOutreach`. */
export type OutreachKind = 'FIRST_CONTACT' | 'MEETING' | 'DECLINED';

/** One dated step in a prospect's pipeline. */
export interface ProspectStep {
  kind: OutreachKind | 'JOINED';
  /** The day it happened, `YYYY-MM-DD`. */
  on: string;
}

/** The part of a prospect the pipeline rules read. */
export interface ProspectPipeline {
  status: ProspectStatus;
  /** The Danish day the prospect was added, `YYYY-MM-DD`: no step may be dated before it. */
  addedOn: string;
  /** Its steps, oldest first. */
  steps: readonly ProspectStep[];
}

/** The status each outreach step leads to. */
const STATUS_AFTER: Readonly<Record<OutreachKind, ProspectStatus>> = {
  FIRST_CONTACT: 'CONTACTED',
  MEETING: 'MEETING',
  DECLINED: 'DECLINED',
};

/** The statuses each outreach step may be recorded from. */
const ALLOWED_FROM: Readonly<Record<OutreachKind, readonly ProspectStatus[]>> = {
  FIRST_CONTACT: ['PROSPECT'],
  MEETING: ['PROSPECT', 'CONTACTED', 'MEETING'],
  DECLINED: ['PROSPECT', 'CONTACTED', 'MEETING'],
};

/** Whether the prospect has closed (joined or declined) and takes no more steps. */
export function isClosed(status: ProspectStatus): boolean {
  return status === 'JOINED' || status === 'DECLINED';
}

/**
 * The prospect after a step the team recorded, or a {@link DomainRuleError}:
 * `PROSPECT_ALREADY_CLOSED` once joined or declined, `OUTREACH_NOT_ALLOWED` for a step that
 * would move it backwards, `DATE_OUT_OF_RANGE` for a day in the future, before the prospect
 * was added, or before its last step (steps are kept in the order they happened).
 *
 * @param prospect - the prospect as read
 * @param step - the step and its day (already a real calendar date)
 * @param today - today's Danish date
 */
export function prospectAfterOutreach<P extends ProspectPipeline>(
  prospect: P,
  step: { kind: OutreachKind; on: string },
  today: string,
): P {
  requireOpen(prospect);
  if (!ALLOWED_FROM[step.kind].includes(prospect.status)) {
    throw new DomainRuleError(
      'OUTREACH_NOT_ALLOWED',
      `A ${step.kind} step cannot follow ${prospect.status}: the pipeline only moves forward`,
      ['kind'],
    );
  }
  requireStepDate(prospect, step.on, today, ['on']);
  return {
    ...prospect,
    status: STATUS_AFTER[step.kind],
    steps: [...prospect.steps, { kind: step.kind, on: step.on }],
  };
}

/**
 * The prospect after its company joined the network (`joinNetwork` with `prospectId`), or
 * `PROSPECT_ALREADY_CLOSED` when it has joined or declined already: one prospect converts to
 * one company, exactly once.
 *
 * @param prospect - the prospect as read
 * @param joinedOn - the day the company joined (today)
 */
export function joinedProspect<P extends ProspectPipeline>(prospect: P, joinedOn: string): P {
  requireOpen(prospect);
  requireStepDate(prospect, joinedOn, joinedOn, ['prospectId']);
  return {
    ...prospect,
    status: 'JOINED',
    steps: [...prospect.steps, { kind: 'JOINED', on: joinedOn }],
  };
}

/**
 * Whole days from the day a prospect was added to the day it joined: the figure "time to
 * join" counts these.
 *
 * @param addedOn - the day the prospect was added, `YYYY-MM-DD`
 * @param joinedOn - the day it joined, `YYYY-MM-DD`
 */
export function daysToJoin(addedOn: string, joinedOn: string): number {
  const ms = Date.parse(`${joinedOn}T00:00:00Z`) - Date.parse(`${addedOn}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

function requireOpen(prospect: ProspectPipeline): void {
  if (isClosed(prospect.status)) {
    throw new DomainRuleError(
      'PROSPECT_ALREADY_CLOSED',
      prospect.status === 'JOINED'
        ? 'The prospect has joined the network already'
        : 'The prospect declined; add it again as a new prospect if it comes back',
      ['prospectId'],
    );
  }
}

function requireStepDate(prospect: ProspectPipeline, on: string, today: string, path: string[]) {
  const last = prospect.steps.at(-1);
  requireDateInRange(
    on,
    {
      notBefore: [
        programmeStart,
        { date: prospect.addedOn, what: 'the prospect was added' },
        last && { date: last.on, what: 'its last step was recorded' },
      ],
      notAfter: [todayBound(today)],
    },
    path,
  );
}
