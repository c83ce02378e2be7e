#ifndef BAZAR_CLIBPQ_SHIM_H
#define BAZAR_CLIBPQ_SHIM_H
// libpq, PostgreSQL's own client library (the one psql uses). Debian: libpq-dev, which puts the
// header in /usr/include/postgresql (pkg-config libpq gives that path).
#include <libpq-fe.h>
#endif
