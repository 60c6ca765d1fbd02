// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

struct sqlite3;

namespace ShimScope::WriteBehind
{

/**
 * An SQLite VFS over the default one whose main database files are written by a thread of their own: a page write
 * is copied into a bounded queue (64 MiB) and returns, and the thread hands it to the kernel. The connection's
 * thread no longer waits for the kernel to copy pages into the page cache, about a tenth of an import's writer
 * thread and half a second of the commit of a 1M-event case, which runs on one core while the other is idle.
 *
 * Reads see every write: a read that overlaps a queued write waits for it. Every other file operation (sync,
 * truncate, locks, size) first waits until the queue is empty. A failed write is reported by the next operation on
 * the file and by drain().
 *
 * Only for a file one connection owns (the new case an import builds): no other process may read it meanwhile.
 */
const char* vfsName();

/// Waits until every queued write of db's main file has reached the kernel. Returns false, with the reason in
/// error, when one of them failed. True for a connection opened with another VFS.
bool drain(sqlite3* db, std::string* error);

} // namespace ShimScope::WriteBehind
