import { rm } from 'node:fs/promises';
import { snapshotRunFolder } from './demo-world-snapshot.ts';

/** Once per run: afterwards, the run's demo-world snapshots go (each file's copy went with it). */
export default function globalSetup(): () => Promise<void> {
  const folder = snapshotRunFolder();
  return () => rm(folder, { recursive: true, force: true });
}
