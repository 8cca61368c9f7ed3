import { withMaintenanceTable } from './maintenance-table.ts';
import { recountAll } from './recount-all.ts';

// `npm run recount [-- --fix]`: recomputes every kept figure of people, companies, the learning
// community and placements from the raw items and reports the differences (with --fix, writes
// what each kept figure lacks, on condition that live writes did not change it meanwhile).
// Against the table `withMaintenanceTable` names, a stage's too: the fix adds deltas on
// condition, so it is safe while traffic flows.
const fix = process.argv.includes('--fix');
await withMaintenanceTable(
  async (table) => {
    let differences = 0;
    let notFixed = 0;
    for (const report of await recountAll(table, { fix })) {
      differences += report.differences.length;
      console.log(
        `[recount] ${report.subgraph}: ${report.itemsCompared} sets of figures compared, ${report.differences.length} differences${report.fixed ? ', fixed' : ''}`,
      );
      notFixed += report.notFixed.length;
      for (const itemKey of report.notFixed) {
        console.log(`  not fixed (live writes kept changing it): ${itemKey.pk} ${itemKey.sk}`);
      }
      for (const d of report.differences) {
        console.log(
          `  ${d.key.pk} ${d.key.sk} ${d.counter}: kept ${d.kept}, recounted ${d.recounted}`,
        );
      }
    }
    process.exitCode = (differences > 0 && !fix) || notFixed > 0 ? 1 : 0;
  },
  { aws: true },
);
