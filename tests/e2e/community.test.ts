import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const companyGroup = world.networkGroups.find((g) => g.id === 'g-265-c1');
const youthGroup = world.networkGroups.find((g) => g.id === 'g-265-y1');
const contactIds = companyGroup?.memberIds ?? [];
const companyOfContact = (contactId: string) =>
  world.companies.find((c) => c.contacts.some((contact) => contact.id === contactId));
const [member, other] = contactIds.map(companyOfContact);
const [youngMember, ...otherMembers] = youthGroup?.memberIds ?? [];
const youthOf = (id: string) => world.youth.find((y) => y.id === id);

const MEMBER_COMPANIES = `query ($id: ID!) { networkGroup(id: $id) {
  memberCompanies { id name contacts { name phone email } }
} }`;
const YOUTH_MEMBERS = `query ($id: ID!) { networkGroup(id: $id) {
  youthMembers { id firstName }
} }`;
const OWN_TIES = 'query ($id: ID!) { youth(id: $id) { peerTieCount } }';

type Companies = {
  networkGroup: {
    memberCompanies: Array<{
      id: string;
      name: string;
      contacts: Array<{ name: string; phone: string; email: string | null }>;
    }>;
  } | null;
};
type Members = {
  networkGroup: {
    youthMembers: Array<{ id: string; firstName: string | null }>;
  } | null;
};

/** Issue #20 through the gateway: groups open to their members, over the demo's groups. */
describe('community through the gateway: groups open to their members (#20)', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it("shows a company group's contact the other member companies with their contacts", async () => {
    // Prepare
    const token = await test.token('COMPANY_CONTACT', {
      companyId: member?.id as string,
      contactId: contactIds[0] as string,
    });
    // Act
    const { body } = await test.query<Companies>(MEMBER_COMPANIES, {
      token,
      variables: { id: companyGroup?.id },
    });
    // Assess
    expect(body.errors).toBeUndefined();
    const shown = body.data?.networkGroup?.memberCompanies ?? [];
    expect(shown.map((company) => company.id)).toEqual(
      contactIds.map((id) => companyOfContact(id)?.id),
    );
    expect(shown.find((company) => company.id === other?.id)).toEqual({
      id: other?.id,
      name: other?.name,
      contacts: other?.contacts.map((contact) => ({
        name: contact.name,
        phone: contact.phone,
        email: contact.email ?? null,
      })),
    });
  });

  it("shows a young person the group's members' first names, and nothing more of the others", async () => {
    // Prepare
    const token = await test.token('YOUTH', { youthId: youngMember as string });
    // Act
    const { body } = await test.query<Members>(YOUTH_MEMBERS, {
      token,
      variables: { id: youthGroup?.id },
    });
    const own = await test.query<{ youth: { peerTieCount: number } }>(OWN_TIES, {
      token,
      variables: { id: youngMember },
    });
    // Assess
    expect(body.errors).toBeUndefined();
    expect(body.data?.networkGroup?.youthMembers).toEqual(
      [youngMember, ...otherMembers].map((id) => ({
        id,
        firstName: youthOf(id as string)?.firstName.split(' ')[0],
      })),
    );
    // The demo's group ties them to every other member.
    expect(own.body.data?.youth.peerTieCount).toBe(otherMembers.length);
  });
});
