/* netgov view: the animated viewer of one run, a self-contained HTML page
 * built from a run document (OUTPUT.md) by replaying the run (frames.h).
 *
 * The page is web/view.html with web/view.css, web/chart_line.js and
 * web/view.js inlined; its data block holds the run's headline, series,
 * events, partners and frames (layout: docs/VIEWER.md).
 */
#ifndef NETGOV_REPORT_VIEW_H
#define NETGOV_REPORT_VIEW_H

#include <cjson/cJSON.h>

#include "netgov/error.h"

/* Pools above this are refused: the page would be too large to draw. */
#define NG_VIEW_MAX_PARTNERS 2000
/* Longer runs are thinned to this many frames. */
#define NG_VIEW_MAX_FRAMES 300
/* A frame draws at most this many ties, the strongest: a browser cannot
 * draw more in an animation, and a dense pool (2,000 partners, 200 ties
 * each) would otherwise put 200,000 ties in every frame. */
#define NG_VIEW_MAX_FRAME_TIES 2000
/* Budgets over all frames, which thin the frames of a large or dense pool
 * further: tie entries (a frame counted at its possible ties, at most
 * NG_VIEW_MAX_FRAME_TIES) and partner cells (pool x frames).  They bound
 * the page to under 10 MB and the memory used to build it to a few
 * hundred MB (docs/VIEWER.md). */
#define NG_VIEW_MAX_TIES 300000
#define NG_VIEW_MAX_CELLS 300000

/* Reads the run document at run_path, checks it, replays it and returns
 * the page's data (*data, owned by the caller).  Returns 0; NG_EIO if the
 * file cannot be read; NG_EINVAL or NG_ECONFIG if it is not a netgov run
 * document of this format, or the replay differs from it (errs say which
 * field, as "run_path:field.path"); NG_ENOMEM or an engine error. */
int ng__view_data(const char *run_path, cJSON **data, ng_errors *errs);

/* Writes the viewer page for data atomically to out_path.  NG_EIO when
 * the file cannot be written. */
int ng__view_write(const char *out_path, const cJSON *data, ng_error *err);

#endif
