// SPDX-License-Identifier: GPL-3.0-or-later
#include "bytesource.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ShimScope
{

FileSource::FileSource(QString path)
    : m_path(std::move(path))
{
}

FileSource::~FileSource()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool FileSource::open()
{
    m_fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        m_error = QCoreApplication::translate("LineReader", "cannot open: %1")
                      .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    struct stat st = {};
    if (fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        m_error = S_ISDIR(st.st_mode) ? QCoreApplication::translate("LineReader", "is a directory, not a file")
                                      : QCoreApplication::translate("LineReader", "is not a regular file");
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_size = st.st_size;
    posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return true;
}

int64_t FileSource::read(char* data, int64_t maxSize)
{
    if (m_fd < 0) {
        if (m_error.isEmpty())
            m_error = QCoreApplication::translate("LineReader", "file is not open");
        return -1;
    }
    ssize_t n;
    do {
        n = ::read(m_fd, data, static_cast<size_t>(maxSize));
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        m_error = QCoreApplication::translate("LineReader", "read error: %1")
                      .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return -1;
    }
    if (n == 0 && m_read < m_size) {
        m_error = QCoreApplication::translate("LineReader", "file shrank while being read (%1 of %2 bytes)")
                      .arg(m_read)
                      .arg(m_size);
        return -1;
    }
    m_read += n;
    return n;
}

} // namespace ShimScope
