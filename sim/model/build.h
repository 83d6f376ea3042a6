/* Building a model's pool, acquaintance network and founding alliance
 * (population.c, network.c), on top of the kernel; called once by
 * ng_model_alloc in run/model.c. */
#ifndef NETGOV_MODEL_BUILD_H
#define NETGOV_MODEL_BUILD_H

#include "model/kernel.h"

int ng__population_build(ng_model *m, ng_error *err);
void ng__network_build(ng_model *m);

#endif
