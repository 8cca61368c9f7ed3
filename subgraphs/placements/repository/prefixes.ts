/**
 * Key prefixes of the entities only this subgraph owns, next to the kernel's shared `PREFIX`
 * (which has no entry for them yet).
 */
export const PLACEMENTS_PREFIX = {
  wish: 'WISH',
  invitation: 'INVITATION',
  matchingEvent: 'MATCHING_EVENT',
  introduction: 'INTRODUCTION',
  companyOccupancy: 'COMPANY_OCCUPANCY',
} as const;
