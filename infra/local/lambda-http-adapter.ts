import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';

/** A Lambda handler of API Gateway v2 (HTTP API, function URL) events. */
export type HttpLambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
  // biome-ignore lint/suspicious/noExplicitAny: Lambda's callback is untyped by design
  callback: any,
) => unknown;

/** A local HTTP server in front of one handler. */
export interface LocalFunction {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The largest request body handed to a function: Lambda's 6 MB limit of a synchronous
 * invocation, which is what caps it in AWS too. Anything below is the handler's to judge, so
 * that the gateway's own, much smaller limit is exercised locally exactly as in AWS.
 */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * Serves a Lambda handler over HTTP on loopback by turning each request into the API Gateway
 * v2 event AWS would deliver, so the local stack runs exactly the handler code that AWS runs.
 *
 * @param name - the function's name, for the Lambda context
 * @param handler - the Lambda handler
 * @param port - the port; 0 picks a free one
 */
export async function serveLambda(
  name: string,
  handler: HttpLambdaHandler,
  port = 0,
): Promise<LocalFunction> {
  const server: Server = createServer((request, response) => {
    handle(name, handler, request, response).catch((error: unknown) => {
      console.error(`[${name}] adapter error`, error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: 'Internal server error' }] }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  name: string,
  handler: HttpLambdaHandler,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request);
  if (body === undefined) {
    response.writeHead(413, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ message: 'Request body too large' }] }));
    return;
  }
  const result = (await handler(toEvent(request, body), lambdaContext(name), () => {})) as
    | APIGatewayProxyStructuredResultV2
    | string
    | undefined;
  const structured: APIGatewayProxyStructuredResultV2 =
    typeof result === 'object' && result !== null
      ? result
      : { statusCode: 200, body: String(result ?? '') };
  const headers: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(structured.headers ?? {})) headers[key] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  response.writeHead(structured.statusCode ?? 200, headers);
  response.end(
    structured.isBase64Encoded
      ? Buffer.from(structured.body ?? '', 'base64')
      : (structured.body ?? ''),
  );
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function toEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined)
      headers[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const now = new Date();
  const method = request.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search
      ? { queryStringParameters: Object.fromEntries(url.searchParams.entries()) }
      : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
    isBase64Encoded: false,
  };
}

function lambdaContext(name: string): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
