/* The parameter table: every parameter of the model itself, declared once.
 *
 * This X-macro list generates the fields of ng_params (params.h) and the
 * model's descriptors in the registry (params.h), which in turn drives
 * defaults, JSON parsing, validation and its messages, `netgov params`,
 * `--set path=value`, sweep axes and the resolved config written to every
 * output.  Adding a parameter is one line here; nothing else may hard-code
 * it.  The parameters of a governance mode, cost rule or decision rule are
 * not here: each rule declares them in its own file (sim/rules/, see
 * docs/EXTENDING.md), and they join the registry at the R row of their
 * family.
 *
 * Row forms (field, dotted path, default..., minimum, maximum, unit, meaning):
 *   D  real number            I  integer
 *   C  choice by name from a family (governance modes, cost rules,
 *      decision rules, perspectives)
 *   V  vector of four: dispositions, perspectives or sectors
 *   R  (family) where the parameters of that family's rules are listed,
 *      rule by rule in registry order
 */
#ifndef NETGOV_PARAM_TABLE_H
#define NETGOV_PARAM_TABLE_H

/* The per-sector population rows, expanded once for each sector. */
#define NG_SECTOR_PARAMS(D, I, V, S, count, cap, auth, support, i0, i1, i2,    \
                         i3)                                                   \
    I(population_##S##_count, "population." #S ".count", count, 0, 10000000,   \
      "partners", "generated pool partners of this sector")                    \
    D(population_##S##_capacity_median, "population." #S ".capacity_median",   \
      cap, 0.001, 1e6, "units/tick",                                           \
      "median capacity c_i: resources a partner can put in per tick "          \
      "(lognormal)")                                                           \
    D(population_##S##_capacity_spread, "population." #S ".capacity_spread",   \
      0.6, 0, 3, "log units", "standard deviation of log capacity")            \
    D(population_##S##_authority_mean, "population." #S ".authority_mean",     \
      auth, 0, 1, "share",                                                     \
      "mean formal or legal authority a_i (beta distribution)")                \
    D(population_##S##_support_mean, "population." #S ".support_mean",         \
      support, 0, 1, "share",                                                  \
      "mean top-level support s_i, the floor of commitment (beta)")            \
    V(population_##S##_interests, "population." #S ".interests", i0, i1, i2,   \
      i3, 0.01, 1000, "concentration",                                         \
      "Dirichlet parameters of interests over the perspectives enforcement, "  \
      "care, economic, knowledge")                                             \
    V(population_##S##_dispositions, "population." #S ".dispositions", 0.50,   \
      0.30, 0.14, 0.06, 0, 1, "shares",                                        \
      "shares of conditional cooperators, free riders, hump-shaped and "       \
      "unconditional cooperators (normalised)")

#define NG_PARAMS(D, I, C, V, R)                                               \
    I(run_ticks, "run.ticks", 120, 1, 1000000, "ticks",                        \
      "ticks simulated; one tick is one month")                                \
    I(run_seed, "run.seed", 42, 1, 4294967295LL, "",                           \
      "master seed of the run's random streams (1 to 2^32-1)")                 \
    I(output_max_events, "output.max_events", 100000, 0, 100000000, "events",  \
      "events stored in the output; later ones are counted, not stored")       \
    I(population_founders, "population.founders", 5, 1, 10000000, "partners",  \
      "founders drawn at random when no listed partner is marked founder")     \
    D(population_authority_concentration,                                      \
      "population.authority_concentration", 10, 0.1, 1000, "",                 \
      "beta concentration (alpha+beta) of authority and top-level support")    \
    NG_SECTOR_PARAMS(D, I, V, government, 10, 2.0, 0.6, 0.35, 4, 3, 1, 1)      \
    NG_SECTOR_PARAMS(D, I, V, business, 14, 1.5, 0.1, 0.2, 1, 1, 5, 1)         \
    NG_SECTOR_PARAMS(D, I, V, knowledge, 6, 1.0, 0.2, 0.3, 1, 2, 1, 5)         \
    NG_SECTOR_PARAMS(D, I, V, civil, 10, 0.5, 0.1, 0.3, 1, 5, 1, 1)            \
    D(network_mean_degree, "network.mean_degree", 6, 0, 200, "ties",           \
      "mean number of acquaintance ties per pool partner (k)")                 \
    I(network_max_degree, "network.max_degree", 24, 1, 1000, "ties",           \
      "bound on a partner's ties (fixed-stride storage, O(N k) memory)")       \
    D(network_homophily, "network.homophily", 0.6, 0, 1, "probability",        \
      "chance a generated tie is drawn within the sector (else from the "      \
      "whole pool)")                                                           \
    D(network_tie_trust, "network.tie_trust", 0.5, 0, 1, "trust",              \
      "initial interpersonal trust on an acquaintance tie")                    \
    D(network_stranger_trust, "network.stranger_trust", 0.3, 0, 1, "trust",    \
      "trust in a co-member without a tie (t0)")                               \
    D(power_capacity_weight, "power.capacity_weight", 0.5, 0, 10, "",          \
      "weight w_c of relative capacity in power")                              \
    D(power_authority_weight, "power.authority_weight", 0.5, 0, 10, "",        \
      "weight w_a of authority in power")                                      \
    C(governance_mode, "governance.mode", "shared", NG_FAMILY_GOVERNANCE,      \
      "governance mode G")                                                     \
    C(cost_rule, "cost_sharing.rule", "capacity", NG_FAMILY_COST,              \
      "cost-sharing rule C")                                                   \
    R(NG_FAMILY_COST)                                                          \
    D(alliance_ambition, "alliance.ambition", 0.1, 0.001, 1, "share/tick",     \
      "budget ambition beta: share of members' capacity asked per tick")       \
    D(alliance_contribution_norm, "alliance.contribution_norm", 0.8, 0, 1,     \
      "share", "contribution norm x_norm: below it a contribution violates")   \
    D(alliance_tolerance, "alliance.tolerance", 0.1, 0, 1, "share",            \
      "shortfall below the norm that monitoring lets pass (KPI margin)")       \
    I(alliance_min_members, "alliance.min_members", 2, 1, 10000000,            \
      "partners", "fewer members than this dissolves the alliance (n_min)")    \
    D(alliance_min_value, "alliance.min_value", 0, -1e12, 1e12, "units/tick",  \
      "public value at or below this counts as no added value (W_min)")        \
    I(alliance_breakdown_window, "alliance.breakdown_window", 6, 1, 100000,    \
      "ticks", "consecutive ticks of no value or no funding before breakdown") \
    I(alliance_cooldown, "alliance.cooldown", 24, 0, 1000000, "ticks",         \
      "ticks before an exited or excluded partner may rejoin")                 \
    D(behaviour_slope_min, "behaviour.slope_min", 0.6, 0, 2, "",               \
      "lower bound of conditional cooperators' matching slope phi")            \
    D(behaviour_slope_max, "behaviour.slope_max", 0.95, 0, 2, "",              \
      "upper bound of conditional cooperators' matching slope phi")            \
    D(behaviour_trust_sensitivity, "behaviour.trust_sensitivity", 0.3, 0, 2,   \
      "", "zeta: how much effective trust above 0.5 raises contributions")     \
    D(behaviour_trust_weight, "behaviour.trust_weight", 0.6, 0, 1, "",         \
      "omega: weight of interpersonal vs system trust in effective trust")     \
    D(behaviour_noise, "behaviour.noise", 0.03, 0, 1, "share",                 \
      "sd of Gaussian noise on every contribution decision")                   \
    D(behaviour_free_rider_floor, "behaviour.free_rider_floor", 0, 0, 1,       \
      "share", "contribution of an undeterred free rider (x_floor)")           \
    D(behaviour_free_riding_cutoff, "behaviour.free_riding_cutoff", 0.2, 0, 1, \
      "share", "a member contributing less than this counts as free riding")   \
    D(behaviour_belief_mean, "behaviour.belief_mean", 0.5, 0, 1, "share",      \
      "mean initial belief about others' contribution rate")                   \
    D(behaviour_belief_sd, "behaviour.belief_sd", 0.15, 0, 1, "share",         \
      "sd of initial beliefs")                                                 \
    D(behaviour_initial_commitment, "behaviour.initial_commitment", 0.6, 0, 1, \
      "share", "commitment of founders at the start")                          \
    D(behaviour_initial_system_trust, "behaviour.initial_system_trust", 0.5,   \
      0, 1, "trust", "system trust of every partner at the start")             \
    D(production_productivity, "production.productivity", 2.5, 0, 100, "",     \
      "r: public value per unit of content input")                             \
    D(production_diversity_bonus, "production.diversity_bonus", 0.5, 0, 10,    \
      "", "delta: extra value from diverse perspectives")                      \
    D(production_complexity, "production.complexity", 0.3, 0, 1, "",           \
      "kappa: task complexity, the need for network-level competence")         \
    D(production_rivalry, "production.rivalry", 1, 0, 2, "",                   \
      "gamma: benefit per member falls as n^gamma")                            \
    D(production_benefit_scale, "production.benefit_scale", 0.5, 0, 1, "",     \
      "epsilon: benefit grows with the member's size as (c_i/cbar)^epsilon "   \
      "(0: every member draws the same)")                                      \
    R(NG_FAMILY_GOVERNANCE)                                                    \
    D(learning_belief_rate, "learning.belief_rate", 0.3, 0, 1, "",             \
      "lambda_b: weight of the latest observation in beliefs")                 \
    D(learning_trust_gain, "learning.trust_gain", 0.05, 0, 1, "",              \
      "eta+: trust gain on a tie after reciprocity")                           \
    D(learning_trust_loss, "learning.trust_loss", 0.15, 0, 1, "",              \
      "eta-: trust loss on a tie per unit of shortfall (about 3 eta+)")        \
    D(learning_reciprocity_level, "learning.reciprocity_level", 0.5, 0, 1,     \
      "share",                                                                 \
      "x_ref: contribution a partner must see to call it reciprocity")         \
    D(learning_system_trust_rate, "learning.system_trust_rate", 0.1, 0, 1, "", \
      "eta_S: speed at which system trust follows perceived fairness")         \
    D(learning_commitment_rate, "learning.commitment_rate", 0.1, 0, 1, "",     \
      "eta_k: speed at which commitment follows success")                      \
    D(learning_meet_probability, "learning.meet_probability", 0.05, 0, 1,      \
      "probability/tick", "chance a member forms a tie with a co-member")      \
    D(learning_control_crowding, "learning.control_crowding", 0.3, 0, 1, "",   \
      "chi: monitoring crowds out trust gains by (1 - chi mu)")                \
    D(recruitment_invite_probability, "recruitment.invite_probability", 0.1,   \
      0, 1, "probability/tick", "chance a member invites an acquaintance")     \
    D(recruitment_entry_threshold, "recruitment.entry_threshold", -0.2, -100,  \
      100, "normalised payoff",                                                \
      "least attractiveness at which a candidate "                             \
      "joins")                                                                 \
    D(recruitment_trust_bonus, "recruitment.trust_bonus", 0.5, 0, 10, "",      \
      "weight of trust in the inviter in a candidate's decision")              \
    D(exit_value_smoothing, "exit.value_smoothing", 0.3, 0.001, 1, "",         \
      "weight of the latest normalised payoff in the value EWMA")              \
    D(exit_trust_weight, "exit.trust_weight", 1.0, 0, 10, "",                  \
      "w_tau: weight of effective trust in a member's value")                  \
    D(exit_commitment_weight, "exit.commitment_weight", 1.0, 0, 10, "",        \
      "w_k: weight of commitment in a member's value")                         \
    D(exit_threshold, "exit.threshold", -0.3, -100, 100, "value",              \
      "v_exit: value below which patience runs down")                          \
    I(exit_patience, "exit.patience", 6, 1, 100000, "ticks",                   \
      "L: consecutive ticks below v_exit before a member exits")               \
    D(exit_contagion, "exit.contagion", 0.05, 0, 1, "trust",                   \
      "delta_exit: system-trust loss of an exiting partner's acquaintances")   \
    D(environment_drift, "environment.drift", 0, 0, 2, "log units/tick",       \
      "epsilon_z: sd of the random step of each perspective of the problem "   \
      "focus z")                                                               \
    D(environment_reversion, "environment.reversion", 0, 0, 1, "share/tick",   \
      "pull of the problem focus back toward its initial value")               \
    D(environment_shock_rate, "environment.shock_rate", 0, 0, 10,              \
      "shocks/tick", "lambda_shock: Poisson rate of shocks (new threats)")     \
    I(environment_shock_tick, "environment.shock_tick", 0, 0, 1000000, "tick", \
      "a scheduled shock at this tick (0: none)")                              \
    C(environment_shock_perspective, "environment.shock_perspective",          \
      "random", NG_FAMILY_PERSPECTIVE,                                         \
      "perspective a shock pulls the problem focus toward")                    \
    D(environment_shock_jump, "environment.shock_jump", 0.5, 0, 1, "share",    \
      "how far a shock moves the problem focus toward its perspective")        \
    D(environment_threat_duration, "environment.threat_duration", 6, 0.1,      \
      1000000, "ticks",                                                        \
      "mean life of the threat level after a shock (exponential decay)")       \
    D(environment_threat_stakes, "environment.threat_stakes", 1, 0, 10, "",    \
      "how much the threat level h sharpens misfit: value x fit^(1 + stakes "  \
      "h)")                                                                    \
    D(mission_adaptation_rate, "mission.adaptation_rate", 0.1, 0, 1,           \
      "share/tick",                                                            \
      "alpha: share of the gap to the problem focus a mission proposal "       \
      "closes "                                                                \
      "(times the mode's agility)")                                            \
    D(mission_change_cost, "mission.change_cost", 1, 0, 100, "per radian",     \
      "commitment every member loses per radian the mission turns")            \
    C(decision_rule, "decision.rule", "governance", NG_FAMILY_DECISION,        \
      "how admission, mission changes and dissolution are decided")            \
    R(NG_FAMILY_DECISION)                                                      \
    D(decision_objection, "decision.objection", 0.5, 0, 1, "probability",      \
      "chance a voter with zero trust in a candidate votes against admitting " \
      "it (scaled by 1 - trust; explicit rules)")                              \
    I(decision_retry_delay, "decision.retry_delay", 3, 0, 1000000, "ticks",    \
      "ticks before a failed proposal (or a refused candidate) comes up "      \
      "again")                                                                 \
    D(decision_overruled_trust_loss, "decision.overruled_trust_loss", 0.05, 0, \
      1, "trust", "system trust an outvoted member loses (majority rules)")    \
    D(process_share, "process.share", 0, 0, 1, "share",                        \
      "psi: share of the input after overhead spent on relationships and "     \
      "onboarding")                                                            \
    D(process_meet_gain, "process.meet_gain", 10, 0, 1000, "",                 \
      "meeting probability is multiplied by 1 + meet_gain pi")                 \
    D(process_trust_gain, "process.trust_gain", 4, 0, 1000, "",                \
      "trust gain eta+ is multiplied by 1 + trust_gain pi")                    \
    D(process_onboarding, "process.onboarding", 0.5, 0, 100, "",               \
      "newcomers' interests move toward the mission at rate onboarding pi")    \
    I(process_onboarding_ticks, "process.onboarding_ticks", 12, 0, 1000000,    \
      "ticks", "how long after joining a member counts as a newcomer")         \
    D(information_sharing, "information.sharing", 0, 0, 1, "share",            \
      "level of data sharing among members")                                   \
    D(information_synergy, "information.synergy", 0.5, 0, 10, "",              \
      "extra diversity bonus per unit of sharing: delta + synergy sharing")    \
    D(information_privacy_tech, "information.privacy_tech", 0, 0, 1, "share",  \
      "privacy-preserving technology in use (0: none, 1: full)")               \
    D(information_privacy_cost, "information.privacy_cost", 0.01, 0, 100,      \
      "mean capacity",                                                         \
      "overhead per member per tick of full privacy technology")               \
    D(information_incident_rate, "information.incident_rate", 0.05, 0, 1,      \
      "probability/tick",                                                      \
      "chance of a data incident per tick at full sharing without privacy "    \
      "technology")                                                            \
    D(information_incident_trust_loss, "information.incident_trust_loss",      \
      0.15, 0, 1, "share",                                                     \
      "share of every member's system trust an incident destroys")             \
    D(information_source_trust_loss, "information.source_trust_loss", 0.5, 0,  \
      1, "share",                                                              \
      "share of the trust in the incident's source its co-members lose")       \
    V(meaning_societal_weight, "meaning.societal_weight", 1, 1, 1, 1, 0, 10,   \
      "",                                                                      \
      "w_soc per sector (government, business, knowledge, civil): weight of "  \
      "alignment in valuation")                                                \
    V(meaning_economic_weight, "meaning.economic_weight", 0, 0, 0, 0, 0, 10,   \
      "",                                                                      \
      "w_econ per sector (government, business, knowledge, civil): weight of " \
      "economic return in valuation")                                          \
    D(meaning_economic_return, "meaning.economic_return", 0, 0, 1, "share",    \
      "e: private economic return of taking part (marketable output)")         \
    I(evaluation_interval, "evaluation.interval", 0, 0, 1000000, "ticks",      \
      "E_eval: ticks between evaluations of the added value (0: none)")        \
    D(evaluation_min_return, "evaluation.min_return", 0, -100, 100,            \
      "normalised payoff",                                                     \
      "a member votes to dissolve when its average payoff is below this")      \
    D(evaluation_goal, "evaluation.goal", 0, 0, 1e15, "units",                 \
      "cumulative public value at which the alliance has met its goal (0: "    \
      "none)")                                                                 \
    D(geography_area, "geography.area", 0, 0, 100000, "km",                    \
      "side of the square region partners are located in (0: no geography)")   \
    D(geography_tie_range, "geography.tie_range", 25, 0.001, 100000, "km",     \
      "distance over which the chance of a new tie (generated or met) falls "  \
      "by 1/e")                                                                \
    D(geography_cost_distance, "geography.cost_distance", 50, 0.001, 100000,   \
      "km", "distance at which a pair's coordination cost has doubled")

#endif
