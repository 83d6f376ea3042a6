/* netgov report: placeholder until the command lands. */
#include <stdio.h>

#include "cli.h"

int cmd_report(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("netgov report: not built yet\n", stderr);
    return CLI_RUNTIME;
}
