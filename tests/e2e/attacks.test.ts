import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSubject } from '#infra/local/demo-identities';
import { mintDevToken } from '#infra/local/dev-issuer';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import type { AuditRecord } from '#kernel/audit';
import { AUDIT_KEYS, auditRecordFromItem } from '#kernel/audit';
import { MAX_BATCHED_OPERATIONS } from '#kernel/call-batches';
import {
  CORRELATION_HEADER,
  createAssertionSigner,
  IDENTITY_HEADER,
} from '#kernel/identity-assertion';
import { newId } from '#kernel/keys';
import { identityOfSubject } from '../bench/federation/in-process-gateway.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * The attacks of issue 8, each through real HTTP against one local stack running with the
 * production settings (`STAGE=prod`): refused with the right code, no protected data in the
 * answer, and the attempt in the audit trail. Each attack carries its own correlation id, by
 * which its audit records are found.
 */

const world = buildDemoWorld();
const ROSKILDE = '265';
const KOBENHAVN = '101';
const RATE_LIMIT = 40;

const activePlacement = world.placements.find(
  (p) => p.municipalityCode === ROSKILDE && p.status === 'ACTIVE',
);
const copenhagenYouth = world.youth.find((y) => y.municipalityCode === KOBENHAVN);
if (!activePlacement || !copenhagenYouth) throw new Error('The demo world lacks the attack data');
/** The demo participants (young people, contact persons) a participant shares a group with. */
const groupPeersOf = (participantIds: readonly string[]): Set<string> =>
  new Set(
    world.networkGroups
      .filter((group) => group.memberIds.some((id) => participantIds.includes(id)))
      .flatMap((group) => group.memberIds),
  );
const contactIdsOf = (companyId: string): string[] =>
  world.companies.find((c) => c.id === companyId)?.contacts.map((contact) => contact.id) ?? [];
// Group peers see a little of each other (first names; companies and their contacts): the
// strangers attacked here share no group with the attacker.
const youthPeers = groupPeersOf([activePlacement.youthId]);
const companyPeers = groupPeersOf(contactIdsOf(activePlacement.companyId));
const otherRoskildeYouth = world.youth.find(
  (y) =>
    y.municipalityCode === ROSKILDE && y.id !== activePlacement.youthId && !youthPeers.has(y.id),
);
const otherCompany = world.companies.find(
  (c) =>
    c.municipalityCode === ROSKILDE &&
    c.id !== activePlacement.companyId &&
    !c.contacts.some((contact) => companyPeers.has(contact.id)),
);
if (!otherRoskildeYouth || !otherCompany) throw new Error('The demo world lacks the attack data');

/** A fresh correlation id, by which an attack's audit records are found. */
const correlation = (attack: string) => `attack-${attack}-${randomUUID().slice(0, 8)}`;

/** An answer of the gateway or a subgraph. */
interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/** The error codes of an answer. */
const codesOf = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);

/** Whether two answers have the same status and body but for the id each was sent. */
const alike = (a: Answer, aId: string, b: Answer, bId: string) =>
  a.status === b.status && a.text.replaceAll(aId, 'ID') === b.text.replaceAll(bId, 'ID');

/** The reason of a refusal answered as an id of nothing (#18, class 7). */
const STRANGER = /\(answered as an id of nothing\)$/;

describe('attacks on the production-configured stack, over HTTP', () => {
  let test: TestStack;
  let previousRateLimit: string | undefined;

  /** POSTs a raw body to a URL, as an attacker would. */
  const post = async (
    url: string,
    body: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await response.text();
    let parsed: Answer['body'] = {};
    try {
      parsed = JSON.parse(text) as Answer['body'];
    } catch {
      parsed = {};
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };

  /** Sends an operation through the gateway with a token and a correlation id. */
  const attack = async (
    correlationId: string,
    query: string,
    options: { token?: string; variables?: Record<string, unknown> } = {},
  ): Promise<Answer> =>
    post(
      test.stack.gatewayUrl,
      JSON.stringify({ query, ...(options.variables ? { variables: options.variables } : {}) }),
      {
        'x-correlation-id': correlationId,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
    );

  /**
   * The audit records of one request, read from the table: the day partitions (events about
   * no young person) and the trails of the young people named.
   */
  const auditOf = async (correlationId: string, youthIds: string[] = []) => {
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);
    const partitions = [
      ...AUDIT_KEYS.dayPartitions(today.toISOString().slice(0, 10)),
      ...AUDIT_KEYS.dayPartitions(yesterday.toISOString().slice(0, 10)),
      ...youthIds.map((id) => AUDIT_KEYS.youthPartition(id)),
    ];
    const items = (
      await Promise.all(partitions.map((partition) => test.stack.table.queryAll({ partition })))
    ).flat();
    return items
      .map(auditRecordFromItem)
      .filter((record: AuditRecord) => record.correlationId === correlationId);
  };

  beforeAll(async () => {
    // A small rate limit for this stack; every other attack stays far below it per identity.
    previousRateLimit = process.env.RATE_LIMIT_PER_MINUTE;
    process.env.RATE_LIMIT_PER_MINUTE = String(RATE_LIMIT);
    test = await startTestStack('prod');
  });

  afterAll(async () => {
    await test?.stack.stop();
    if (previousRateLimit === undefined) delete process.env.RATE_LIMIT_PER_MINUTE;
    else process.env.RATE_LIMIT_PER_MINUTE = previousRateLimit;
  });

  describe('tokens and tenancy', () => {
    // A stranger to a record hears what an id of nothing gets, and the attempt is audited
    // REFUSED with the reason that says so (#18, class 7).
    it('refuses a Roskilde consultant a København young person as an unknown one, and audits it', async () => {
      // Prepare
      const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
      const id = correlation('municipality');
      const query = (youthId: string) =>
        `{ youth(id: "${youthId}") { id name barriers contact { phone email } } }`;
      const nobody = newId();
      // Act
      const answer = await attack(id, query(copenhagenYouth.id), { token });
      const unknown = await attack(correlation('municipality-unknown'), query(nobody), { token });
      // Assess
      expect(answer.body.data).toEqual({ youth: null });
      expect(codesOf(answer)).toEqual([]);
      expect(alike(answer, copenhagenYouth.id, unknown, nobody)).toBe(true);
      expect(answer.text).not.toContain(copenhagenYouth.lastName);
      const records = await auditOf(id, [copenhagenYouth.id]);
      expect(records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'REFUSED', reason: expect.stringMatching(STRANGER) }),
        ]),
      );
    });

    it("refuses a company contact another company's records as an unknown company, and audits it", async () => {
      // Prepare
      const token = await test.token('COMPANY_CONTACT');
      const id = correlation('company');
      const query = (companyId: string) =>
        `{ company(id: "${companyId}") { id name contacts { name phone email } } }`;
      const nobody = newId();
      // Act
      const answer = await attack(id, query(otherCompany.id), { token });
      const unknown = await attack(correlation('company-unknown'), query(nobody), { token });
      // Assess
      expect(answer.body.data).toEqual({ company: null });
      expect(codesOf(answer)).toEqual(['NOT_FOUND']);
      expect(alike(answer, otherCompany.id, unknown, nobody)).toBe(true);
      expect(answer.text).not.toContain(otherCompany.name);
      const records = await auditOf(id);
      expect(records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'REFUSED', reason: expect.stringMatching(STRANGER) }),
        ]),
      );
    });

    it('refuses a young person another young person as an unknown one, and audits it', async () => {
      // Prepare
      const token = await test.token('YOUTH');
      const id = correlation('youth');
      const query = (youthId: string) =>
        `{ youth(id: "${youthId}") { id name contact { phone } } }`;
      const nobody = newId();
      // Act
      const answer = await attack(id, query(otherRoskildeYouth.id), { token });
      const unknown = await attack(correlation('youth-unknown'), query(nobody), { token });
      // Assess
      expect(answer.body.data).toEqual({ youth: null });
      expect(codesOf(answer)).toEqual([]);
      expect(alike(answer, otherRoskildeYouth.id, unknown, nobody)).toBe(true);
      expect(answer.text).not.toContain(otherRoskildeYouth.lastName);
      const records = await auditOf(id, [otherRoskildeYouth.id]);
      expect(records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'REFUSED', reason: expect.stringMatching(STRANGER) }),
        ]),
      );
    });

    it('refuses an expired token with 401, and audits it', async () => {
      // Prepare
      const expired = await mintDevToken(
        test.stack.keys,
        demoSubject('TEAM_LEADER', { municipalityCode: ROSKILDE }),
        Math.floor(Date.now() / 1000) - 60,
      );
      const id = correlation('expired');
      // Act
      const answer = await attack(id, '{ municipalities { code name } }', { token: expired });
      // Assess
      expect(answer.status).toBe(401);
      expect(answer.body.data ?? null).toBeNull();
      expect(codesOf(answer)).toEqual(['UNAUTHENTICATED']);
      expect(await auditOf(id)).toEqual([
        expect.objectContaining({
          action: 'REFUSED',
          target: 'gateway:token',
          subject: 'anonymous',
          reason: expect.stringContaining('expired'),
        }),
      ]);
    });
  });

  describe('barriers are closed to company contacts on every path', () => {
    it('refuses barriers through a nested field of their own placement', async () => {
      // Prepare
      const token = await test.token('COMPANY_CONTACT');
      const youth = world.youth.find((y) => y.id === activePlacement.youthId);
      const id = correlation('nested');
      // Act
      const answer = await attack(
        id,
        `{ placement(id: "${activePlacement.id}") { id youth { id barriers supportNotes { text } } } }`,
        { token },
      );
      // Assess
      const placement = (answer.body.data as { placement?: { youth?: Record<string, unknown> } })
        ?.placement;
      expect(placement?.youth?.barriers ?? null).toBeNull();
      expect(placement?.youth?.supportNotes ?? null).toBeNull();
      expect(codesOf(answer)).toContain('FORBIDDEN');
      for (const barrier of youth?.barriers ?? []) expect(answer.text).not.toContain(barrier);
      const records = await auditOf(id, [activePlacement.youthId]);
      expect(records.map((r) => r.action)).toContain('REFUSED');
    });

    it('does not expose _entities through the gateway', async () => {
      // Prepare
      const token = await test.token('COMPANY_CONTACT');
      // Act
      const answer = await attack(
        correlation('entities-gateway'),
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Youth { barriers } } }`,
        { token, variables: { r: [{ __typename: 'Youth', id: activePlacement.youthId }] } },
      );
      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body.data ?? null).toBeNull();
      expect(codesOf(answer)).toContain('GRAPHQL_VALIDATION_FAILED');
    });

    it('refuses barriers through _entities on a signed subgraph call as a company contact', async () => {
      // Prepare: the gateway's own signature over a company contact's identity, straight to people
      const sign = createAssertionSigner(test.stack.keys.gatewayPrivateKey);
      const subject = demoSubject('COMPANY_CONTACT');
      const id = correlation('entities-subgraph');
      const assertion = await sign(
        {
          role: 'COMPANY_CONTACT',
          subject: subject.contactId as string,
          companyId: subject.companyId as string,
          contactId: subject.contactId as string,
        },
        'people',
      );
      const youth = world.youth.find((y) => y.id === activePlacement.youthId);
      // Act
      const answer = await post(
        test.stack.subgraphUrls.people,
        JSON.stringify({
          query:
            'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Youth { id barriers supportNotes { text } } } }',
          variables: { r: [{ __typename: 'Youth', id: activePlacement.youthId }] },
        }),
        { [IDENTITY_HEADER]: assertion, [CORRELATION_HEADER]: id },
      );
      // Assess
      expect(codesOf(answer)).toContain('FORBIDDEN');
      const [entity] = ((answer.body.data as { _entities?: unknown[] })?._entities ??
        []) as Array<Record<string, unknown> | null>;
      expect(entity?.barriers ?? null).toBeNull();
      for (const barrier of youth?.barriers ?? []) expect(answer.text).not.toContain(barrier);
      const records = await auditOf(id, [activePlacement.youthId]);
      expect(records.map((r) => r.action)).toContain('REFUSED');
    });
  });

  describe('query hardening', () => {
    it('refuses a query 20 deep before any subgraph is asked, and audits it', async () => {
      // Prepare: municipality → youth → edges → node → municipality … → edges → cursor, a
      // valid query 20 fields deep
      const token = await test.token('NETWORK_CONSULTANT');
      const cycle = ['municipality', 'youth(first: 1)', 'edges', 'node'];
      const fields = Array.from({ length: 19 }, (_, i) => cycle[i % 4]);
      fields[0] = `municipality(code: "${ROSKILDE}")`;
      const query = `{ ${fields.join(' { ')} { cursor }${' }'.repeat(18)} }`;
      const id = correlation('depth');
      // Act
      const answer = await attack(id, query, { token });
      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body.data ?? null).toBeNull();
      expect(codesOf(answer)).toEqual(['QUERY_TOO_DEEP']);
      expect(await auditOf(id)).toEqual([
        expect.objectContaining({
          action: 'REFUSED',
          target: 'gateway:depth',
          role: 'NETWORK_CONSULTANT',
          municipalityCode: ROSKILDE,
          reason: expect.stringContaining('20 deep'),
        }),
      ]);
    });

    it('refuses 1,000 aliases, and audits it', async () => {
      // Prepare
      const token = await test.token('NETWORK_CONSULTANT');
      const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ');
      const id = correlation('aliases');
      // Act
      const answer = await attack(id, `{ ${aliases} }`, { token });
      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body.data ?? null).toBeNull();
      expect(codesOf(answer)).toEqual(['TOO_MANY_ALIASES']);
      expect(await auditOf(id)).toEqual([
        expect.objectContaining({ action: 'REFUSED', target: 'gateway:aliases' }),
      ]);
    });

    it('refuses a 5 MB request with 413 before reading it as JSON, and audits it', async () => {
      // Prepare: not even valid JSON, to show that the body is never parsed
      const token = await test.token('NETWORK_CONSULTANT');
      const id = correlation('size');
      const body = `{"query":"{ municipalities { code } }","padding":"${'x'.repeat(5 * 1024 * 1024)}`;
      // Act
      const answer = await post(test.stack.gatewayUrl, body, {
        authorization: `Bearer ${token}`,
        'x-correlation-id': id,
      });
      // Assess
      expect(answer.status).toBe(413);
      expect(answer.body.data ?? null).toBeNull();
      expect(codesOf(answer)).toEqual(['REQUEST_TOO_LARGE']);
      expect(await auditOf(id)).toEqual([
        expect.objectContaining({
          action: 'REFUSED',
          target: 'gateway:request-size',
          role: 'NETWORK_CONSULTANT',
        }),
      ]);
    });

    it('refuses a batch of 100 operations, and audits it', async () => {
      // Prepare
      const token = await test.token('NETWORK_CONSULTANT');
      const id = correlation('batch');
      const batch = Array.from({ length: 100 }, () => ({
        query: `{ youth(id: "${copenhagenYouth.id}") { name } }`,
      }));
      // Act
      const answer = await post(test.stack.gatewayUrl, JSON.stringify(batch), {
        authorization: `Bearer ${token}`,
        'x-correlation-id': id,
      });
      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body.data ?? null).toBeNull();
      expect(codesOf(answer)).toEqual(['BATCHING_DISABLED']);
      expect(await auditOf(id)).toEqual([
        expect.objectContaining({ action: 'REFUSED', target: 'gateway:batching' }),
      ]);
    });

    it('refuses introspection in production, and audits it', async () => {
      // Prepare
      const token = await test.token('NETWORK_CONSULTANT');
      const id = correlation('introspection');
      // Act
      const answer = await attack(id, '{ __schema { types { name } } }', { token });
      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body.data ?? null).toBeNull();
      expect(codesOf(answer)).toEqual(['INTROSPECTION_DISABLED']);
      expect(answer.text).not.toContain('Youth');
      expect(await auditOf(id)).toEqual([
        expect.objectContaining({ action: 'REFUSED', target: 'gateway:introspection' }),
      ]);
    });

    it('serves no landing page in production', async () => {
      // Act
      const response = await fetch(test.stack.gatewayUrl, { headers: { accept: 'text/html' } });
      const text = await response.text();
      // Assess
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
      expect(text).not.toMatch(/<html|<!doctype|<script/i);
    });

    it('refuses a page larger than 100 and a query that would cost too much, and audits both', async () => {
      // Prepare
      const token = await test.token('NETWORK_CONSULTANT');
      const pageId = correlation('page');
      const costId = correlation('cost');
      // Act
      const page = await attack(
        pageId,
        'query ($n: Int) { municipality(code: "265") { youth(first: $n) { edges { node { id } } } } }',
        { token, variables: { n: 1000 } },
      );
      const cost = await attack(
        costId,
        `{ municipalities { youth(first: 100) { edges { node { id
            placements(first: 100) { edges { node { id company { name } } } } } } } } }`,
        { token },
      );
      // Assess
      expect([page.status, codesOf(page)]).toEqual([400, ['PAGE_TOO_LARGE']]);
      expect([cost.status, codesOf(cost)]).toEqual([400, ['QUERY_TOO_COSTLY']]);
      expect(page.body.data ?? null).toBeNull();
      expect(cost.body.data ?? null).toBeNull();
      expect((await auditOf(pageId)).map((r) => r.target)).toEqual(['gateway:page-size']);
      expect((await auditOf(costId)).map((r) => r.target)).toEqual(['gateway:cost']);
    });

    it('refuses too many directives and too many tokens, and audits both', async () => {
      // Prepare
      const token = await test.token('NETWORK_CONSULTANT');
      const directivesId = correlation('directives');
      const tokensId = correlation('tokens');
      const directives = Array.from(
        { length: 25 },
        (_, i) => `f${i}: __typename @include(if: true)`,
      );
      const tokens = `{ ${'__typename '.repeat(6000)}}`;
      // Act
      const manyDirectives = await attack(directivesId, `{ ${directives.join(' ')} }`, { token });
      const manyTokens = await attack(tokensId, tokens, { token });
      // Assess
      expect([manyDirectives.status, codesOf(manyDirectives)]).toEqual([
        400,
        ['TOO_MANY_DIRECTIVES'],
      ]);
      expect([manyTokens.status, codesOf(manyTokens)]).toEqual([400, ['TOO_MANY_TOKENS']]);
      expect((await auditOf(directivesId)).map((r) => r.target)).toEqual(['gateway:directives']);
      expect((await auditOf(tokensId)).map((r) => r.target)).toEqual(['gateway:tokens']);
    });

    it('refuses a forged and a tampered cursor, and audits it', async () => {
      // Prepare: a real cursor of Roskilde's list, then one character of its position changed
      const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
      const listing = (after?: string) =>
        `{ municipality(code: "${ROSKILDE}") { youth(first: 2${after ? `, after: "${after}"` : ''}) { edges { node { id name } } pageInfo { endCursor } } } }`;
      const first = await attack(correlation('cursor-page'), listing(), { token });
      const cursor = (
        first.body.data as { municipality: { youth: { pageInfo: { endCursor: string } } } }
      ).municipality.youth.pageInfo.endCursor;
      const [position = '', mac = ''] = cursor.split('.');
      const tampered = `${position.slice(0, -2)}${position.endsWith('A') ? 'B' : 'A'}${position.slice(-1)}.${mac}`;
      const forged = `${Buffer.from(JSON.stringify({ pk: 'YOUTH#y-101-001', sk: 'PROFILE' })).toString('base64url')}.${'A'.repeat(43)}`;
      const tamperedId = correlation('cursor-tampered');
      const forgedId = correlation('cursor-forged');
      // Act
      const withTampered = await attack(tamperedId, listing(tampered), { token });
      const withForged = await attack(forgedId, listing(forged), { token });
      // Assess
      for (const answer of [withTampered, withForged]) {
        // The refused listing is non-null, so its municipality is null: no young person at all
        expect(
          (answer.body.data as { municipality?: unknown } | null)?.municipality ?? null,
        ).toBeNull();
        expect(codesOf(answer)).toEqual(['BAD_USER_INPUT']);
        expect(answer.text).not.toContain('"node"');
      }
      expect((await auditOf(tamperedId)).map((r) => r.action)).toContain('REFUSED');
      expect((await auditOf(forgedId)).map((r) => r.action)).toContain('REFUSED');
    });

    it('limits the rate per identity across the window, with 429 and Retry-After, and audits it', async () => {
      // Prepare: an identity of its own, so no other attack counts against it
      const token = await mintDevToken(test.stack.keys, {
        role: 'NETWORK_CONSULTANT',
        municipalityCode: ROSKILDE,
        staffId: 'rate-limit-attacker',
      });
      // Act: a fixed window may roll over once; within twice the limit plus one it must refuse
      let refused: Answer | undefined;
      let id = '';
      for (let sent = 0; sent <= 2 * RATE_LIMIT && !refused; sent++) {
        id = correlation('rate');
        const answer = await attack(id, '{ __typename }', { token });
        if (answer.status === 429) refused = answer;
      }
      // Assess
      expect(refused?.status).toBe(429);
      expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused && codesOf(refused)).toEqual(['RATE_LIMITED']);
      // Counted per caller and minute on the refused attempts of their municipality (#18)
      const counted = (
        await test.stack.table.queryAll({
          index: 'gsi1',
          partition: AUDIT_KEYS.refusedPartition(ROSKILDE),
        })
      )
        .map(auditRecordFromItem)
        .filter((record) => record.correlationId === id);
      expect(counted).toEqual([
        expect.objectContaining({ action: 'REFUSED', target: 'gateway:rate-limit' }),
      ]);
    });
  });

  describe('subgraph isolation', () => {
    it("refuses a direct subgraph call without the gateway's signature, and audits it", async () => {
      // Prepare
      const id = correlation('direct');
      // Act
      const answer = await post(
        test.stack.subgraphUrls.people,
        JSON.stringify({
          query: `{ youth(id: "${copenhagenYouth.id}") { name } _service { sdl } }`,
        }),
        { 'x-correlation-id': id },
      );
      // Assess
      expect(answer.status).toBe(401);
      expect(answer.body.data ?? null).toBeNull();
      expect(codesOf(answer)).toEqual(['UNAUTHENTICATED']);
      expect(answer.text).not.toContain(copenhagenYouth.lastName);
      expect((await auditOf(id)).map((r) => r.action)).toContain('REFUSED');
    });
    it('answers a signed batch operation by operation, each under its own rules', async () => {
      // Prepare: the gateway's signature over a company contact, two operations in one call
      const sign = createAssertionSigner(test.stack.keys.gatewayPrivateKey);
      const subject = demoSubject('COMPANY_CONTACT');
      const id = correlation('batch');
      const assertion = await sign(
        {
          role: 'COMPANY_CONTACT',
          subject: subject.contactId as string,
          companyId: subject.companyId as string,
          contactId: subject.contactId as string,
        },
        'people',
      );
      const barriers = {
        query:
          'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Youth { id barriers } } }',
        variables: { r: [{ __typename: 'Youth', id: activePlacement.youthId }] },
      };
      // Act
      const answer = await post(
        test.stack.subgraphUrls.people,
        JSON.stringify([{ query: '{ __typename }' }, barriers]),
        { [IDENTITY_HEADER]: assertion, [CORRELATION_HEADER]: id },
      );
      // Assess
      const [plain, refused] = JSON.parse(answer.text) as Array<Answer['body']>;
      expect(plain).toEqual({ data: { __typename: 'Query' } });
      expect(refused?.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
      const records = await auditOf(id, [activePlacement.youthId]);
      expect(records.map((r) => r.action)).toContain('REFUSED');
    });

    it('refuses a batch longer than the gateway ever sends, before running any of it', async () => {
      // Prepare
      const sign = createAssertionSigner(test.stack.keys.gatewayPrivateKey);
      const id = correlation('long-batch');
      const assertion = await sign(identityOfSubject(demoSubject('NETWORK_CONSULTANT')), 'people');
      const read = { query: `{ youth(id: "${activePlacement.youthId}") { name } }` };
      // Act
      const answer = await post(
        test.stack.subgraphUrls.people,
        JSON.stringify(Array.from({ length: MAX_BATCHED_OPERATIONS + 1 }, () => read)),
        { [IDENTITY_HEADER]: assertion, [CORRELATION_HEADER]: id },
      );
      // Assess
      expect(answer.status).toBe(400);
      expect(codesOf(answer)).toEqual(['BAD_REQUEST']);
      expect(answer.body.data ?? null).toBeNull();
      expect(await auditOf(id, [activePlacement.youthId])).toEqual([]);
    });
  });

  it('masks unexpected errors and never shows a subgraph address', async () => {
    // Prepare: a subgraph that is down, as in production
    const token = await test.token('PROGRAMME');
    await test.stack.stopSubgraph('learning-community');
    // Act
    const answer = await attack(
      correlation('down'),
      '{ municipalities { code networkStats { youthGroups } } }',
      { token },
    );
    // Assess
    expect(answer.text).not.toMatch(/127\.0\.0\.1|localhost|stacktrace|ECONNREFUSED/);
    expect(codesOf(answer)).toEqual(expect.arrayContaining(['SUBGRAPH_UNAVAILABLE']));
  });
});
