// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importstats.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>

typedef struct z_stream_s z_stream;
typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace ShimScope
{

/**
 * Reads a text log line by line, plain or gzip-compressed (detected by its magic bytes, not its name), in
 * constant memory. While reading it hashes the file's bytes as stored (SHA-256) and counts them, so an import
 * reads each file exactly once for provenance, progress and parsing.
 *
 * Lines longer than maxLineLength are skipped and reported; a file that shrinks, vanishes or whose compressed
 * data is corrupt ends with error() naming the last good line.
 */
class LineReader
{
public:
    static constexpr int64_t kDefaultMaxLineLength = 64LL * 1024 * 1024;

    explicit LineReader(const QString& path, int64_t maxLineLength = kDefaultMaxLineLength);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    /// Opens the file; false with error() set when it cannot be read (missing, a directory, no permission).
    bool open();
    /// The next line without its newline; the view stays valid until the next call. False at the end or on error.
    bool next(QByteArrayView* line);

    int64_t lineNumber() const { return m_lineNumber; }
    int64_t rawBytesRead() const { return m_rawRead; }
    int64_t rawSize() const { return m_rawSize; }
    bool isCompressed() const { return m_gzip; }
    bool failed() const { return !m_error.isEmpty(); }
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
    bool fill();
    bool readRaw();
    void fail(const QString& message);
    void noteSkippedLine();

    QString m_path;
    int64_t m_maxLine;
    int m_fd = -1;
    bool m_gzip = false;
    bool m_rawEof = false;
    bool m_eof = false;
    bool m_memberEnded = false; ///< the last gzip member ended cleanly
    z_stream* m_zs = nullptr;
    QByteArray m_raw;       ///< compressed input buffer (gzip only)
    QByteArray m_buf;       ///< decompressed text
    qsizetype m_begin = 0;  ///< start of unread text in m_buf
    qsizetype m_end = 0;    ///< end of valid text in m_buf
    bool m_discarding = false; ///< inside an over-long line
    int64_t m_lineNumber = 0;
    int64_t m_rawRead = 0;
    int64_t m_rawSize = 0;
    int64_t m_skippedCount = 0;
    QList<RecordError> m_skipped;
    QString m_error;
    EVP_MD_CTX* m_hash = nullptr; ///< OpenSSL: SHA-NI/AVX2 accelerated, ~5x QCryptographicHash here
};

} // namespace ShimScope
