import {
  MAX_PAUSE_MONTHS,
  monthsAfter,
  programmeStart,
  requireDateInRange,
} from '#kernel/date-bounds';
import { DomainRuleError } from '#kernel/errors';
import type { Company, CompanyPause } from './company.ts';
import { MAX_CONTACTS_PER_COMPANY, MAX_OPPORTUNITIES_PER_COMPANY } from './company.ts';

/**
 * The rules of a company's part in the network. Transitions:
 *
 * | from    | pause | resume            | leave |
 * |---------|-------|-------------------|-------|
 * | ACTIVE  | yes   | —                 | yes   |
 * | PAUSED  | —     | yes               | yes   |
 * | LEFT    | —     | yes (team only)   | —     |
 *
 * Each function returns the company as it is after the change (version not yet increased) or
 * throws {@link DomainRuleError}, so a broken rule never reaches a write.
 */

/**
 * The company paused for a period: from a day between its joining and today, until a day after
 * today and at most {@link MAX_PAUSE_MONTHS} months ahead (`DATE_OUT_OF_RANGE` otherwise).
 *
 * @param company - the company as read
 * @param pause - the period and reason (already validated: `until` after `from`)
 * @param today - today's date, ISO
 */
export function pausedCompany(company: Company, pause: CompanyPause, today: string): Company {
  if (company.status !== 'ACTIVE') {
    throw new DomainRuleError(
      'COMPANY_NOT_ACTIVE',
      company.status === 'PAUSED'
        ? 'The company is paused already; resume it before pausing it again'
        : 'A company that has left the network cannot pause',
      ['companyId'],
    );
  }
  if (pause.from > today) {
    throw new DomainRuleError(
      'PAUSE_STARTS_IN_FUTURE',
      'Record a pause on the day it starts: the first day cannot be in the future',
      ['from'],
    );
  }
  if (pause.until <= today) {
    throw new DomainRuleError(
      'PAUSE_ALREADY_OVER',
      'The pause must last beyond today: choose a later end date',
      ['until'],
    );
  }
  requireDateInRange(
    pause.from,
    {
      notBefore: [
        programmeStart,
        { date: company.joinedOn, what: 'the company joined the network' },
      ],
    },
    ['from'],
  );
  const longest = monthsAfter(today, MAX_PAUSE_MONTHS, 'from today, the longest a pause lasts');
  requireDateInRange(pause.until, { notAfter: [longest] }, ['until']);
  return { ...company, status: 'PAUSED', pause };
}

/**
 * The company active again: a paused company, or (the municipal team only; the caller checks
 * who asks) a company that left.
 *
 * @param company - the company as read
 */
export function resumedCompany(company: Company): Company {
  if (company.status === 'ACTIVE') {
    throw new DomainRuleError('COMPANY_ALREADY_ACTIVE', 'The company is active already', [
      'companyId',
    ]);
  }
  const { leftOn: _leftOn, ...rest } = withoutPause(company);
  return { ...rest, status: 'ACTIVE' };
}

/**
 * The company out of the network from today.
 *
 * @param company - the company as read
 * @param today - today's date, ISO
 */
export function leftCompany(company: Company, today: string): Company {
  if (company.status === 'LEFT') {
    throw new DomainRuleError('COMPANY_ALREADY_LEFT', 'The company has left the network already', [
      'companyId',
    ]);
  }
  return { ...withoutPause(company), status: 'LEFT', leftOn: today };
}

/**
 * Refuses a joining date in the future (`JOINED_IN_FUTURE`: the network records what has
 * happened) or before the programme began (`DATE_OUT_OF_RANGE`).
 */
export function requireJoinedByToday(joinedOn: string, today: string): void {
  if (joinedOn > today) {
    throw new DomainRuleError('JOINED_IN_FUTURE', 'The joining date cannot be in the future', [
      'joinedOn',
    ]);
  }
  requireDateInRange(joinedOn, { notBefore: [programmeStart] }, ['joinedOn']);
}

/** Refuses an eleventh contact person. */
export function requireRoomForContact(company: Company): void {
  if (company.contactIds.length >= MAX_CONTACTS_PER_COMPANY) {
    throw new DomainRuleError(
      'TOO_MANY_CONTACTS',
      `A company has at most ${MAX_CONTACTS_PER_COMPANY} contact persons; remove one first`,
      ['companyId'],
    );
  }
}

/** Refuses to remove a company's last contact person: every company needs someone to call. */
export function requireNotLastContact(company: Company): void {
  if (company.contactIds.length <= 1) {
    throw new DomainRuleError(
      'LAST_CONTACT',
      'This is the company’s only contact person; add another before removing this one',
      ['contactId'],
    );
  }
}

/** Refuses an opportunity beyond the most a company may have. */
export function requireRoomForOpportunity(company: Company): void {
  if (company.opportunityIds.length >= MAX_OPPORTUNITIES_PER_COMPANY) {
    throw new DomainRuleError(
      'TOO_MANY_OPPORTUNITIES',
      `A company has at most ${MAX_OPPORTUNITIES_PER_COMPANY} placement opportunities`,
      ['companyId'],
    );
  }
}

/** Refuses to open an opportunity of a company that is not active. */
export function requireActiveToOpen(company: Company, path: string[] = ['opportunityId']): void {
  if (company.status !== 'ACTIVE') {
    throw new DomainRuleError(
      'COMPANY_NOT_ACTIVE',
      'Only an active company can open placement opportunities; resume the company first',
      path,
    );
  }
}

function withoutPause(company: Company): Company {
  const { pause: _pause, ...rest } = company;
  return rest;
}
