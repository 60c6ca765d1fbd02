// SPDX-License-Identifier: GPL-3.0-or-later
#include "writebehindvfs.h"

#include <sqlite3.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace ShimScope::WriteBehind
{

namespace
{
constexpr int64_t kMaxQueuedBytes = int64_t(64) * 1024 * 1024;

struct Write
{
    int64_t offset = 0;
    std::vector<char> bytes;
};

/// The queue of one main database file and the thread that empties it.
class Writer
{
public:
    explicit Writer(sqlite3_file* real)
        : m_real(real)
    {
        m_thread = std::thread([this] { run(); });
    }

    ~Writer()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

    /// Queues a copy of the bytes; waits while the queue is full. Returns the first failure, if any.
    int write(const void* data, int amount, int64_t offset)
    {
        std::unique_lock lock(m_mutex);
        m_progress.wait(lock, [&] { return m_error != SQLITE_OK || m_queuedBytes + amount <= kMaxQueuedBytes
                                           || m_queue.empty(); });
        if (m_error != SQLITE_OK)
            return m_error;
        const char* bytes = static_cast<const char*>(data);
        m_queue.push_back({offset, std::vector<char>(bytes, bytes + amount)});
        m_queuedBytes += amount;
        m_wake.notify_one();
        return SQLITE_OK;
    }

    /// Waits until no queued (or in-flight) write overlaps [offset, offset + amount).
    int waitFor(int64_t offset, int64_t amount)
    {
        std::unique_lock lock(m_mutex);
        m_progress.wait(lock, [&] { return !overlaps(offset, amount); });
        return m_error;
    }

    /// Waits until every write has reached the kernel; returns the first failure, if any.
    int drain()
    {
        std::unique_lock lock(m_mutex);
        m_progress.wait(lock, [&] { return m_queue.empty() && !m_inFlight; });
        return m_error;
    }

    int error()
    {
        const std::lock_guard lock(m_mutex);
        return m_error;
    }

    /// Calls into the real file are serialised: the queue's thread writes while the connection's thread reads.
    std::mutex& realMutex() { return m_realMutex; }

private:
    bool overlaps(int64_t offset, int64_t amount) const
    {
        auto hit = [&](int64_t start, int64_t size) { return start < offset + amount && offset < start + size; };
        if (m_inFlight && hit(m_inFlightOffset, m_inFlightSize))
            return true;
        for (const Write& w : m_queue) {
            if (hit(w.offset, static_cast<int64_t>(w.bytes.size())))
                return true;
        }
        return false;
    }

    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopped, and nothing left to write
            Write next = std::move(m_queue.front());
            m_queue.pop_front();
            m_inFlight = true;
            m_inFlightOffset = next.offset;
            m_inFlightSize = static_cast<int64_t>(next.bytes.size());
            lock.unlock();
            int rc = SQLITE_OK;
            if (m_error == SQLITE_OK) { // read unlocked: only this thread writes it
                const std::lock_guard real(m_realMutex);
                rc = m_real->pMethods->xWrite(m_real, next.bytes.data(), static_cast<int>(next.bytes.size()),
                                              next.offset);
            }
            next = {};
            lock.lock();
            if (rc != SQLITE_OK && m_error == SQLITE_OK)
                m_error = rc;
            m_inFlight = false;
            m_queuedBytes -= m_inFlightSize;
            m_progress.notify_all();
        }
    }

    sqlite3_file* m_real;
    std::mutex m_mutex;
    std::condition_variable m_wake;     ///< work for the queue's thread
    std::condition_variable m_progress; ///< a write finished (or failed)
    std::deque<Write> m_queue;
    int64_t m_queuedBytes = 0;
    bool m_inFlight = false;
    int64_t m_inFlightOffset = 0;
    int64_t m_inFlightSize = 0;
    int m_error = SQLITE_OK;
    bool m_stop = false;
    std::mutex m_realMutex;
    std::thread m_thread; // last: started once the members above exist
};

/// Our file: the real file of the default VFS follows it in the same allocation (szOsFile covers both).
struct File
{
    sqlite3_file base;
    Writer* writer; ///< null for files other than main databases (journals, temporary files): passed through
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

File* asFile(sqlite3_file* f)
{
    return reinterpret_cast<File*>(f);
}

/// Runs fn on the real file after the queue has emptied (drain first) or at once, serialised with the writes.
template<typename Fn>
int onReal(sqlite3_file* f, bool drainFirst, Fn&& fn)
{
    File* file = asFile(f);
    if (!file->writer)
        return fn(file->real());
    if (drainFirst) {
        if (const int rc = file->writer->drain(); rc != SQLITE_OK)
            return rc;
    }
    const std::lock_guard lock(file->writer->realMutex());
    return fn(file->real());
}

int xClose(sqlite3_file* f)
{
    File* file = asFile(f);
    int rc = SQLITE_OK;
    if (file->writer) {
        rc = file->writer->drain();
        delete file->writer; // joins its thread
        file->writer = nullptr;
    }
    const int closed = file->real()->pMethods ? file->real()->pMethods->xClose(file->real()) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : closed;
}

int xRead(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset)
{
    File* file = asFile(f);
    if (file->writer) {
        if (const int rc = file->writer->waitFor(offset, amount); rc != SQLITE_OK)
            return rc;
    }
    return onReal(f, false, [&](sqlite3_file* r) { return r->pMethods->xRead(r, buffer, amount, offset); });
}

int xWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset)
{
    File* file = asFile(f);
    if (file->writer)
        return file->writer->write(data, amount, offset);
    return file->real()->pMethods->xWrite(file->real(), data, amount, offset);
}

int xTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    return onReal(f, true, [&](sqlite3_file* r) { return r->pMethods->xTruncate(r, size); });
}

int xSync(sqlite3_file* f, int flags)
{
    return onReal(f, true, [&](sqlite3_file* r) { return r->pMethods->xSync(r, flags); });
}

int xFileSize(sqlite3_file* f, sqlite3_int64* size)
{
    return onReal(f, true, [&](sqlite3_file* r) { return r->pMethods->xFileSize(r, size); });
}

int xLock(sqlite3_file* f, int level)
{
    return onReal(f, true, [&](sqlite3_file* r) { return r->pMethods->xLock(r, level); });
}

int xUnlock(sqlite3_file* f, int level)
{
    return onReal(f, true, [&](sqlite3_file* r) { return r->pMethods->xUnlock(r, level); });
}

int xCheckReservedLock(sqlite3_file* f, int* out)
{
    return onReal(f, false, [&](sqlite3_file* r) { return r->pMethods->xCheckReservedLock(r, out); });
}

int xFileControl(sqlite3_file* f, int op, void* arg)
{
    // The size hint comes with the writes of every cache spill; it does not read or write pages.
    const bool drainFirst = op != SQLITE_FCNTL_SIZE_HINT;
    return onReal(f, drainFirst, [&](sqlite3_file* r) { return r->pMethods->xFileControl(r, op, arg); });
}

int xSectorSize(sqlite3_file* f)
{
    return onReal(f, false, [&](sqlite3_file* r) { return r->pMethods->xSectorSize(r); });
}

int xDeviceCharacteristics(sqlite3_file* f)
{
    return onReal(f, false, [&](sqlite3_file* r) { return r->pMethods->xDeviceCharacteristics(r); });
}

int xShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out)
{
    return onReal(f, true, [&](sqlite3_file* r) { return r->pMethods->xShmMap(r, page, size, extend, out); });
}

int xShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    return onReal(f, true, [&](sqlite3_file* r) { return r->pMethods->xShmLock(r, offset, n, flags); });
}

void xShmBarrier(sqlite3_file* f)
{
    onReal(f, true, [&](sqlite3_file* r) {
        r->pMethods->xShmBarrier(r);
        return SQLITE_OK;
    });
}

int xShmUnmap(sqlite3_file* f, int deleteFlag)
{
    return onReal(f, true, [&](sqlite3_file* r) { return r->pMethods->xShmUnmap(r, deleteFlag); });
}

int xFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out)
{
    // A memory-mapped page must hold what was written: every queued write first.
    return onReal(f, true, [&](sqlite3_file* r) { return r->pMethods->xFetch(r, offset, amount, out); });
}

int xUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* page)
{
    return onReal(f, false, [&](sqlite3_file* r) { return r->pMethods->xUnfetch(r, offset, page); });
}

const sqlite3_io_methods kMethods = {
    3,           xClose,     xRead,       xWrite,    xTruncate,    xSync,
    xFileSize,   xLock,      xUnlock,     xCheckReservedLock,      xFileControl,
    xSectorSize, xDeviceCharacteristics,  xShmMap,   xShmLock,     xShmBarrier,
    xShmUnmap,   xFetch,     xUnfetch,
};

sqlite3_vfs* realVfs(sqlite3_vfs* vfs)
{
    return static_cast<sqlite3_vfs*>(vfs->pAppData);
}

int xOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* outFlags)
{
    File* file = asFile(f);
    file->base.pMethods = nullptr;
    file->writer = nullptr;
    const int rc = realVfs(vfs)->xOpen(realVfs(vfs), name, file->real(), flags, outFlags);
    if (rc != SQLITE_OK || !file->real()->pMethods) {
        // SQLite closes a file whose open failed only if pMethods is set: close the real one here instead.
        if (file->real()->pMethods)
            file->real()->pMethods->xClose(file->real());
        return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
    }
    if (file->real()->pMethods->iVersion < 3) {
        file->real()->pMethods->xClose(file->real());
        return SQLITE_CANTOPEN;
    }
    if (flags & SQLITE_OPEN_MAIN_DB) {
        try {
            file->writer = new Writer(file->real());
        } catch (...) {
            file->real()->pMethods->xClose(file->real());
            return SQLITE_NOMEM;
        }
    }
    file->base.pMethods = &kMethods;
    return SQLITE_OK;
}

int xDelete(sqlite3_vfs* vfs, const char* name, int syncDir)
{
    return realVfs(vfs)->xDelete(realVfs(vfs), name, syncDir);
}

int xAccess(sqlite3_vfs* vfs, const char* name, int flags, int* out)
{
    return realVfs(vfs)->xAccess(realVfs(vfs), name, flags, out);
}

int xFullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out)
{
    return realVfs(vfs)->xFullPathname(realVfs(vfs), name, size, out);
}

void* xDlOpen(sqlite3_vfs* vfs, const char* name)
{
    return realVfs(vfs)->xDlOpen(realVfs(vfs), name);
}

void xDlError(sqlite3_vfs* vfs, int size, char* out)
{
    realVfs(vfs)->xDlError(realVfs(vfs), size, out);
}

void (*xDlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void)
{
    return realVfs(vfs)->xDlSym(realVfs(vfs), handle, symbol);
}

void xDlClose(sqlite3_vfs* vfs, void* handle)
{
    realVfs(vfs)->xDlClose(realVfs(vfs), handle);
}

int xRandomness(sqlite3_vfs* vfs, int size, char* out)
{
    return realVfs(vfs)->xRandomness(realVfs(vfs), size, out);
}

int xSleep(sqlite3_vfs* vfs, int microseconds)
{
    return realVfs(vfs)->xSleep(realVfs(vfs), microseconds);
}

int xCurrentTime(sqlite3_vfs* vfs, double* out)
{
    return realVfs(vfs)->xCurrentTime(realVfs(vfs), out);
}

int xGetLastError(sqlite3_vfs* vfs, int size, char* out)
{
    return realVfs(vfs)->xGetLastError(realVfs(vfs), size, out);
}

int xCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out)
{
    return realVfs(vfs)->xCurrentTimeInt64(realVfs(vfs), out);
}

constexpr const char* kName = "shimscope-writebehind";

sqlite3_vfs* registered()
{
    static sqlite3_vfs vfs = [] {
        sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
        sqlite3_vfs v{};
        v.iVersion = 2;
        v.szOsFile = static_cast<int>(sizeof(File)) + real->szOsFile;
        v.mxPathname = real->mxPathname;
        v.zName = kName;
        v.pAppData = real;
        v.xOpen = xOpen;
        v.xDelete = xDelete;
        v.xAccess = xAccess;
        v.xFullPathname = xFullPathname;
        v.xDlOpen = xDlOpen;
        v.xDlError = xDlError;
        v.xDlSym = xDlSym;
        v.xDlClose = xDlClose;
        v.xRandomness = xRandomness;
        v.xSleep = xSleep;
        v.xCurrentTime = xCurrentTime;
        v.xGetLastError = xGetLastError;
        v.xCurrentTimeInt64 = xCurrentTimeInt64;
        return v;
    }();
    static const int rc = sqlite3_vfs_register(&vfs, 0);
    return rc == SQLITE_OK ? &vfs : nullptr;
}
} // namespace

const char* vfsName()
{
    return registered() ? kName : nullptr;
}

bool drain(sqlite3* db, std::string* error)
{
    sqlite3_file* f = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f
        || f->pMethods != &kMethods || !asFile(f)->writer)
        return true;
    const int rc = asFile(f)->writer->drain();
    if (rc == SQLITE_OK)
        return true;
    if (error)
        *error = std::string("writing the case file failed: ") + sqlite3_errstr(rc);
    return false;
}

} // namespace ShimScope::WriteBehind
