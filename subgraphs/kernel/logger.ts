import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The process-wide logger. Log ids and codes, never personal data: names, contacts, CPR
 * numbers, notes and free text stay out of every log line.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'nextwork',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
});

/**
 * A logger for one request, carrying its correlation id. A child per request (not
 * `appendKeys` on the singleton) keeps ids right when the local stack serves requests
 * concurrently in one process.
 *
 * @param correlationId - the id the gateway assigned to the request
 */
export function requestLogger(correlationId: string): Logger {
  return logger.createChild({ persistentKeys: { correlationId } });
}
