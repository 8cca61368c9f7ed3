import { CompanySchema } from '#companies/domain/company';
import { CompanyContactSchema } from '#companies/domain/company-contact';
import { PlacementOpportunitySchema } from '#companies/domain/placement-opportunity';
import {
  type CompanySnapshot,
  companyFiguresItems,
  companySnapshotItems,
} from '#companies/repository/company-snapshot';
import type { Table } from '#kernel/table/table';
import type { DemoCompany, DemoWorld } from './demo-world.ts';

/**
 * Writes the demo world's companies: each with its CVR reservation, contact persons and
 * placement opportunities (open ones on the open index), and each municipality's counter item
 * of companies by status and monthly figures, computed from the same companies by the domain's
 * own rules so that `companyStats` agrees with them. Every record is checked against the
 * domain's schemas on the way, so the demo data is data the mutations would have accepted.
 *
 * @param table - the table to fill
 * @param world - the demo world
 */
export async function seedCompanies(table: Table, world: DemoWorld): Promise<void> {
  const snapshots = world.companies.map((company) => snapshotOf(company, world.today));
  await table.putMany([
    ...snapshots.flatMap(companySnapshotItems),
    ...companyFiguresItems(snapshots.map(({ company }) => company)),
  ]);
}

/** A demo company as the companies subgraph stores it. */
function snapshotOf(demo: DemoCompany, today: string): CompanySnapshot {
  const company = CompanySchema.parse({
    id: demo.id,
    municipalityCode: demo.municipalityCode,
    cvr: demo.cvr,
    name: demo.name,
    industry: demo.industry,
    address: demo.address,
    status: demo.status,
    pause: demo.status === 'PAUSED' ? demo.pause : undefined,
    joinedOn: demo.joinedAt,
    // The demo world does not say when a company left: halfway between joining and today.
    leftOn: demo.status === 'LEFT' ? midway(demo.joinedAt, today) : undefined,
    contactIds: demo.contacts.map((contact) => contact.id),
    opportunityIds: demo.opportunities.map((opportunity) => opportunity.id),
    employees: demoEmployees(demo),
    version: 1,
  });
  const contacts = demo.contacts.map((contact) =>
    CompanyContactSchema.parse({ ...contact, municipalityCode: demo.municipalityCode }),
  );
  const opportunities = demo.opportunities.map((opportunity) =>
    PlacementOpportunitySchema.parse({
      ...opportunity,
      municipalityCode: demo.municipalityCode,
      // Only an active company has open opportunities; the demo world keeps to that already.
      open: opportunity.open && demo.status === 'ACTIVE',
      version: 1,
    }),
  );
  return { company, contacts, opportunities };
}

/**
 * A demo company's ordinary employees: enough that rimelighedskravet allows every place of its
 * opportunities at once (5 a place up to 50 employees, 10 a place beyond), plus a few that vary
 * with its CVR number so that the companies differ in size.
 */
function demoEmployees(demo: DemoCompany): number {
  const places = demo.opportunities.reduce((sum, opportunity) => sum + opportunity.places, 0);
  const needed = places <= 10 ? 5 * places : 50 + 10 * (places - 10);
  return needed + (Number(demo.cvr) % 17);
}

/** The day halfway between two ISO dates. */
function midway(from: string, to: string): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const dayMs = 86_400_000;
  return new Date(start + Math.floor((end - start) / dayMs / 2) * dayMs).toISOString().slice(0, 10);
}
