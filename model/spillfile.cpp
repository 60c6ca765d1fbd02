// SPDX-License-Identifier: GPL-3.0-or-later
#include "spillfile.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace ShimScope
{

namespace
{
constexpr size_t kBufferBytes = size_t(1) << 20;
}

SpillFile::SpillFile(const QString& folder)
    : m_folder(folder.isEmpty() ? QDir::tempPath() : folder)
    , m_buffer(kBufferBytes)
{
    const QByteArray dir = QFile::encodeName(m_folder);
#ifdef O_TMPFILE
    m_fd = ::open(dir.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
    if (m_fd < 0) {
        // File systems without O_TMPFILE: a named file, unlinked at once.
        QByteArray name = dir + "/.shimscope-spill-XXXXXX";
        m_fd = ::mkostemp(name.data(), O_CLOEXEC);
        if (m_fd < 0)
            fail("cannot create a temporary file");
        ::unlink(name.constData());
    }
}

SpillFile::~SpillFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void SpillFile::fail(const char* what) const
{
    throw std::runtime_error(std::string(what) + " in " + QFile::encodeName(m_folder).toStdString() + ": "
                             + std::strerror(errno));
}

void SpillFile::append(const void* data, size_t size)
{
    const char* bytes = static_cast<const char*>(data);
    m_written += static_cast<int64_t>(size);
    while (size > 0) {
        const size_t take = std::min(size, m_buffer.size() - m_used);
        std::memcpy(m_buffer.data() + m_used, bytes, take);
        m_used += take;
        bytes += take;
        size -= take;
        if (m_used == m_buffer.size())
            flush();
    }
}

void SpillFile::flush()
{
    size_t done = 0;
    while (done < m_used) {
        const ssize_t n = ::write(m_fd, m_buffer.data() + done, m_used - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail("cannot write a temporary file");
        done += static_cast<size_t>(n);
    }
    m_used = 0;
}

void SpillFile::rewind()
{
    if (!m_reading)
        flush();
    if (::lseek(m_fd, 0, SEEK_SET) < 0)
        fail("cannot read back a temporary file");
    m_reading = true;
    m_used = 0;
    m_pos = 0;
}

bool SpillFile::read(void* data, size_t size)
{
    char* out = static_cast<char*>(data);
    size_t got = 0;
    while (got < size) {
        if (m_pos == m_used) {
            ssize_t n;
            do {
                n = ::read(m_fd, m_buffer.data(), m_buffer.size());
            } while (n < 0 && errno == EINTR);
            if (n < 0)
                fail("cannot read back a temporary file");
            if (n == 0) {
                if (got == 0)
                    return false;
                errno = EIO;
                fail("a record cut short in a temporary file");
            }
            m_used = static_cast<size_t>(n);
            m_pos = 0;
        }
        const size_t take = std::min(size - got, m_used - m_pos);
        std::memcpy(out + got, m_buffer.data() + m_pos, take);
        m_pos += take;
        got += take;
    }
    return true;
}

void SpillFile::writeAt(int64_t offset, const void* data, size_t size)
{
    const char* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::pwrite(m_fd, bytes, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail("cannot write a temporary file");
        bytes += n;
        offset += n;
        size -= static_cast<size_t>(n);
        m_written += n;
    }
}

bool SpillFile::readAt(int64_t offset, void* data, size_t size) const
{
    char* out = static_cast<char*>(data);
    while (size > 0) {
        const ssize_t n = ::pread(m_fd, out, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail("cannot read back a temporary file");
        if (n == 0)
            return false;
        out += n;
        offset += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

} // namespace ShimScope
