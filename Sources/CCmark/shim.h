/* cmark, the CommonMark reference implementation: parsing Markdown into a node tree. */
#include <cmark.h>
