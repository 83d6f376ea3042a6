/* netgov odd: placeholder until the command lands. */
#include <stdio.h>

#include "cli.h"

int cmd_odd(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("netgov odd: not built yet\n", stderr);
    return CLI_RUNTIME;
}
