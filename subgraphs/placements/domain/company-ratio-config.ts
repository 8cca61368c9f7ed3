/**
 * Rimelighedskravet: how many people may be in supported placements at one company at once,
 * against its ordinary employees. Bekendtgørelse om en aktiv beskæftigelsesindsats (BEK nr. 2636
 * af 28/12/2021, the version in force when checked on 2026-12-07) § 65, stk. 1: people in
 * virksomhedspraktik, in wage subsidy and in nytteindsats may be at most 1) one for every five
 * ordinary employees when the company has 0–50, always at least one, and 2) beyond that one for
 * every ten ordinary employees. Kept as data so that a change of the order is a change here.
 */
export interface CompanyRatioConfig {
  /** The order and paragraph the rule comes from, named in the refusal. */
  source: string;
  /** Employees per person in a placement up to `firstBandEmployees` (5). */
  employeesPerPlaceInFirstBand: number;
  /** The employees the first band covers (50). */
  firstBandEmployees: number;
  /** Employees per further person beyond the first band (10). */
  employeesPerPlaceBeyond: number;
  /** The places every company has, however small (1: "dog altid 1 person"). */
  minimumPlaces: number;
  /**
   * The places of a company that has not told how many it employs. The order sets no figure for
   * an unknown size; NEXTWORK allows the least any company may have (one at a time) rather than
   * refusing, so that a company joined before its size was recorded can still take one young
   * person while the team asks.
   */
  placesWhenEmployeesUnknown: number;
}

/** Rimelighedskravet as BEK nr. 2636 af 28/12/2021 § 65, stk. 1 sets it. */
export const COMPANY_RATIO_CONFIG: CompanyRatioConfig = {
  source: 'BEK nr. 2636 af 28/12/2021 § 65, stk. 1 (rimelighedskravet)',
  employeesPerPlaceInFirstBand: 5,
  firstBandEmployees: 50,
  employeesPerPlaceBeyond: 10,
  minimumPlaces: 1,
  placesWhenEmployeesUnknown: 1,
};
