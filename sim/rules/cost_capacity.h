/* The capacity split, shared by the capacity and voluntary cost rules
 * (cost_capacity.c): q_i = budget c_i / sum of members' capacity. */
#ifndef NETGOV_RULES_COST_CAPACITY_H
#define NETGOV_RULES_COST_CAPACITY_H

#include "model/kernel.h"

void ng__quota_by_capacity(ng_model *m, double budget);
double ng__estimate_by_capacity(const ng_model *m, size_t c);

#endif
