import { type CompanyCompanyContact, tieSource, type YouthCompanyContact } from '#kernel/ties';
import type { Introduction } from './introduction.ts';
import type { Invitation } from './invitation.ts';
import type { Placement } from './placement.ts';
import type { Wish } from './wish.ts';

/** A young person's records that tie them to companies. */
export interface TieRecords {
  wishes: readonly Wish[];
  invitations: readonly Invitation[];
  placements: readonly Placement[];
  introductions: readonly Introduction[];
}

/**
 * The contacts a young person's records make, as the commands that wrote them would have tied
 * them (each dated the day it was made; a wish the young person's strong interest, an invitation
 * the company's, a placement both). For ties of records written before ties were kept. Pure.
 *
 * @param records - the young person's wishes, invitations, placements and introductions
 */
export function contactsOfRecords(records: TieRecords): YouthCompanyContact[] {
  const day = (record: { createdAt: string }) => record.createdAt.slice(0, 10);
  return [
    ...records.wishes.map((wish) => ({
      ...pairOf(wish),
      source: tieSource.wish(wish.id),
      way: 'WISH' as const,
      day: day(wish),
      youthInterest: 'STRONG' as const,
    })),
    ...records.invitations.map((invitation) => ({
      ...pairOf(invitation),
      source: tieSource.invitation(invitation.id),
      way: 'INVITATION' as const,
      day: day(invitation),
      companyInterest: 'STRONG' as const,
    })),
    ...records.placements.map((placement) => ({
      ...pairOf(placement),
      source: tieSource.placement(placement.id),
      way: 'PLACEMENT' as const,
      day: day(placement),
      youthInterest: 'STRONG' as const,
      companyInterest: 'STRONG' as const,
    })),
    ...records.introductions.map((introduction) => ({
      ...pairOf(introduction),
      source: tieSource.introduction(introduction.id),
      way: 'INTRODUCTION' as const,
      day: day(introduction),
    })),
  ];
}

function pairOf(record: { youthId: string; companyId: string; municipalityCode: string }) {
  return {
    youthId: record.youthId,
    companyId: record.companyId,
    municipalityCode: record.municipalityCode,
  };
}

/**
 * The company–company contacts a young person's placements make: each later placement ties its
 * company with the companies of the earlier ones, as `createPlacement` does. Pure.
 *
 * @param placements - the young person's placements
 */
export function sharedPlacementContacts(placements: readonly Placement[]): CompanyCompanyContact[] {
  const byCreation = [...placements].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return byCreation.flatMap((placement, i) =>
    [...new Set(byCreation.slice(0, i).map((earlier) => earlier.companyId))]
      .filter((companyId) => companyId !== placement.companyId)
      .map((otherCompanyId) => ({
        companyId: placement.companyId,
        otherCompanyId,
        source: tieSource.sharedPlacement(placement.id),
        way: 'SHARED_PLACEMENTS' as const,
        day: placement.createdAt.slice(0, 10),
      })),
  );
}
