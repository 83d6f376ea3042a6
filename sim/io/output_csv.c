/* The series as CSV (output.h): a header of metric names, one row a tick. */
#include "netgov/output.h"

int ng_output_csv(const ng_model *m, FILE *f, ng_error *err)
{
    (void)err;
    fputs("tick", f);
    for (int k = 0; k < NG_METRIC_COUNT; k++) {
        fprintf(f, ",%s", ng_metric_name(k));
    }
    fputc('\n', f);
    size_t ticks = ng_model_ticks_recorded(m);
    for (size_t t = 0; t < ticks; t++) {
        fprintf(f, "%zu", t + 1);
        for (int k = 0; k < NG_METRIC_COUNT; k++) {
            fputc(',', f);
            ng_output_number(f, ng_model_series(m, k)[t]);
        }
        fputc('\n', f);
    }
    return 0;
}
