import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = 'lifecycle-clock.json';

/**
 * How far the local lifecycle clock was ahead of the wall clock when the stack last stopped,
 * kept next to DynamoDB Local's data: a sped-up three months do not start over after a restart.
 *
 * @param dataDir - the local stack's data folder
 */
export async function readClockOffset(dataDir: string): Promise<number> {
  try {
    const saved = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as { offsetMs?: unknown };
    return typeof saved.offsetMs === 'number' && saved.offsetMs > 0 ? saved.offsetMs : 0;
  } catch {
    return 0;
  }
}

/**
 * Keeps the clock's offset for the next start.
 *
 * @param dataDir - the local stack's data folder
 * @param offsetMs - how far lifecycle time is ahead of the wall clock now
 */
export async function writeClockOffset(dataDir: string, offsetMs: number): Promise<void> {
  await writeFile(join(dataDir, FILE), `${JSON.stringify({ offsetMs: Math.round(offsetMs) })}\n`);
}
