// SPDX-License-Identifier: GPL-3.0-or-later
#include "linereader.h"

#include "boundedqueue.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <fcntl.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>
#include <zlib.h>

namespace ShimScope
{

namespace
{
constexpr qsizetype kChunk = 4 * 1024 * 1024;
/// Enough for every magic number we look at (bzip2 with its block magic is the longest).
constexpr qsizetype kMagicBytes = 10;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

bool startsWith(const QByteArray& data, qsizetype size, QByteArrayView magic)
{
    return size >= magic.size() && QByteArrayView(data.constData(), magic.size()) == magic;
}

/// Compressed formats handed to libarchive (gzip has its own, faster path).
bool isArchiveFilterMagic(const QByteArray& data, qsizetype size)
{
    static const char xz[] = {'\xfd', '7', 'z', 'X', 'Z', '\0'};
    static const char zstd[] = {'\x28', '\xb5', '\x2f', '\xfd'};
    if (startsWith(data, size, QByteArrayView(xz, sizeof xz)) || startsWith(data, size, QByteArrayView(zstd, 4)))
        return true;
    // "BZh" + block size digit + the block magic (pi) or the end-of-stream magic (sqrt pi) of an empty stream.
    if (size >= 10 && startsWith(data, size, "BZh") && data[3] >= '1' && data[3] <= '9') {
        const QByteArrayView block(data.constData() + 4, 6);
        return block == QByteArrayView("\x31\x41\x59\x26\x53\x59", 6) || block == QByteArrayView("\x17\x72\x45\x38\x50\x90", 6);
    }
    return false;
}
} // namespace

/// Feeds a hash context on a thread of its own, in order, from copies of the bytes read. The parsing thread copies a
/// chunk (memcpy, ~10x faster than SHA-256) and goes on; the queue is short, so a slower hasher holds it back rather
/// than letting copies pile up. Takes over only after the first bytes (kInlineHashBytes): small files, of which a
/// bundle may hold thousands, are hashed inline without a thread.
class BackgroundHash
{
public:
    explicit BackgroundHash(EVP_MD_CTX* context)
        : m_context(context)
        , m_queue(8)
    {
        m_thread = std::thread([this] { run(); });
    }

    ~BackgroundHash()
    {
        m_queue.close();
        m_thread.join();
    }

    void add(const char* data, int64_t size)
    {
        {
            const std::lock_guard lock(m_mutex);
            ++m_added;
        }
        m_queue.push(QByteArray(data, static_cast<qsizetype>(size)));
    }

    /// Waits until every chunk added so far is in the context; the context is then this thread's to read.
    void drain()
    {
        std::unique_lock lock(m_mutex);
        m_progress.wait(lock, [this] { return m_hashed == m_added; });
    }

private:
    void run()
    {
        while (std::optional<QByteArray> chunk = m_queue.pop()) {
            EVP_DigestUpdate(m_context, chunk->constData(), static_cast<size_t>(chunk->size()));
            {
                const std::lock_guard lock(m_mutex);
                ++m_hashed;
            }
            m_progress.notify_all();
        }
    }

    EVP_MD_CTX* m_context;
    BoundedQueue<QByteArray> m_queue;
    std::mutex m_mutex;
    std::condition_variable m_progress;
    int64_t m_added = 0;
    int64_t m_hashed = 0;
    std::thread m_thread; // last: started once the members above exist
};

namespace
{
constexpr int64_t kInlineHashBytes = int64_t(8) * 1024 * 1024;
} // namespace

LineReader::LineReader(const QString& path, int64_t maxLineLength)
    : m_file(std::make_unique<FileSource>(path))
    , m_source(m_file.get())
    , m_maxLine(maxLineLength)
    , m_hash(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(m_hash, EVP_sha256(), nullptr);
}

LineReader::LineReader(ByteSource* source, int64_t maxLineLength, InflateLimits limits)
    : m_source(source)
    , m_limits(limits)
    , m_maxLine(maxLineLength)
    , m_hash(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(m_hash, EVP_sha256(), nullptr);
}

LineReader::~LineReader()
{
    m_background.reset(); // joins its thread before the context goes
    EVP_MD_CTX_free(m_hash);
    if (m_zs) {
        inflateEnd(m_zs);
        delete m_zs;
    }
    if (m_archive)
        archive_read_free(m_archive);
}

void LineReader::fail(const QString& message)
{
    if (m_error.isEmpty())
        m_error = message;
    m_eof = true;
}

bool LineReader::open()
{
    if (m_file && !m_file->open()) {
        fail(m_file->errorString());
        return false;
    }
    m_rawSize = std::max<int64_t>(m_source->size(), 0);
    m_buf.resize(kChunk * 2);
    // Read the magic bytes as plain text first; they move to the decompressor when the input is compressed.
    while (m_end < kMagicBytes && !m_rawEof) {
        const int64_t n = readSource(m_buf.data() + m_end, kChunk);
        if (n < 0)
            return true; // a read error: next() reports it, like any later one
        m_end += static_cast<qsizetype>(n);
    }
    if (startsWith(m_buf, m_end, "\x1f\x8b")) {
        m_codec = Codec::Gzip;
        m_zs = new z_stream{};
        // 15 + 32: accept gzip and zlib headers.
        if (inflateInit2(m_zs, 15 + 32) != Z_OK) {
            fail(QCoreApplication::translate("LineReader", "cannot initialise gzip decompression"));
            return false;
        }
        m_raw.resize(kChunk);
        std::memcpy(m_raw.data(), m_buf.constData(), static_cast<size_t>(m_end));
        m_zs->next_in = reinterpret_cast<Bytef*>(m_raw.data());
        m_zs->avail_in = static_cast<uInt>(m_end);
        m_end = 0;
    } else if (isArchiveFilterMagic(m_buf, m_end)) {
        m_codec = Codec::Archive;
        m_raw.resize(kChunk);
        std::memcpy(m_raw.data(), m_buf.constData(), static_cast<size_t>(m_end));
        m_pending = m_end;
        m_end = 0;
        m_archive = archive_read_new();
        archive_read_support_filter_all(m_archive);
        archive_read_support_format_raw(m_archive);
        struct archive_entry* entry = nullptr;
        if (archive_read_open(m_archive, this, nullptr, &LineReader::archiveRead, nullptr) != ARCHIVE_OK
            || archive_read_next_header(m_archive, &entry) != ARCHIVE_OK)
        {
            fail(QCoreApplication::translate("LineReader", "cannot read compressed data: %1")
                     .arg(QString::fromUtf8(archive_error_string(m_archive))));
        }
    } else {
        m_textBytes = m_end;
    }
    return true;
}

int64_t LineReader::readSource(char* target, int64_t room)
{
    const int64_t n = m_source->read(target, room);
    if (n < 0) {
        fail(QCoreApplication::translate("LineReader", "%1 after line %2").arg(m_source->errorString()).arg(m_lineNumber));
        return -1;
    }
    if (n == 0) {
        m_rawEof = true;
        return 0;
    }
    if (!m_background && m_rawRead >= kInlineHashBytes)
        m_background = std::make_unique<BackgroundHash>(m_hash);
    if (m_background)
        m_background->add(target, n);
    else
        EVP_DigestUpdate(m_hash, target, static_cast<size_t>(n));
    m_rawRead += n;
    return n;
}

int64_t LineReader::archiveRead(struct archive* a, void* self, const void** buffer)
{
    auto* reader = static_cast<LineReader*>(self);
    *buffer = reader->m_raw.constData();
    if (reader->m_pending > 0) {
        const int64_t n = reader->m_pending;
        reader->m_pending = 0;
        return n;
    }
    if (reader->m_rawEof)
        return 0;
    const int64_t n = reader->readSource(reader->m_raw.data(), reader->m_raw.size());
    if (n < 0)
        archive_set_error(a, EIO, "%s", reader->m_error.toUtf8().constData());
    return n < 0 ? ARCHIVE_FATAL : n;
}

bool LineReader::checkInflated()
{
    const int64_t consumed = m_codec == Codec::Gzip ? m_rawRead - m_zs->avail_in : archive_filter_bytes(m_archive, -1);
    if (m_limits.ratioExceeded(m_textBytes, consumed)) {
        m_limitHit = true;
        fail(QCoreApplication::translate("LineReader", "decompression stopped after line %1: %2 bytes inflated from "
                                                       "%3 (more than %4:1, a decompression bomb?)")
                 .arg(m_lineNumber)
                 .arg(m_textBytes)
                 .arg(consumed)
                 .arg(m_limits.maxRatio));
        return false;
    }
    if (m_textBytes > m_limits.maxEntryBytes) {
        m_limitHit = true;
        fail(QCoreApplication::translate("LineReader", "decompression stopped after line %1: more than %2 bytes")
                 .arg(m_lineNumber)
                 .arg(m_limits.maxEntryBytes));
        return false;
    }
    return true;
}

bool LineReader::fillFromArchive()
{
    const la_ssize_t n =
        archive_read_data(m_archive, m_buf.data() + m_end, static_cast<size_t>(m_buf.size() - m_end));
    if (n < 0) {
        fail(QCoreApplication::translate("LineReader", "corrupt compressed data after line %1: %2")
                 .arg(m_lineNumber)
                 .arg(QString::fromUtf8(archive_error_string(m_archive))));
        return false;
    }
    if (n == 0) {
        m_rawEof = true;
        return false;
    }
    m_end += n;
    m_textBytes += n;
    return checkInflated();
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
        if (m_codec == Codec::Plain) {
            if (m_rawEof)
                return false;
            const int64_t n = readSource(m_buf.data() + m_end, m_buf.size() - m_end);
            if (n <= 0)
                return false;
            m_end += static_cast<qsizetype>(n);
            m_textBytes += n;
            continue;
        }
        if (m_codec == Codec::Archive) {
            if (!fillFromArchive())
                return false;
            continue;
        }
        if (m_zs->avail_in == 0) {
            if (!m_rawEof) {
                const int64_t n = readSource(m_raw.data(), m_raw.size());
                if (n < 0)
                    return false;
                m_zs->next_in = reinterpret_cast<Bytef*>(m_raw.data());
                m_zs->avail_in = static_cast<uInt>(n);
            }
            if (m_rawEof) {
                if (!m_memberEnded)
                    fail(QCoreApplication::translate("LineReader",
                                                     "compressed data ends early (truncated gzip) after line %1")
                             .arg(m_lineNumber));
                return false;
            }
        }
        m_zs->next_out = reinterpret_cast<Bytef*>(m_buf.data() + m_end);
        m_zs->avail_out = static_cast<uInt>(m_buf.size() - m_end);
        const int rc = inflate(m_zs, Z_NO_FLUSH);
        const qsizetype produced = m_buf.size() - m_zs->avail_out - m_end;
        m_end += produced;
        m_textBytes += produced;
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members are one file to gzip(1): reset and continue with the next member if any.
            m_memberEnded = true;
            inflateReset(m_zs);
        } else if (rc == Z_OK || rc == Z_BUF_ERROR) {
            if (produced > 0)
                m_memberEnded = false;
        } else if (m_memberEnded) {
            // Bytes after a complete member that are not another member: gzip(1) ignores trailing garbage too.
            m_rawEof = true;
            m_zs->avail_in = 0;
            return false;
        } else {
            fail(QCoreApplication::translate("LineReader", "corrupt compressed data after line %1: %2")
                     .arg(m_lineNumber)
                     .arg(QString::fromLatin1(m_zs->msg ? m_zs->msg : "inflate error")));
            return false;
        }
        if (produced > 0 && !checkInflated())
            return false;
    }
    return true;
}

void LineReader::noteSkippedLine()
{
    ++m_skippedCount;
    if (m_skipped.size() < SourceStats::kMaxErrors)
        m_skipped.append(
            {m_lineNumber,
             QCoreApplication::translate("LineReader", "line longer than %1 bytes skipped").arg(m_maxLine)});
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

QByteArrayView LineReader::peekText(qsizetype bytes)
{
    while (m_end - m_begin < bytes && fill()) {
    }
    return QByteArrayView(m_buf.constData() + m_begin, std::min(bytes, m_end - m_begin));
}

bool LineReader::skipToEnd()
{
    if (m_codec == Codec::Archive)
        m_pending = 0; // already counted and hashed when read for the magic bytes
    if (m_raw.isEmpty())
        m_raw.resize(kChunk);
    while (!m_rawEof) {
        if (readSource(m_raw.data(), m_raw.size()) < 0)
            return false;
    }
    m_eof = true;
    return true;
}

QByteArray LineReader::sha256Hex() const
{
    if (m_background)
        m_background->drain();
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
            *error = QCoreApplication::translate("LineReader", "cannot open: %1").arg(errnoText(errno));
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
            *error = QCoreApplication::translate("LineReader", "read error: %1").arg(errnoText(readErrno));
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
