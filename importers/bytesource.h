// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <algorithm>
#include <cstdint>

namespace ShimScope
{

/**
 * Limits against decompression bombs, applied wherever ShimScope inflates data it did not write: archive entries
 * (zip deflate, the compression of a tar.gz/tar.xz/tar.bz2) and compressed members read by LineReader (.gz, .xz,
 * .bz2, .zst). Nothing is ever inflated to disk, so a bomb costs time, not space: the limits bound that time and
 * stop an entry quickly. Compared against the compressed bytes consumed so far, so a bomb is caught after
 * kRatioFloorBytes of output, not after its whole declared size.
 */
struct InflateLimits
{
    /// Below this many inflated bytes the ratio is not checked: small files of repeated lines compress very well
    /// and are harmless. 32 MiB of zeros inflate in a few milliseconds.
    static constexpr int64_t kRatioFloorBytes = 32LL * 1024 * 1024;
    /// Real logs compress 10-50:1 with deflate and up to a few hundred to one with xz; deflate cannot go beyond
    /// about 1032:1, so 1000:1 is only reached by runs of one repeated byte, which no execution log is.
    static constexpr int64_t kMaxRatio = 1000;
    /// No single log of a collection is this large (auditd rotates at 8 MB by default).
    static constexpr int64_t kMaxEntryBytes = 64LL * 1024 * 1024 * 1024;
    /// Inflated bytes of all entries of one bundle together, nested bundles included.
    static constexpr int64_t kMaxBundleBytes = 256LL * 1024 * 1024 * 1024;
    /// Entries of one archive: each becomes a row in the case's sources; millions of empty entries are an attack.
    static constexpr int64_t kMaxEntries = 200000;

    int64_t ratioFloorBytes = kRatioFloorBytes;
    int64_t maxRatio = kMaxRatio;
    int64_t maxEntryBytes = kMaxEntryBytes;
    int64_t maxBundleBytes = kMaxBundleBytes;
    int64_t maxEntries = kMaxEntries;

    /// True when `inflated` bytes made from `consumed` compressed bytes break the ratio rule.
    bool ratioExceeded(int64_t inflated, int64_t consumed) const
    {
        return inflated > ratioFloorBytes && inflated / std::max<int64_t>(consumed, 1) >= maxRatio;
    }
};

/**
 * A forward-only stream of bytes: a file on disk, an entry of an archive, an entry of an archive inside an
 * archive. LineReader reads logs through one, so the same reader (hashing, counting, .gz decompression) serves
 * every kind of input without extracting anything to disk.
 */
class ByteSource
{
public:
    virtual ~ByteSource() = default;
    /// Up to maxSize bytes into data: the count, 0 at the end, -1 on error (then errorString() says why, naming
    /// the archive and the entry when there is one).
    virtual int64_t read(char* data, int64_t maxSize) = 0;
    virtual QString errorString() const = 0;
    /// The size as stored when known beforehand (a file's size, an entry's size from its header), else -1.
    virtual int64_t size() const { return -1; }
    /// True when reading stopped because an InflateLimits limit was reached (the entry is then rejected).
    virtual bool limitHit() const { return false; }
};

/// A regular file on disk, read with plain read(2) (sequential readahead requested).
class FileSource : public ByteSource
{
public:
    explicit FileSource(QString path);
    ~FileSource() override;
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    /// False with errorString() set when the path cannot be read as a regular file.
    bool open();
    int64_t read(char* data, int64_t maxSize) override;
    QString errorString() const override { return m_error; }
    int64_t size() const override { return m_size; }
    int64_t bytesRead() const { return m_read; }

private:
    QString m_path;
    QString m_error;
    int m_fd = -1;
    int64_t m_size = -1;
    int64_t m_read = 0;
};

} // namespace ShimScope
