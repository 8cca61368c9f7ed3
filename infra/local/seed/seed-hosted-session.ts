import type { NetworkSession } from '#learning-community/domain/network-session';
import type { DemoWorld } from './demo-world.ts';

/** The youth group whose latest held session a company hosted in the demo. */
const HOSTED_GROUP = 'g-265-y1';

/** A session a company hosted: as planned, and with the attendance recorded afterwards. */
export interface HostedSession {
  before: NetworkSession;
  after: NetworkSession;
}

/**
 * Whether a demo session is the one a company hosted (issue #20: company-hosted group sessions
 * tie the young people present to the company): Roskilde's first youth group's latest held
 * session, hosted by the company of the municipality's first running placement. Its attendance
 * is recorded through the subgraph's own write (`attendanceActions`), which ties each young
 * person present to the host, so it is returned as planned (before) and as recorded (after).
 *
 * @param world - the demo world
 * @param session - a session of a demo group, as seeded
 */
export function hostedSessionOf(
  world: DemoWorld,
  session: NetworkSession,
): HostedSession | undefined {
  const group = world.networkGroups.find((g) => g.id === HOSTED_GROUP);
  const latestHeld = group?.sessions.at(-1);
  if (!latestHeld || session.id !== latestHeld.id || !session.attendanceRecordedAt)
    return undefined;
  const host = world.placements.find(
    (p) => p.municipalityCode === group?.municipalityCode && p.status === 'ACTIVE',
  );
  if (!host) return undefined;
  const hosted = { ...session, hostCompanyId: host.companyId, version: 1 };
  return {
    before: { ...hosted, attendance: [], attendanceRecordedAt: undefined },
    after: hosted,
  };
}
