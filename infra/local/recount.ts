import { withMaintenanceTable } from './maintenance-table.ts';
import { recountAll } from './recount-all.ts';

// `npm run recount [-- --fix]`: recomputes every kept figure of people, companies, the learning
// community and placements from the raw items and reports the differences (with --fix, writes
// the recounted figures). Against the table `withMaintenanceTable` names.
const fix = process.argv.includes('--fix');
await withMaintenanceTable(async (table) => {
  let differences = 0;
  for (const report of await recountAll(table, { fix })) {
    differences += report.differences.length;
    console.log(
      `[recount] ${report.subgraph}: ${report.itemsCompared} sets of figures compared, ${report.differences.length} differences${report.fixed ? ', fixed' : ''}`,
    );
    for (const d of report.differences) {
      console.log(
        `  ${d.key.pk} ${d.key.sk} ${d.counter}: kept ${d.kept}, recounted ${d.recounted}`,
      );
    }
  }
  process.exitCode = differences > 0 && !fix ? 1 : 0;
});
