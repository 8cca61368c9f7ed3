import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphHttp } from '#gateway/subgraph-http';
import { DEADLINE_HEADER } from '#kernel/deadline';

/** A real HTTP server on loopback that answers by path; `/slow` never answers. */
function subgraphServer(): Promise<{ url: string; server: Server; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push(`${request.headers['x-nextwork-identity']} ${Buffer.concat(chunks).toString()}`);
      if (request.url === '/slow') return;
      const status = request.url === '/refused' ? 403 : 200;
      response.writeHead(status, { 'Content-Type': 'application/json', 'X-Answer': 'yes' });
      response.end(JSON.stringify({ data: { path: request.url } }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, server, seen });
    }),
  );
}

describe("the gateway's HTTP calls to subgraphs", () => {
  let subgraph: Awaited<ReturnType<typeof subgraphServer>>;

  beforeAll(async () => {
    subgraph = await subgraphServer();
  });

  afterAll(() => {
    subgraph.server.closeAllConnections();
    subgraph.server.close();
  });

  it('posts the body with its headers and reads the answer, headers by any case', async () => {
    // Prepare
    const send = createSubgraphHttp(2_000);
    // Act
    const answer = await send(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-nextwork-identity': 'signed' },
      body: '{"query":"{ __typename }"}',
    });
    // Assess
    expect(subgraph.seen).toContain('signed {"query":"{ __typename }"}');
    expect(answer).toMatchObject({ ok: true, status: 200, statusText: 'OK' });
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('x-answer')).toBe('yes');
    expect(await answer.json()).toEqual({ data: { path: '/graphql' } });
  });

  it('answers a refusal as not ok, with its status', async () => {
    // Prepare
    const send = createSubgraphHttp(2_000);
    // Act
    const answer = await send(`${subgraph.url}/refused`, { method: 'POST', body: '{}' });
    // Assess
    expect(answer).toMatchObject({ ok: false, status: 403, statusText: 'Forbidden' });
  });

  it('gives up on a subgraph that does not answer within the timeout', async () => {
    // Prepare
    const send = createSubgraphHttp(100);
    // Act
    const outcome = send(`${subgraph.url}/slow`, { method: 'POST', body: '{}' });
    // Assess
    await expect(outcome).rejects.toThrow(/abort|timeout/i);
  });

  it("gives up by the request's deadline when it comes before the call's own timeout", async () => {
    // Prepare: a call timeout of a minute, the request's deadline 100 ms away
    const send = createSubgraphHttp(60_000);
    const started = Date.now();
    // Act
    const outcome = send(`${subgraph.url}/slow`, {
      method: 'POST',
      headers: { [DEADLINE_HEADER]: String(started + 100) },
      body: '{}',
    });
    // Assess
    await expect(outcome).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('sends nothing when the deadline has passed', async () => {
    // Prepare
    const send = createSubgraphHttp(60_000);
    const before = subgraph.seen.length;
    // Act
    const outcome = send(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: { [DEADLINE_HEADER]: String(Date.now() - 1) },
      body: '{"late":true}',
    });
    // Assess
    await expect(outcome).rejects.toThrow(/time/i);
    expect(subgraph.seen.length).toBe(before);
  });

  it("opens a new connection rather than reuse one the subgraph's server says it will have closed", async () => {
    // Prepare: a server that keeps an idle connection 2 s and says so (`Keep-Alive: timeout=2`)
    const keptTwoSeconds = await subgraphServer();
    keptTwoSeconds.server.keepAliveTimeout = 2_000;
    let connections = 0;
    keptTwoSeconds.server.on('connection', () => {
      connections += 1;
    });
    const send = createSubgraphHttp(60_000);
    const call = () => send(`${keptTwoSeconds.url}/graphql`, { method: 'POST', body: '{}' });
    await call();
    await call();
    const whileBusy = connections;
    // Act: the next call comes 1.5 s later, in the last half second the server keeps it
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const answer = await call();
    // Assess
    keptTwoSeconds.server.closeAllConnections();
    keptTwoSeconds.server.close();
    expect(whileBusy).toBe(1);
    expect(answer.ok).toBe(true);
    expect(connections).toBe(2);
  });

  it('fails a call to an address where nothing listens', async () => {
    // Prepare
    const send = createSubgraphHttp(2_000);
    // Act
    const outcome = send('http://127.0.0.1:9/graphql', { method: 'POST', body: '{}' });
    // Assess
    await expect(outcome).rejects.toThrow();
  });
});
