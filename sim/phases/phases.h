/* The phases of a tick, in schedule order (MODEL.md section 3).
 *
 * Each phase is one file of sim/phases/ and works on the model through the
 * kernel (model/kernel.h) and the rule tables (netgov/rules.h).  Only the
 * schedule in run/model.c calls them (and the unit tests, one phase at a time).
 */
#ifndef NETGOV_PHASES_H
#define NETGOV_PHASES_H

#include "model/kernel.h"

int ng__phase_environment(ng_model *m, ng_error *err);
int ng__phase_mission(ng_model *m, ng_error *err);
int ng__phase_recruit(ng_model *m, ng_error *err);
int ng__phase_quotas(ng_model *m, ng_error *err);
int ng__phase_contribute(ng_model *m, ng_error *err);
int ng__phase_produce(ng_model *m, ng_error *err);
int ng__phase_information(ng_model *m, ng_error *err);
int ng__phase_monitor(ng_model *m, ng_error *err);
int ng__phase_learn(ng_model *m, ng_error *err);
int ng__phase_exit(ng_model *m, ng_error *err);
int ng__phase_breakdown(ng_model *m, ng_error *err);
int ng__phase_evaluate(ng_model *m, ng_error *err);
int ng__phase_record(ng_model *m, ng_error *err);

#endif
