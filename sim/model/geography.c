/* Geography (MODEL.md 5): optional partner locations in a square region of
 * side geography.area km.  Distance lowers the chance of an acquaintance
 * tie, exp(-d / tie_range), and raises each pair's coordination cost by the
 * factor 1 + (d / cost_distance)^2.  Squared distances let the sum over all
 * member pairs be computed in O(n):
 *   sum_{i<j} |p_i - p_j|^2 = n sum_i |p_i|^2 - |sum_i p_i|^2.
 * With geography.area = 0 nobody has a location and nothing here draws. */
#include <math.h>

#include "model/kernel.h"

bool ng__geography_on(const ng_model *m)
{
    return m->p->geography_area > 0;
}

void ng__geography_place(ng_model *m)
{
    if (!ng__geography_on(m)) {
        return;
    }
    gsl_rng *r = m->rng[NG_STREAM_GEOGRAPHY];
    double area = m->p->geography_area;
    for (size_t i = 0; i < m->n; i++) {
        m->location[2 * i] = area * gsl_rng_uniform(r);
        m->location[2 * i + 1] = area * gsl_rng_uniform(r);
    }
    for (size_t i = 0; i < m->cfg.n_partners; i++) {
        const ng_partner_spec *ps = &m->cfg.partners[i];
        if (ps->has_location) {
            m->location[2 * i] = ps->location[0];
            m->location[2 * i + 1] = ps->location[1];
        }
    }
}

static double distance(const ng_model *m, size_t i, size_t j)
{
    double dx = m->location[2 * i] - m->location[2 * j];
    double dy = m->location[2 * i + 1] - m->location[2 * j + 1];
    return sqrt(dx * dx + dy * dy);
}

bool ng__geography_accept(const ng_model *m, size_t i, size_t j, gsl_rng *r)
{
    if (!ng__geography_on(m)) {
        return true;
    }
    return gsl_rng_uniform(r) <
           exp(-distance(m, i, j) / m->p->geography_tie_range);
}

double ng__geography_pair_distance(const ng_model *m)
{
    if (!ng__geography_on(m) || m->n_members < 2) {
        return 0;
    }
    double sx = 0, sy = 0, sq = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        double x = m->location[2 * i], y = m->location[2 * i + 1];
        sx += x;
        sy += y;
        sq += x * x + y * y;
    }
    double sum = (double)m->n_members * sq - (sx * sx + sy * sy);
    double scale = m->p->geography_cost_distance;
    /* Rounding can leave a tiny negative sum when all members coincide. */
    return fmax(0, sum) / (scale * scale);
}
