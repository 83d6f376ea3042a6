/* netgov view: placeholder until the command lands. */
#include <stdio.h>

#include "cli.h"

int cmd_view(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("netgov view: not built yet\n", stderr);
    return CLI_RUNTIME;
}
