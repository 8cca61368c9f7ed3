import { readGatewayConfig } from './config.ts';
import { createGateway } from './gateway.ts';
import { createGatewayLambdaHandler } from './lambda-handler.ts';
import { loadSigningKey } from './signing-key.ts';

/** Lambda entry of the gateway, built once per container. */
export const handler = createGatewayLambdaHandler(
  createGateway(readGatewayConfig(), () => loadSigningKey()),
);
