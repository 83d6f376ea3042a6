/* netgov explain: placeholder. */
#include <stdio.h>

#include "cli.h"

int cmd_explain(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("netgov explain: not built yet\n", stderr);
    return CLI_RUNTIME;
}
