/* netgov: agent-based simulation of multi-partner alliances. */
#ifndef NETGOV_H
#define NETGOV_H

#define NG_VERSION "0.2.0"
#define NG_FORMAT_VERSION 2

#include "netgov/config.h"
#include "netgov/error.h"
#include "netgov/model.h"
#include "netgov/output.h"
#include "netgov/params.h"
#include "netgov/record.h"
#include "netgov/rules.h"
#include "netgov/run_view.h"

#endif
