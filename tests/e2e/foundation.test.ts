import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER, mintDevToken } from '#infra/local/dev-issuer';
import { createAssertionSigner } from '#kernel/identity-assertion';
import { youthProfile } from '../bench/operations.ts';
import { staffIdentity } from '../support/identities.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const MUNICIPALITY_FIGURES = `{
  municipalities {
    code
    name
    companyStats { active paused left }
    placementStats { planned active completed interrupted }
    networkStats { youthGroups companyGroups sessionsHeld }
  }
}`;

describe('the federated stack over HTTP', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('answers health once every subgraph and DynamoDB answer', async () => {
    // Act
    const response = await fetch(test.stack.healthUrl);
    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      healthy: true,
      subgraphs: { people: 'up', companies: 'up', placements: 'up', 'learning-community': 'up' },
      dynamodb: 'up',
    });
  });

  it('returns the five municipalities with figures from all four subgraphs to the programme office', async () => {
    // Prepare
    const token = await test.token('PROGRAMME');
    // Act
    const { status, body } = await test.query<{ municipalities: Array<Record<string, unknown>> }>(
      MUNICIPALITY_FIGURES,
      { token },
    );
    // Assess
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const municipalities = body.data?.municipalities ?? [];
    expect(municipalities.map((m) => [m.code, m.name])).toEqual([
      ['101', 'København'],
      ['265', 'Roskilde'],
      ['540', 'Sønderborg'],
      ['615', 'Horsens'],
      ['630', 'Vejle'],
    ]);
    for (const municipality of municipalities) {
      expect((municipality.companyStats as { active: number }).active).toBeGreaterThan(0);
      expect((municipality.placementStats as { active: number }).active).toBeGreaterThan(0);
      expect((municipality.networkStats as { youthGroups: number }).youthGroups).toBeGreaterThan(0);
    }
  });

  it('gives a staff token the figures of its own municipality and refuses the others', async () => {
    // Prepare
    const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: '265' });
    // Act
    const { body } = await test.query<{ municipalities: Array<Record<string, unknown>> }>(
      MUNICIPALITY_FIGURES,
      { token },
    );
    // Assess
    const byCode = new Map((body.data?.municipalities ?? []).map((m) => [m.code, m]));
    expect(byCode.size).toBe(5);
    expect(byCode.get('265')?.placementStats).toMatchObject({ active: expect.any(Number) });
    expect(byCode.get('265')?.networkStats).not.toBeNull();
    expect(byCode.get('265')?.companyStats).not.toBeNull();
    expect(byCode.get('101')?.placementStats).toBeNull();
    expect(byCode.get('101')?.companyStats).toBeNull();
    expect(new Set(body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'not-a-jwt'],
  ])('refuses a request with %s as UNAUTHENTICATED, with no data', async (_, token) => {
    // Act
    const { status, body } = await test.query(
      '{ municipalities { code } }',
      token ? { token } : {},
    );
    // Assess
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an expired token', async () => {
    // Prepare
    const expired = await mintDevToken(
      test.stack.keys,
      { role: 'TEAM_LEADER', municipalityCode: '265', staffId: 's-265-1' },
      Math.floor(Date.now() / 1000) - 60,
    );
    // Act
    const { status, body } = await test.query('{ municipalities { code } }', { token: expired });
    // Assess
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed by another key, even with the right issuer, audience and kid', async () => {
    // Prepare
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ 'cognito:groups': ['PROGRAMME'], token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: test.stack.keys.issuerPrivateKey.kid as string })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject('intruder')
      .setExpirationTime('1h')
      .sign(privateKey);
    // Act
    const { status, body } = await test.query('{ municipalities { code } }', { token: forged });
    // Assess
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
  });

  it('refuses a request straight to a subgraph without the gateway', async () => {
    // Act
    const response = await fetch(test.stack.subgraphUrls.people, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ municipalities { code name } _service { sdl } }' }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    // Assess
    expect(response.status).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a subgraph request with a forged identity', async () => {
    // Prepare: an assertion signed by a key that is not the gateway's.
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const forge = createAssertionSigner(await exportJWK(privateKey));
    // Act
    const response = await fetch(test.stack.subgraphUrls.people, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-nextwork-identity': await forge(staffIdentity('101'), 'people'),
      },
      body: JSON.stringify({ query: '{ municipalities { code } }' }),
    });
    // Assess
    expect(response.status).toBe(401);
  });

  it('passes the correlation id on and returns figures when the client sends one', async () => {
    // Prepare
    const token = await test.token('TEAM_LEADER', { municipalityCode: '630' });
    // Act
    const { body } = await test.query('{ municipality(code: "630") { name } }', {
      token,
      headers: { 'x-correlation-id': 'e2e-correlation-0001' },
    });
    // Assess
    expect(body.data).toEqual({ municipality: { name: 'Vejle' } });
  });

  it("sends one request's parallel calls to a subgraph as one batched call", async () => {
    // Prepare: the young person's profile fetches companies at four paths after placements.
    // The gateway's HTTP calls are watched through Node's diagnostics channel (no stand-in).
    const companiesUrl = new URL(test.stack.subgraphUrls.companies);
    const companyCalls: string[] = [];
    const watch = (message: unknown) => {
      const request = (message as { request: ClientRequest }).request;
      const end = request.end.bind(request);
      request.end = ((body: string) => {
        const to = `${request.getHeader('host')}${request.path}`;
        if (to === `${companiesUrl.host}${companiesUrl.pathname}`) companyCalls.push(body);
        return end(body);
      }) as ClientRequest['end'];
    };
    diagnostics.subscribe('http.client.request.created', watch);
    try {
      // Act
      const { body } = await test.query(youthProfile.document, {
        token: await mintDevToken(test.stack.keys, youthProfile.as),
        variables: youthProfile.variables,
      });
      // Assess
      expect(body.errors).toBeUndefined();
      expect(companyCalls).toHaveLength(1);
      expect(JSON.parse(companyCalls[0] ?? '')).toHaveLength(4);
    } finally {
      diagnostics.unsubscribe('http.client.request.created', watch);
    }
  });

  it('answers with what it has and names the subgraph that is down, and health says which', async () => {
    // Prepare
    const token = await test.token('PROGRAMME');
    await test.stack.stopSubgraph('learning-community');
    // Act
    const { body } = await test.query<{ municipalities: Array<Record<string, unknown>> }>(
      '{ municipalities { code name networkStats { youthGroups } } }',
      { token },
    );
    const health = await fetch(test.stack.healthUrl);
    // Assess
    expect(body.data?.municipalities?.map((m) => m.name)).toContain('Roskilde');
    expect(body.errors?.[0]?.message).toContain('learning-community');
    expect(JSON.stringify(body.errors)).not.toContain('127.0.0.1');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      healthy: false,
      subgraphs: { 'learning-community': 'down', people: 'up' },
    });
  });
});
