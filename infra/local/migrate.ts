import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import { migrationStatus, runMigrations } from '#kernel/migrations/runner';
import { maintenanceTarget, withMaintenanceTable } from './maintenance-table.ts';

// `npm run migrate [-- --status]`: applies the pending data migrations, or lists the applied and
// pending ones, against the table `withMaintenanceTable` names (the local `.data` with the stack
// stopped; DYNAMODB_ENDPOINT + TABLE_NAME; or TABLE_NAME + AWS_REGION for a stage in AWS).
// Safe while traffic flows; a run stopped part way resumes where it got to.
const reach = { aws: true };
const target = maintenanceTarget(process.env, reach);
console.log(
  `[migrate] table ${target.tableName} (${target.kind === 'aws' ? `AWS ${target.region}` : target.kind === 'endpoint' ? target.endpoint : target.path})`,
);
await withMaintenanceTable(async (table) => {
  if (process.argv.includes('--status')) {
    const { applied, pending } = await migrationStatus(table, ALL_MIGRATIONS);
    for (const m of applied) {
      console.log(`  applied  ${m.id}  ${m.appliedAt}  ${m.itemsTouched} items  ${m.description}`);
    }
    for (const m of pending) console.log(`  pending  ${m.id}  ${m.description}`);
    console.log(`[migrate] ${applied.length} applied, ${pending.length} pending`);
    return;
  }
  const outcome = await runMigrations(table, ALL_MIGRATIONS);
  if (outcome.status === 'busy') {
    console.error('[migrate] another run holds the lease; try again when it has finished');
    process.exitCode = 1;
    return;
  }
  for (const m of outcome.applied) {
    console.log(`  applied  ${m.id}  ${m.itemsTouched} items  ${m.description}`);
  }
  console.log(
    outcome.applied.length > 0
      ? `[migrate] ${outcome.applied.length} applied`
      : '[migrate] nothing pending',
  );
}, reach);
