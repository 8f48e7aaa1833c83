/* Pango text layout on Cairo surfaces (all text in figures and PDF reports). */
#include <pango/pangocairo.h>
