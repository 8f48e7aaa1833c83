/* CBLAS for the training core. The prototypes come from GSL's gsl_cblas.h (the standard CBLAS ABI,
   int dimensions = OpenBLAS LP64 blasint) so that this module and CGSL never disagree about the
   CBLAS enums (DEPS.md §1.3); the symbols resolve to OpenBLAS. OpenBLAS's own extras are declared
   by hand. */
#include <gsl/gsl_cblas.h>

void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_corename(void);
char *openblas_get_config(void);
