#ifndef SIGNALS_CSUPPORT_H
#define SIGNALS_CSUPPORT_H

/// Atomically swaps two paths on the same file system (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS/EINVAL where unsupported).
int signals_exchange_paths(const char *a, const char *b);

#endif
