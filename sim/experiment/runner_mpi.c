/* The MPI runner (built with -DNETGOV_MPI=ON): rank 0 hands out run numbers
 * one at a time and writes the lines the other ranks send back, so ranks
 * that finish early simply ask for more.  Each rank builds the same sweep
 * from the same command line, so only run numbers and lines travel. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <mpi.h>

#include "io/error_internal.h"
#include "netgov/sweep.h"

enum { TAG_ASK = 1, TAG_RUN = 2, TAG_LINE = 3 };

/* Started by mpirun/srun?  Their launchers set these.  A sweep started
 * by hand skips MPI_Init, which costs about half a second as a singleton. */
static bool launched(void)
{
    static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE",
                                       "PMIX_RANK", "MPI_LOCALNRANKS"};
    for (size_t k = 0; k < sizeof vars / sizeof vars[0]; k++) {
        if (getenv(vars[k])) {
            return true;
        }
    }
    return false;
}

int ng_mpi_start(int *argc, char ***argv, int *rank, int *ranks)
{
    *rank = 0;
    *ranks = 1;
    if (!launched()) {
        return 0;
    }
    int ready = 0;
    MPI_Initialized(&ready);
    if (!ready && MPI_Init(argc, argv) != MPI_SUCCESS) {
        return NG_EIO;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, ranks);
    return 0;
}

void ng_mpi_stop(void)
{
    int started = 0, done = 0;
    MPI_Initialized(&started);
    MPI_Finalized(&done);
    if (started && !done) {
        MPI_Finalize();
    }
}

/* A worker: ask, run, send the line back, until told -1. */
static int work(const ng_sweep *s, ng_error *err)
{
    long long run = -1;
    MPI_Send(&run, 1, MPI_LONG_LONG, 0, TAG_ASK, MPI_COMM_WORLD);
    for (;;) {
        MPI_Recv(&run, 1, MPI_LONG_LONG, 0, TAG_RUN, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        if (run < 0) {
            return 0;
        }
        char *line = NULL;
        if (ng_sweep_run_line(s, (size_t)run, &line)) {
            return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
        }
        MPI_Send(line, (int)strlen(line) + 1, MPI_CHAR, 0, TAG_LINE,
                 MPI_COMM_WORLD);
        free(line);
    }
}

/* Rank 0: answer every message until each worker has been told to stop. */
static int coordinate(const size_t *todo, size_t n_todo, ng_line_sink sink,
                      void *ctx, atomic_int *stop, int ranks, ng_error *err)
{
    size_t next = 0;
    int stopped = 0, rc = 0;
    long long *running = calloc((size_t)ranks, sizeof *running);
    if (!running) {
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    while (stopped < ranks - 1) {
        MPI_Status st;
        MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
        int from = st.MPI_SOURCE;
        if (st.MPI_TAG == TAG_LINE) {
            int len = 0;
            MPI_Get_count(&st, MPI_CHAR, &len);
            char *line = malloc((size_t)len + 1);
            if (!line) {
                MPI_Abort(MPI_COMM_WORLD, 1);
            }
            MPI_Recv(line, len, MPI_CHAR, from, TAG_LINE, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE);
            line[len] = '\0';
            sink(ctx, (size_t)running[from], line);
            free(line);
        } else {
            long long ignored;
            MPI_Recv(&ignored, 1, MPI_LONG_LONG, from, TAG_ASK, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE);
        }
        long long run =
            next < n_todo && !atomic_load(stop) ? (long long)todo[next++] : -1;
        running[from] = run;
        stopped += run < 0;
        MPI_Send(&run, 1, MPI_LONG_LONG, from, TAG_RUN, MPI_COMM_WORLD);
    }
    free(running);
    (void)err;
    return rc;
}

int ng_sweep_run_mpi(const ng_sweep *s, const size_t *todo, size_t n_todo,
                     ng_line_sink sink, void *ctx, atomic_int *stop,
                     ng_error *err)
{
    ng__gsl_init();
    int rank, ranks;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    if (rank > 0) {
        return work(s, err);
    }
    return coordinate(todo, n_todo, sink, ctx, stop, ranks, err);
}
