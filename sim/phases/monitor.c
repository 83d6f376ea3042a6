/* Step 8, monitoring and sanctions (MODEL.md 4.5): each governance mode
 * observes, counts violations and sanctions in its own way (sim/rules/gov_*.c).
 * Under the voluntary cost rule shortfalls are never violations. */
#include "model/kernel.h"
#include "phases/phases.h"

int ng__phase_monitor(ng_model *m, ng_error *err)
{
    (void)err;
    if (m->cost->shortfall_is_violation) {
        m->gov->monitor(m, m->rng[NG_STREAM_MONITOR]);
    }
    return 0;
}
