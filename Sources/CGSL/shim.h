/* GSL for Swift: the solver and distribution (t quantile) headers LawFit uses, plus dladdr so a
   test can prove that GSL's internal cblas_* calls bind to OpenBLAS and not to libgslcblas
   (DEPS.md §1.3). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>

/* dladdr is _GNU_SOURCE-only, so Glibc's Swift module hides it; declare it under another name. */
typedef struct {
    const char *dli_fname;
    void *dli_fbase;
    const char *dli_sname;
    void *dli_saddr;
} cgsl_dl_info;
int cgsl_dladdr(const void *address, cgsl_dl_info *info) __asm__("dladdr");
