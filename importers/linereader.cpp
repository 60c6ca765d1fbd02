// SPDX-License-Identifier: GPL-3.0-or-later
#include "linereader.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/evp.h>
#include <zlib.h>

namespace ShimScope
{

namespace
{
constexpr qsizetype kChunk = 4 * 1024 * 1024;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}
} // namespace

LineReader::LineReader(const QString& path, int64_t maxLineLength)
    : m_path(path)
    , m_maxLine(maxLineLength)
    , m_hash(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(m_hash, EVP_sha256(), nullptr);
}

LineReader::~LineReader()
{
    EVP_MD_CTX_free(m_hash);
    if (m_zs) {
        inflateEnd(m_zs);
        delete m_zs;
    }
    if (m_fd >= 0)
        ::close(m_fd);
}

void LineReader::fail(const QString& message)
{
    if (m_error.isEmpty())
        m_error = message;
    m_eof = true;
}

bool LineReader::open()
{
    m_fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        fail(QStringLiteral("cannot open: %1").arg(errnoText(errno)));
        return false;
    }
    struct stat st = {};
    if (fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        fail(S_ISDIR(st.st_mode) ? QStringLiteral("is a directory, not a file")
                                 : QStringLiteral("is not a regular file"));
        return false;
    }
    m_rawSize = st.st_size;
    posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);

    unsigned char magic[2] = {0, 0};
    const ssize_t n = pread(m_fd, magic, 2, 0);
    m_gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (m_gzip) {
        m_zs = new z_stream{};
        // 15 + 32: accept gzip and zlib headers.
        if (inflateInit2(m_zs, 15 + 32) != Z_OK) {
            fail(QStringLiteral("cannot initialise gzip decompression"));
            return false;
        }
        m_raw.resize(kChunk);
    }
    m_buf.resize(kChunk * 2);
    return true;
}

bool LineReader::readRaw()
{
    char* target = m_gzip ? m_raw.data() : m_buf.data() + m_end;
    const qsizetype room = m_gzip ? m_raw.size() : m_buf.size() - m_end;
    ssize_t n;
    do {
        n = ::read(m_fd, target, static_cast<size_t>(room));
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        fail(QStringLiteral("read error after line %1: %2").arg(m_lineNumber).arg(errnoText(errno)));
        return false;
    }
    if (n == 0) {
        m_rawEof = true;
        if (m_rawRead < m_rawSize) {
            fail(QStringLiteral("file shrank while being read (%1 of %2 bytes) after line %3")
                     .arg(m_rawRead)
                     .arg(m_rawSize)
                     .arg(m_lineNumber));
            return false;
        }
        return true;
    }
    EVP_DigestUpdate(m_hash, target, static_cast<size_t>(n));
    m_rawRead += n;
    if (m_gzip) {
        m_zs->next_in = reinterpret_cast<Bytef*>(m_raw.data());
        m_zs->avail_in = static_cast<uInt>(n);
    } else {
        m_end += n;
    }
    return true;
}

// Makes room at the end of m_buf and reads more text into it. False when nothing more can come.
bool LineReader::fill()
{
    if (m_eof)
        return false;
    // Compact: move the unread tail to the front.
    if (m_begin > 0) {
        std::memmove(m_buf.data(), m_buf.constData() + m_begin, static_cast<size_t>(m_end - m_begin));
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_buf.size() - m_end < kChunk)
        m_buf.resize(m_buf.size() + kChunk);

    const qsizetype before = m_end;
    while (m_end == before) {
        if (!m_gzip) {
            if (m_rawEof || !readRaw() || m_rawEof)
                return false;
            continue;
        }
        if (m_zs->avail_in == 0) {
            if (!m_rawEof && !readRaw())
                return false;
            if (m_rawEof) {
                if (!m_memberEnded)
                    fail(QStringLiteral("compressed data ends early (truncated gzip) after line %1")
                             .arg(m_lineNumber));
                return false;
            }
        }
        m_zs->next_out = reinterpret_cast<Bytef*>(m_buf.data() + m_end);
        m_zs->avail_out = static_cast<uInt>(m_buf.size() - m_end);
        const int rc = inflate(m_zs, Z_NO_FLUSH);
        m_end = m_buf.size() - m_zs->avail_out;
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members are one file to gzip(1): reset and continue with the next member if any.
            m_memberEnded = true;
            inflateReset(m_zs);
        } else if (rc == Z_OK || rc == Z_BUF_ERROR) {
            if (m_end > before)
                m_memberEnded = false;
        } else if (m_memberEnded) {
            // Bytes after a complete member that are not another member: gzip(1) ignores trailing garbage too.
            m_rawEof = true;
            m_zs->avail_in = 0;
            return false;
        } else {
            fail(QStringLiteral("corrupt compressed data after line %1: %2")
                     .arg(m_lineNumber)
                     .arg(QString::fromLatin1(m_zs->msg ? m_zs->msg : "inflate error")));
            return false;
        }
    }
    return true;
}

void LineReader::noteSkippedLine()
{
    ++m_skippedCount;
    if (m_skipped.size() < SourceStats::kMaxErrors)
        m_skipped.append({m_lineNumber, QStringLiteral("line longer than %1 bytes skipped").arg(m_maxLine)});
}

bool LineReader::next(QByteArrayView* line)
{
    for (;;) {
        const char* start = m_buf.constData() + m_begin;
        const qsizetype available = m_end - m_begin;
        const void* newline = available > 0 ? std::memchr(start, '\n', static_cast<size_t>(available)) : nullptr;
        if (newline) {
            const qsizetype length = static_cast<const char*>(newline) - start;
            m_begin += length + 1;
            if (m_discarding) {
                // The end of an over-long line, counted and reported when dropping it began.
                m_discarding = false;
                continue;
            }
            ++m_lineNumber;
            if (length > m_maxLine) {
                noteSkippedLine();
                continue;
            }
            *line = QByteArrayView(start, length);
            return true;
        }
        if (available > m_maxLine) {
            // An over-long line still without its newline: drop what we have and keep dropping until it ends.
            if (!m_discarding) {
                ++m_lineNumber;
                noteSkippedLine();
                m_discarding = true;
            }
            m_begin = m_end;
        }
        if (!fill()) {
            // Last line without a newline.
            if (m_end > m_begin && !m_discarding) {
                *line = QByteArrayView(m_buf.constData() + m_begin, m_end - m_begin);
                m_begin = m_end;
                ++m_lineNumber;
                return true;
            }
            m_eof = true;
            return false;
        }
    }
}

QByteArray LineReader::sha256Hex() const
{
    // Finalise a copy so reading the value does not disturb further hashing.
    EVP_MD_CTX* copy = EVP_MD_CTX_new();
    EVP_MD_CTX_copy_ex(copy, m_hash);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(copy, digest, &length);
    EVP_MD_CTX_free(copy);
    return QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length)).toHex();
}

QByteArray LineReader::sha256OfFile(const QString& path, QString* error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (error)
            *error = QStringLiteral("cannot open: %1").arg(errnoText(errno));
        return {};
    }
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    ssize_t n;
    while ((n = ::read(fd, buffer.data(), static_cast<size_t>(buffer.size()))) > 0 || (n < 0 && errno == EINTR)) {
        if (n > 0)
            EVP_DigestUpdate(context, buffer.constData(), static_cast<size_t>(n));
    }
    const int readErrno = errno;
    ::close(fd);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context, digest, &length);
    EVP_MD_CTX_free(context);
    if (n < 0) {
        if (error)
            *error = QStringLiteral("read error: %1").arg(errnoText(readErrno));
        return {};
    }
    return QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length)).toHex();
}

QByteArray LineReader::peek(const QString& path, int bytes, QString* error)
{
    LineReader reader(path);
    if (!reader.open()) {
        if (error)
            *error = reader.error();
        return {};
    }
    QByteArray out;
    QByteArrayView line;
    while (out.size() < bytes && reader.next(&line)) {
        out.append(line.first(std::min<qsizetype>(line.size(), bytes - out.size())));
        out.append('\n');
    }
    if (error && reader.failed() && out.isEmpty())
        *error = reader.error();
    return out;
}

} // namespace ShimScope
