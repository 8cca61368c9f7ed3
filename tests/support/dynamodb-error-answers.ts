import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** The errors the fault proxy answers in DynamoDB's place. */
export type DynamoErrorName =
  | 'ProvisionedThroughputExceededException'
  | 'ThrottlingException'
  | 'InternalServerError';

/** An HTTP answer: status, headers, body. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Each error as DynamoDB words it: the `__type` its JSON 1.0 protocol names (a throttled table
 * or index, the account's request rate, a fault of the service) and its status code. The SDK
 * reads the error's name from the part after `#`, and decides from the name and the status
 * whether to retry: a throttle with the longer throttling back-off, a 500 as a transient fault.
 */
const ERRORS: Record<DynamoErrorName, { type: string; status: number; message: string }> = {
  ProvisionedThroughputExceededException: {
    type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    status: 400,
    message:
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  },
  ThrottlingException: {
    type: 'com.amazon.coral.availability#ThrottlingException',
    status: 400,
    message: 'Rate of requests exceeds the allowed throughput.',
  },
  InternalServerError: {
    type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    status: 500,
    message: 'Internal server error',
  },
};

/**
 * DynamoDB's answer of an error: its status, its JSON 1.0 body, the error's name in
 * `x-amzn-ErrorType`, a request id and the body's CRC32 as DynamoDB sends them.
 *
 * @param name - the error
 */
export function dynamoErrorAnswer(name: DynamoErrorName): HttpAnswer {
  const error = ERRORS[name];
  const body = JSON.stringify({ __type: error.type, message: error.message });
  return {
    status: error.status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(Buffer.byteLength(body)),
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': name,
      'x-amz-crc32': String(crc32(body)),
    },
    body,
  };
}
