import { afterAll } from 'vitest';
import { stopDynamoDbOfThisFile } from './file-dynamodb.ts';

// Registered before the file's own hooks, so it runs after them: stacks stop before their table.
afterAll(stopDynamoDbOfThisFile);
