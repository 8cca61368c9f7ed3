import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * An API Gateway v2 event of a POST to /graphql, as AWS delivers it to the gateway's Lambda
 * handler: the tests that call the handler in process send what AWS would.
 *
 * @param body - the raw request body
 * @param headers - the request's headers, as sent
 * @param userAgent - the caller, as the request context names it
 */
export function graphqlPostEvent(
  body: string,
  headers: Record<string, string>,
  userAgent: string,
): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/graphql',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/graphql',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent,
      },
      requestId: `request-${now.getTime()}`,
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body,
    isBase64Encoded: false,
  };
}
