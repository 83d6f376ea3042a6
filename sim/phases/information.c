/* Step 7 (v2), information sharing and data incidents (MODEL.md 5).
 *
 * Sharing raises the diversity bonus (produce.c); it also exposes data.
 * Each tick a data incident happens with probability
 *   incident_rate x sharing x (1 - privacy_tech)
 * at a source member drawn uniformly.  It is a trust shock: every member's
 * system trust falls by the share incident_trust_loss, and every co-member
 * tied to the source loses the share source_trust_loss of its trust in it.
 * Without sharing nothing here draws.
 */
#include "model/kernel.h"
#include "phases/phases.h"

static void incident(ng_model *m, size_t src)
{
    const ng_params *p = m->p;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->system_trust[i] *= 1 - p->information_incident_trust_loss;
    }
    for (size_t d = 0; d < m->deg[src]; d++) {
        size_t j = m->nbr[src * m->k_max + d];
        size_t back = ng__tie_find(m, j, src);
        if (m->state[j] == NG_MEMBER && back != NG_NONE) {
            m->trust[j * m->k_max + back] *=
                1 - p->information_source_trust_loss;
        }
    }
    m->incidents++;
    m->total_incidents++;
    ng__model_event(m, NG_EV_incident, NG_R_data_incident, (long)src, 0);
}

int ng__phase_information(ng_model *m, ng_error *err)
{
    (void)err;
    const ng_params *p = m->p;
    if (p->information_sharing <= 0 || m->n_members == 0) {
        return 0;
    }
    gsl_rng *r = m->rng[NG_STREAM_INFORMATION];
    double chance = p->information_incident_rate * p->information_sharing *
                    (1 - p->information_privacy_tech);
    if (gsl_rng_uniform(r) < chance) {
        incident(m, m->member[gsl_rng_uniform_int(r, m->n_members)]);
    }
    return 0;
}
