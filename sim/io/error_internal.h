/* Error reporting that is safe on any thread: the text of an errno value
 * and GSL's error handler.  An embedding program and the sweep runner call
 * the library from several threads, so it keeps no process-global state of
 * its own and changes none it does not have to. */
#ifndef NETGOV_ERROR_INTERNAL_H
#define NETGOV_ERROR_INTERNAL_H

/* Longer than any message of the C library, so none is cut. */
#define NG_ERRNO_TEXT 128
/* The message strerror gives for errnum, written to buf and returned;
 * unlike strerror it uses no shared buffer. */
const char *ng__errno_text(int errnum, char buf[NG_ERRNO_TEXT]);

/* GSL's default error handler aborts the process.  The first call switches
 * it off (GSL functions then return their error codes, which the library
 * checks), unless the program has already installed a handler of its own;
 * later calls do nothing.  Every public entry point that can reach GSL
 * calls this first. */
void ng__gsl_init(void);

#endif
