/* Progress of a long command on stderr: a redrawn bar on a terminal, a
 * plain line every ten seconds otherwise (a log file or a batch job's
 * output), nothing when quiet. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

double cli_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void cli_progress_start(cli_progress *p, size_t total, size_t done, bool quiet)
{
    p->total = total;
    p->done = done;
    p->first = done;
    p->quiet = quiet;
    p->tty = isatty(STDERR_FILENO);
    p->start = cli_seconds();
    p->last = p->start;
}

static void eta_text(double seconds, char *out, size_t size)
{
    long s = (long)(seconds + 0.5);
    if (s >= 3600) {
        snprintf(out, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    } else {
        snprintf(out, size, "%ld:%02ld", s / 60, s % 60);
    }
}

static void draw(const cli_progress *p, double now, bool final)
{
    double elapsed = now - p->start;
    double rate = elapsed > 0 ? (double)(p->done - p->first) / elapsed : 0;
    char eta[32] = "?";
    if (rate > 0) {
        eta_text((double)(p->total - p->done) / rate, eta, sizeof eta);
    }
    if (p->tty) {
        enum { WIDTH = 30 };
        size_t fill = p->total ? p->done * WIDTH / p->total : WIDTH;
        char bar[WIDTH + 1];
        for (size_t k = 0; k < WIDTH; k++) {
            bar[k] = k < fill ? '#' : '-';
        }
        bar[WIDTH] = '\0';
        fprintf(stderr, "\r[%s] %zu/%zu runs  %.1f runs/s  ETA %s   %s", bar,
                p->done, p->total, rate, eta, final ? "\n" : "");
    } else {
        fprintf(stderr, "netgov: %zu/%zu runs, %.1f runs/s, ETA %s\n", p->done,
                p->total, rate, eta);
    }
    fflush(stderr);
}

void cli_progress_step(cli_progress *p)
{
    p->done++;
    if (p->quiet) {
        return;
    }
    double now = cli_seconds();
    if (now - p->last >= (p->tty ? 0.1 : 10.0)) {
        p->last = now;
        draw(p, now, false);
    }
}

void cli_progress_end(cli_progress *p)
{
    if (!p->quiet && p->done > p->first) {
        draw(p, cli_seconds(), true);
    }
}
