/* Scratch folder and text helpers of the fuzz harnesses (fuzz_util.h). */
#define _XOPEN_SOURCE 700 /* mkdtemp, nftw */
#include "fuzz_util.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *fuzz_text(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text) {
        if (size) {
            memcpy(text, data, size);
        }
        text[size] = '\0';
    }
    return text;
}

static char scratch[4096];

static int remove_entry(const char *path, const struct stat *sb, int flag,
                        struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    /* Depth 0 is the folder being emptied itself; it stays. */
    if (ftw->level > 0) {
        remove(path);
    }
    return 0;
}

void fuzz_empty(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void remove_scratch(void)
{
    if (scratch[0]) {
        fuzz_empty(scratch);
        rmdir(scratch);
        scratch[0] = '\0';
    }
}

const char *fuzz_dir(void)
{
    if (!scratch[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(scratch, sizeof scratch, "%s/netgov-fuzz.XXXXXX",
                 tmp && tmp[0] ? tmp : "/tmp");
        if (!mkdtemp(scratch)) {
            scratch[0] = '\0';
            return NULL;
        }
        atexit(remove_scratch);
    }
    return scratch;
}

int fuzz_write(const char *dir, const char *name, const void *data, size_t size)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        return -1;
    }
    size_t put = size ? fwrite(data, 1, size, f) : 0;
    return fclose(f) == 0 && put == size ? 0 : -1;
}
