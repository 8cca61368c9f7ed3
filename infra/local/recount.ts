import { recountCompanyFigures } from '#companies/maintenance/recount';
import { recountNetworkFigures } from '#learning-community/maintenance/recount';
import { recountPeopleFigures } from '#people/maintenance/recount';
import { recountPlacementFigures } from '#placements/maintenance/recount';
import { withMaintenanceTable } from './maintenance-table.ts';

// `npm run recount [-- --fix]`: recomputes every kept figure of people, companies and the
// learning community from the raw items and reports the differences (with --fix, writes the
// recounted figures); placements included. Against the table `withMaintenanceTable` names.
// Maintenance: it reads whole partitions, never on a request path.
const fix = process.argv.includes('--fix');
await withMaintenanceTable(async (table) => {
  let differences = 0;
  for (const [name, recount] of [
    ['people', recountPeopleFigures],
    ['companies', recountCompanyFigures],
    ['learning community', recountNetworkFigures],
    ['placements', recountPlacementFigures],
  ] as const) {
    const report = await recount(table, { fix });
    differences += report.differences.length;
    console.log(
      `[recount] ${name}: ${report.itemsCompared} sets of figures compared, ${report.differences.length} differences${report.fixed ? ', fixed' : ''}`,
    );
    for (const d of report.differences) {
      console.log(
        `  ${d.key.pk} ${d.key.sk} ${d.counter}: kept ${d.kept}, recounted ${d.recounted}`,
      );
    }
  }
  process.exitCode = differences > 0 && !fix ? 1 : 0;
});
