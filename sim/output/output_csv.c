/* The series as CSV (output.h): a header of metric names, one row a tick,
 * read from the run view. */
#include "io/output_internal.h"
#include "netgov/output.h"
#include "netgov/run_view.h"

int ng_output_csv(const ng_model *m, FILE *f, ng_error *err)
{
    ng_run_view v;
    ng_model_view(m, &v);
    fputs("tick", f);
    for (int k = 0; k < NG_METRIC_COUNT; k++) {
        fprintf(f, ",%s", ng_metric_name(k));
    }
    fputc('\n', f);
    for (size_t t = 0; t < v.ticks_recorded; t++) {
        fprintf(f, "%zu", t + 1);
        for (int k = 0; k < NG_METRIC_COUNT; k++) {
            fputc(',', f);
            ng_output_number(f, v.series[k][t]);
        }
        fputc('\n', f);
    }
    return ng__stream_status(f, err);
}
