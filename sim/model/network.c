/* The sparse acquaintance network (MODEL.md section 2, Relations).
 *
 * About N k / 2 undirected ties are drawn: a random partner picks, with
 * probability network.homophily, a partner of its own sector and otherwise
 * any partner.  Attempts are bounded, duplicates and self-ties rejected and
 * degrees capped at network.max_degree, so time and memory are O(N k).
 * With geography a drawn pair is kept with probability exp(-d / tie_range).
 * Ties listed in the config are added on top with their stated trust.
 */
#include <math.h>
#include <stdlib.h>

#include "model/build.h"

/* Draws allowed per wanted tie before giving up: rejections (self-ties,
 * duplicates, full partners) are rare unless the network is near its
 * degree bound, where the target may then fall short.  Geography rejects
 * distant pairs as well, so it gets more attempts; with a tie range far
 * below the region's size the target can still fall short. */
#define ATTEMPTS_PER_TIE 10
#define GEOGRAPHY_ATTEMPT_FACTOR 20

/* Partners of each sector, grouped: scratch_idx[start[s] .. start[s+1]). */
static void group_by_sector(ng_model *m, size_t start[NG_SECTOR_COUNT + 1])
{
    size_t count[NG_SECTOR_COUNT] = {0};
    for (size_t i = 0; i < m->n; i++) {
        count[m->sector[i]]++;
    }
    start[0] = 0;
    for (int s = 0; s < NG_SECTOR_COUNT; s++) {
        start[s + 1] = start[s] + count[s];
        count[s] = start[s];
    }
    for (size_t i = 0; i < m->n; i++) {
        m->scratch_idx[count[m->sector[i]]++] = i;
    }
}

static void add_listed_ties(ng_model *m)
{
    for (size_t t = 0; t < m->cfg.n_ties; t++) {
        const ng_tie_spec *ts = &m->cfg.ties[t];
        if (!ng__tie_add(m, ts->a, ts->b, ts->trust)) {
            size_t da = ng__tie_find(m, ts->a, ts->b);
            size_t db = ng__tie_find(m, ts->b, ts->a);
            if (da != NG_NONE && db != NG_NONE) {
                m->trust[ts->a * m->k_max + da] = ts->trust;
                m->trust[ts->b * m->k_max + db] = ts->trust;
            }
        }
    }
}

void ng__network_build(ng_model *m)
{
    add_listed_ties(m);
    if (m->n < 2) {
        return;
    }
    size_t start[NG_SECTOR_COUNT + 1];
    group_by_sector(m, start);
    gsl_rng *r = m->rng[NG_STREAM_INIT];
    size_t target =
        (size_t)llround(m->p->network_mean_degree * (double)m->n / 2.0);
    size_t limit = ATTEMPTS_PER_TIE * target + 100;
    if (ng__geography_on(m)) {
        limit *= GEOGRAPHY_ATTEMPT_FACTOR;
    }
    size_t made = 0, attempts = 0;
    while (made < target && attempts++ < limit) {
        size_t i = gsl_rng_uniform_int(r, m->n);
        int s = m->sector[i];
        size_t in_sector = start[s + 1] - start[s];
        size_t j;
        if (gsl_rng_uniform(r) < m->p->network_homophily && in_sector > 1) {
            j = m->scratch_idx[start[s] + gsl_rng_uniform_int(r, in_sector)];
        } else {
            j = gsl_rng_uniform_int(r, m->n);
        }
        if (ng__geography_accept(m, i, j, r)) {
            made += ng__tie_add(m, i, j, m->p->network_tie_trust);
        }
    }
}
