// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bytesource.h"
#include "importstats.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <memory>

typedef struct z_stream_s z_stream;
typedef struct evp_md_ctx_st EVP_MD_CTX;
struct archive;

namespace ShimScope
{

/**
 * Reads a text log line by line, plain or compressed (gzip with zlib; xz, bzip2 and zstd through libarchive;
 * detected by magic bytes, not by name), in constant memory. While reading it hashes the bytes as stored
 * (SHA-256) and counts them, so an import reads each file exactly once for provenance, progress and parsing.
 *
 * The bytes come from a file path or from any ByteSource (an archive entry), so entries are read in place,
 * never extracted. Decompression stops with an error when the output outgrows the InflateLimits (bombs).
 *
 * Lines longer than maxLineLength are skipped and reported; a file that shrinks, vanishes or whose compressed
 * data is corrupt ends with error() naming the last good line.
 */
class LineReader
{
public:
    static constexpr int64_t kDefaultMaxLineLength = 64LL * 1024 * 1024;

    explicit LineReader(const QString& path, int64_t maxLineLength = kDefaultMaxLineLength);
    /// Reads from source (not owned; it must outlive the reader).
    explicit LineReader(ByteSource* source, int64_t maxLineLength = kDefaultMaxLineLength,
                        InflateLimits limits = {});
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    /// Opens the input; false with error() set when it cannot be read (missing, a directory, no permission).
    bool open();
    /// The next line without its newline; the view stays valid until the next call. False at the end or on error.
    bool next(QByteArrayView* line);
    /// At most `bytes` of the text not yet handed out by next(), decompressed, without consuming it (for format
    /// detection of a stream that cannot be read twice). Valid until the next call of next() or peekText().
    QByteArrayView peekText(qsizetype bytes);
    /// Reads the rest of the input as stored, without decompressing it, so sha256Hex() covers the whole input.
    /// For inputs no importer takes. False on a read error.
    bool skipToEnd();

    int64_t lineNumber() const { return m_lineNumber; }
    int64_t rawBytesRead() const { return m_rawRead; }
    int64_t rawSize() const { return m_rawSize; }
    /// Decompressed bytes produced so far (equal to rawBytesRead() for plain input).
    int64_t textBytes() const { return m_textBytes; }
    bool isCompressed() const { return m_codec != Codec::Plain; }
    bool failed() const { return !m_error.isEmpty(); }
    /// True when decompression stopped at an InflateLimits limit (a likely decompression bomb).
    bool limitHit() const { return m_limitHit; }
    QString error() const { return m_error; }
    /// Lines skipped by the reader itself (too long), with their numbers.
    const QList<RecordError>& skippedLines() const { return m_skipped; }
    int64_t skippedLineCount() const { return m_skippedCount; }
    /// SHA-256 of every byte read so far; the whole file's hash once next() returned false without error.
    QByteArray sha256Hex() const;

    /// SHA-256 of a whole file as stored (for files no importer reads, so every source still has its hash).
    static QByteArray sha256OfFile(const QString& path, QString* error = nullptr);
    /// Reads the first decompressed bytes of a file for format detection (at most `bytes`).
    static QByteArray peek(const QString& path, int bytes, QString* error = nullptr);

private:
    enum class Codec
    {
        Plain,
        Gzip,
        Archive, ///< xz, bzip2, zstd, lzma: libarchive's "raw" format over our own read callback
    };

    bool fill();
    bool fillFromArchive();
    int64_t readSource(char* target, int64_t room);
    bool checkInflated();
    void fail(const QString& message);
    void noteSkippedLine();
    static int64_t archiveRead(struct archive* a, void* self, const void** buffer);

    std::unique_ptr<FileSource> m_file; ///< set when reading a path
    ByteSource* m_source = nullptr;
    InflateLimits m_limits;
    int64_t m_maxLine;
    Codec m_codec = Codec::Plain;
    bool m_rawEof = false;
    bool m_eof = false;
    bool m_limitHit = false;
    bool m_memberEnded = false; ///< the last gzip member ended cleanly
    z_stream* m_zs = nullptr;
    struct archive* m_archive = nullptr;
    qsizetype m_pending = 0; ///< bytes read for magic detection, handed to libarchive first
    QByteArray m_raw;       ///< compressed input buffer
    QByteArray m_buf;       ///< decompressed text
    qsizetype m_begin = 0;  ///< start of unread text in m_buf
    qsizetype m_end = 0;    ///< end of valid text in m_buf
    bool m_discarding = false; ///< inside an over-long line
    int64_t m_lineNumber = 0;
    int64_t m_rawRead = 0;
    int64_t m_rawSize = 0;
    int64_t m_textBytes = 0;
    int64_t m_skippedCount = 0;
    QList<RecordError> m_skipped;
    QString m_error;
    EVP_MD_CTX* m_hash = nullptr; ///< OpenSSL: SHA-NI/AVX2 accelerated, ~5x QCryptographicHash here
    /// Takes over m_hash on a thread of its own once an input is large (hashing was a quarter of the parsing
    /// thread's time on a 1.5 GB log); defined in linereader.cpp.
    std::unique_ptr<class BackgroundHash> m_background;
};

} // namespace ShimScope
