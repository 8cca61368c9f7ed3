import { readFile, rename, writeFile } from 'node:fs/promises';
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
 * Keeps the clock's offset for the next start. Written aside and renamed, so that a stack
 * killed in the middle never leaves half a file (which would read as no offset at all).
 *
 * @param dataDir - the local stack's data folder
 * @param offsetMs - how far lifecycle time is ahead of the wall clock now
 */
export async function writeClockOffset(dataDir: string, offsetMs: number): Promise<void> {
  const file = join(dataDir, FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify({ offsetMs: Math.round(offsetMs) })}\n`);
  await rename(`${file}.tmp`, file);
}

/**
 * Keeps the clock's offset in the data folder while the stack runs — every `everyMs`, and once
 * more when told to stop — not only at a clean stop: the engine records its executions' starts
 * in lifecycle time as they happen, and a stack killed without a stop (a crash, `kill -9`) must
 * not start its lifecycle time over from the last clean stop, behind what it recorded.
 *
 * @param dataDir - the local stack's data folder
 * @param clock - the sped-up clock
 * @param everyMs - how often @default 1000
 * @returns stops keeping it, after a last write
 */
export function keepClockOffset(
  dataDir: string,
  clock: { offsetMs(): number },
  everyMs = 1_000,
): () => Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  // One write at a time; a failed one (the folder gone) is tried again at the next turn.
  const write = () => {
    writing = writing.then(() => writeClockOffset(dataDir, clock.offsetMs())).catch(() => {});
    return writing;
  };
  const timer = setInterval(write, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    return write();
  };
}
