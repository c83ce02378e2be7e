#ifndef BAZAR_CXLSXWRITER_SHIM_H
#define BAZAR_CXLSXWRITER_SHIM_H
/* libxlsxwriter (Debian: libxlsxwriter-dev), the C library that writes .xlsx workbooks. */
#include <xlsxwriter.h>
#endif
