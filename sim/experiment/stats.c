/* Summary statistics of replicate runs (experiment.h): the mean, the sample
 * standard deviation and the Student-t confidence interval of the mean.
 *
 * Replicates of a stochastic model are few (5 to 50), so the interval uses
 * the t distribution rather than the normal one:
 *
 *   ci = mean -/+ t_{(1+level)/2, n-1} * sd / sqrt(n),
 *
 * where sd is the sample standard deviation (divisor n-1) and t_{p, nu} is
 * the p-quantile of Student's t with nu degrees of freedom.  The arithmetic
 * is GSL's (gsl_stats_mean, gsl_stats_sd, gsl_cdf_tdist_Pinv), so the numbers
 * match what other GSL-based tools report for the same data.
 *
 * What cannot be computed is NaN rather than an error, so a table of results
 * keeps its shape: every field when n == 0, sd and the interval when n == 1,
 * and the interval when level is not strictly between 0 and 1.  Non-finite
 * inputs propagate (a NaN in x gives a NaN mean).
 */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "io/error_internal.h"
#include "netgov/experiment.h"

void ng_stat_describe(const double *x, size_t n, double level, ng_stat *out)
{
    ng__gsl_init();
    out->n = n;
    out->mean = out->sd = out->ci_low = out->ci_high = (double)NAN;
    if (n == 0) {
        return;
    }
    out->mean = gsl_stats_mean(x, 1, n);
    if (n == 1) {
        return;
    }
    out->sd = gsl_stats_sd(x, 1, n);
    if (!(level > 0 && level < 1)) {
        return;
    }
    double t = gsl_cdf_tdist_Pinv((1 + level) / 2, (double)(n - 1));
    /* A constant sample has sd exactly 0 (GSL's running mean of equal
     * values is exact), so its interval has zero width. */
    double half = t * out->sd / sqrt((double)n);
    out->ci_low = out->mean - half;
    out->ci_high = out->mean + half;
}
