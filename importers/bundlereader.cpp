// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundlereader.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/unzip.h>

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <sys/stat.h>

namespace ShimScope
{

namespace
{
constexpr qsizetype kChunk = 256 * 1024;
/// Bytes looked at to tell an archive from a log. bzip2 decompresses whole blocks (up to 900 kB compressed), so
/// its first tar header can only be seen after a whole block.
constexpr qsizetype kHeadBytes = 64 * 1024;
constexpr qsizetype kBzip2HeadBytes = 1024 * 1024;
/// Collector metadata files (hostname, client_info.json) larger than this are not metadata.
constexpr qint64 kMaxMetadataBytes = 64 * 1024;
/// Archives inside archives are opened this many levels deep (the input itself is level 1; a folder is level 0).
constexpr int kMaxArchiveDepth = 2;

QString tr(const char* text)
{
    return QCoreApplication::translate("BundleReader", text);
}

QString sha256Hex(EVP_MD_CTX* context)
{
    EVP_MD_CTX* copy = EVP_MD_CTX_new();
    EVP_MD_CTX_copy_ex(copy, context);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(copy, digest, &length);
    EVP_MD_CTX_free(copy);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length)).toHex());
}

bool isManifestName(const QString& path)
{
    const QString name = path.section(QLatin1Char('/'), -1).toLower();
    return name.endsWith(QLatin1String(".sha256")) || name == QLatin1String("sha256sums")
        || name == QLatin1String("manifest.txt") || name.startsWith(QLatin1String("manifest.sha"));
}

/// Sorts names as a folder listing would, checksum manifests last (they are checked against what was read).
void sortNames(QStringList* names)
{
    names->sort();
    std::stable_partition(names->begin(), names->end(), [](const QString& n) { return !isManifestName(n); });
}

/**
 * A source that remembers its first bytes so they can be looked at (archive or log?) and still be read, and that
 * hashes and counts everything passing through: the SHA-256 of a nested archive is that of its bytes as stored in
 * the outer one.
 */
class PeekSource : public ByteSource
{
public:
    explicit PeekSource(ByteSource* inner, std::unique_ptr<ByteSource> owned = {})
        : m_owned(std::move(owned))
        , m_inner(inner ? inner : m_owned.get())
        , m_hash(EVP_MD_CTX_new())
    {
        EVP_DigestInit_ex(m_hash, EVP_sha256(), nullptr);
    }
    ~PeekSource() override { EVP_MD_CTX_free(m_hash); }
    PeekSource(const PeekSource&) = delete;
    PeekSource& operator=(const PeekSource&) = delete;

    /// Up to `bytes` first bytes (fewer at the end or on error), read once and replayed by read().
    QByteArrayView head(qsizetype bytes)
    {
        while (m_head.size() < bytes && !m_innerEnd) {
            const qsizetype want = bytes - m_head.size();
            const qsizetype old = m_head.size();
            m_head.resize(old + want);
            const int64_t n = m_inner->read(m_head.data() + old, want);
            m_head.resize(old + std::max<qsizetype>(static_cast<qsizetype>(n), 0));
            if (n < 0) {
                m_error = m_inner->errorString();
                m_innerEnd = true;
            } else if (n == 0) {
                m_innerEnd = true;
            } else {
                if (m_hashing) // else startHash() hashes the head, if this source turns out to be an archive
                    EVP_DigestUpdate(m_hash, m_head.constData() + old, static_cast<size_t>(n));
                m_count += n;
            }
        }
        return QByteArrayView(m_head).first(std::min(bytes, m_head.size()));
    }

    int64_t read(char* data, int64_t maxSize) override
    {
        if (m_pos < m_head.size()) {
            const qsizetype n = std::min<qsizetype>(static_cast<qsizetype>(maxSize), m_head.size() - m_pos);
            std::memcpy(data, m_head.constData() + m_pos, static_cast<size_t>(n));
            m_pos += n;
            return n;
        }
        if (!m_error.isEmpty())
            return -1;
        if (m_innerEnd)
            return 0;
        const int64_t n = m_inner->read(data, maxSize);
        if (n < 0) {
            m_error = m_inner->errorString();
        } else if (n == 0) {
            m_innerEnd = true;
        } else {
            if (m_hashing)
                EVP_DigestUpdate(m_hash, data, static_cast<size_t>(n));
            m_count += n;
        }
        return n;
    }
    QString errorString() const override { return m_error; }
    int64_t size() const override { return m_inner->size(); }
    bool limitHit() const override { return m_inner->limitHit(); }

    /// Reads what is left (for the hash of a nested archive whose reader stopped before its end).
    void drain()
    {
        QByteArray buffer(kChunk, Qt::Uninitialized);
        m_pos = m_head.size();
        while (read(buffer.data(), buffer.size()) > 0) {
        }
    }
    /// Hashes the bytes as stored from here on, the head included. Only archives need this hash (a log's own
    /// LineReader hashes what it reads): hashing every plain log here too cost two extra SHA-256 passes, 60 % of
    /// the instructions of a 100k-event import under callgrind and ~1.8 s of the parsing thread at 1M events.
    /// Call it before the first read(), right after the head decided what the source is.
    void startHash()
    {
        if (m_hashing)
            return;
        EVP_DigestUpdate(m_hash, m_head.constData(), static_cast<size_t>(m_head.size()));
        m_hashing = true;
    }
    QString sha256() const { return sha256Hex(m_hash); }
    int64_t count() const { return m_count; }

private:
    std::unique_ptr<ByteSource> m_owned;
    ByteSource* m_inner;
    QByteArray m_head;
    qsizetype m_pos = 0;
    bool m_innerEnd = false;
    QString m_error;
    int64_t m_count = 0;
    bool m_hashing = false;
    EVP_MD_CTX* m_hash;
};

/// Applies the InflateLimits to one entry of an archive; `total` is shared by every entry of the input.
struct Inflation
{
    const InflateLimits* limits = nullptr;
    int64_t* total = nullptr;

    /// Empty when within the limits, else why the entry is stopped.
    QString check(int64_t inflated, int64_t consumed, int64_t delta) const
    {
        *total += delta;
        if (limits->ratioExceeded(inflated, consumed))
            return tr("stopped after %1 bytes inflated from %2 stored (over %3:1: a decompression bomb?)")
                .arg(inflated)
                .arg(consumed)
                .arg(limits->maxRatio);
        if (inflated > limits->maxEntryBytes)
            return tr("stopped: larger than %1 bytes when inflated").arg(limits->maxEntryBytes);
        if (*total > limits->maxBundleBytes)
            return tr("stopped: the bundle inflates to more than %1 bytes in all").arg(limits->maxBundleBytes);
        return {};
    }
};

QString fileTypeReason(mode_t type, const QString& target)
{
    switch (type) {
    case AE_IFLNK:
        return tr("symbolic link to \"%1\" (links are not followed)").arg(target);
    case AE_IFCHR:
        return tr("character device node (not read)");
    case AE_IFBLK:
        return tr("block device node (not read)");
    case AE_IFIFO:
        return tr("FIFO (named pipe, not read)");
    case AE_IFSOCK:
        return tr("socket (not read)");
    default:
        return tr("not a regular file (type %1, not read)").arg(static_cast<int>(type), 0, 8);
    }
}
} // namespace

// ---------------------------------------------------------------------------------------------------------------
// Levels: one per folder or archive being enumerated; nested archives push a level on top of the one holding them.

class BundleReader::Level
{
public:
    virtual ~Level() = default;
    /// The next entry (name relative to this level) and, for files, its bytes. False at the end.
    virtual bool next(BundleEntry* entry, ByteSource** source) = 0;
    /// Bytes of this level's own input consumed so far.
    virtual int64_t consumed() const = 0;

    BundleInfo info;
    QString prefix;                      ///< prepended to entry names ("" or "<outer name>!/")
    int depth = 0;                       ///< archives from the input down to this one
    /// The archive's own bytes as stored in what holds it (the input file, the outer entry): hashed and counted
    /// as they pass, drained when the level ends so the hash covers the whole archive.
    std::unique_ptr<ByteSource> stored;
    std::unique_ptr<ByteSource> ownSource; ///< what a level reads when not `stored` (a zip read as a stream)
    std::unique_ptr<QTemporaryDir> spill;  ///< a zip inside an archive, copied out so QuaZip can seek
    bool layoutChecked = false;
};

namespace
{

/// A folder on disk, recursively; links are listed as rejected and never followed.
class FolderLevel : public BundleReader::Level
{
public:
    explicit FolderLevel(const QString& root)
        : m_root(QFileInfo(root).absoluteFilePath())
    {
        QDirIterator it(m_root, QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        const QDir base(m_root);
        while (it.hasNext()) {
            const QFileInfo fileInfo(it.next());
            if (fileInfo.isDir() && !fileInfo.isSymLink())
                continue;
            m_names.append(base.relativeFilePath(fileInfo.absoluteFilePath()));
        }
        sortNames(&m_names);
    }

    const QStringList& names() const { return m_names; }
    QString absolute(const QString& name) const { return m_root + QLatin1Char('/') + name; }

    bool next(BundleEntry* entry, ByteSource** source) override
    {
        if (m_index >= m_names.size())
            return false;
        if (m_current)
            m_done += m_current->size() > 0 ? m_current->size() : 0;
        m_current.reset();
        const QString name = m_names.at(m_index++);
        const QString path = absolute(name);
        entry->path = name;
        entry->diskPath = path;
        struct stat st = {};
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
            entry->kind = BundleEntry::Kind::Failed;
            entry->reason = tr("vanished while the folder was read");
            return true;
        }
        entry->size = st.st_size;
        if (!S_ISREG(st.st_mode)) {
            entry->kind = BundleEntry::Kind::Rejected;
            entry->reason = fileTypeReason(st.st_mode & S_IFMT, QFileInfo(path).symLinkTarget());
            return true;
        }
        m_current = std::make_unique<FileSource>(path);
        if (!m_current->open()) {
            entry->kind = BundleEntry::Kind::Failed;
            entry->reason = m_current->errorString();
            m_current.reset();
            return true;
        }
        entry->kind = BundleEntry::Kind::File;
        *source = m_current.get();
        return true;
    }
    int64_t consumed() const override { return m_done + (m_current ? m_current->bytesRead() : 0); }

private:
    QString m_root;
    QStringList m_names;
    qsizetype m_index = 0;
    int64_t m_done = 0;
    std::unique_ptr<FileSource> m_current;
};

/// A single log file given as the input (plain or compressed: LineReader decompresses it).
class FileLevel : public BundleReader::Level
{
public:
    explicit FileLevel(std::unique_ptr<PeekSource> source, QString name)
        : m_source(std::move(source))
        , m_name(std::move(name))
    {
    }
    bool next(BundleEntry* entry, ByteSource** source) override
    {
        if (m_given)
            return false;
        m_given = true;
        entry->kind = BundleEntry::Kind::File;
        entry->path = m_name;
        entry->size = m_source->size();
        *source = m_source.get();
        return true;
    }
    int64_t consumed() const override { return m_source->count(); }

private:
    std::unique_ptr<PeekSource> m_source;
    QString m_name;
    bool m_given = false;
};

/// One member of a zip, read raw through QuaZip and inflated here: the ratio check then sees exactly how many
/// compressed bytes made the output, and the CRC is checked when the entry ends.
class ZipEntrySource : public ByteSource
{
public:
    ZipEntrySource(QuaZip* zip, const unz_file_info64& info, QString archive, QString name, Inflation inflation)
        : m_file(zip)
        , m_info(info)
        , m_archive(std::move(archive))
        , m_name(std::move(name))
        , m_inflation(inflation)
    {
    }
    ~ZipEntrySource() override
    {
        if (m_zsReady)
            inflateEnd(&m_zs);
    }
    ZipEntrySource(const ZipEntrySource&) = delete;
    ZipEntrySource& operator=(const ZipEntrySource&) = delete;

    bool open()
    {
        int method = 0;
        int level = 0;
        if (!m_file.open(QIODevice::ReadOnly, &method, &level, true)) {
            m_error = tr("%1: %2: cannot open the entry (zip error %3)").arg(m_archive, m_name).arg(m_file.getZipError());
            return false;
        }
        if (m_info.compression_method == Z_DEFLATED) {
            if (inflateInit2(&m_zs, -MAX_WBITS) != Z_OK) {
                m_error = tr("%1: %2: cannot initialise inflate").arg(m_archive, m_name);
                return false;
            }
            m_zsReady = true;
        }
        m_in.resize(kChunk);
        return true;
    }

    int64_t read(char* data, int64_t maxSize) override
    {
        if (!m_error.isEmpty())
            return -1;
        if (m_done)
            return 0;
        int64_t n = 0;
        if (!m_zsReady) {
            n = m_file.read(data, maxSize);
            if (n < 0)
                return fail(tr("read error"));
            m_consumed += n;
            if (n == 0 || m_consumed >= static_cast<int64_t>(m_info.compressed_size))
                m_done = n == 0 || m_consumed >= static_cast<int64_t>(m_info.compressed_size);
        } else {
            m_zs.next_out = reinterpret_cast<Bytef*>(data);
            m_zs.avail_out = static_cast<uInt>(std::min<int64_t>(maxSize, 1 << 30));
            while (m_zs.avail_out == static_cast<uInt>(std::min<int64_t>(maxSize, 1 << 30))) {
                if (m_zs.avail_in == 0) {
                    const int64_t got = m_file.read(m_in.data(), m_in.size());
                    if (got < 0)
                        return fail(tr("read error"));
                    if (got == 0)
                        return fail(tr("compressed data ends early (truncated or corrupt entry)"));
                    m_consumed += got;
                    m_zs.next_in = reinterpret_cast<Bytef*>(m_in.data());
                    m_zs.avail_in = static_cast<uInt>(got);
                }
                const int rc = inflate(&m_zs, Z_NO_FLUSH);
                if (rc == Z_STREAM_END) {
                    m_done = true;
                    break;
                }
                if (rc != Z_OK && rc != Z_BUF_ERROR)
                    return fail(tr("corrupt compressed data: %1").arg(QString::fromLatin1(m_zs.msg ? m_zs.msg : "inflate error")));
            }
            n = static_cast<int64_t>(std::min<int64_t>(maxSize, 1 << 30) - m_zs.avail_out);
        }
        m_crc = crc32(m_crc, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(n));
        m_out += n;
        const QString limit = m_inflation.check(m_out, m_consumed, n);
        if (!limit.isEmpty()) {
            m_limitHit = true;
            return fail(limit);
        }
        if (m_done && (m_crc != m_info.crc || m_out != static_cast<int64_t>(m_info.uncompressed_size)))
            return fail(tr("CRC or size mismatch: the entry is corrupt"));
        return n;
    }
    QString errorString() const override { return m_error; }
    int64_t size() const override { return static_cast<int64_t>(m_info.uncompressed_size); }
    bool limitHit() const override { return m_limitHit; }

private:
    int64_t fail(const QString& why)
    {
        if (m_error.isEmpty())
            m_error = tr("%1: %2: %3").arg(m_archive, m_name, why);
        return -1;
    }

    QuaZipFile m_file;
    unz_file_info64 m_info;
    QString m_archive;
    QString m_name;
    Inflation m_inflation;
    z_stream m_zs = {};
    bool m_zsReady = false;
    QByteArray m_in;
    bool m_done = false;
    bool m_limitHit = false;
    int64_t m_consumed = 0;
    int64_t m_out = 0;
    uLong m_crc = crc32(0, nullptr, 0);
    QString m_error;
};

/// A zip read through QuaZip: the central directory gives every name first (for the layout), then entries in
/// stored order.
class ZipLevel : public BundleReader::Level
{
public:
    ZipLevel(const QString& path, QString archiveName, Inflation inflation)
        : m_zip(path)
        , m_archiveName(std::move(archiveName))
        , m_inflation(inflation)
    {
    }

    /// False when QuaZip cannot read the archive (no central directory: truncated).
    bool open()
    {
        if (!m_zip.open(QuaZip::mdUnzip))
            return false;
        m_more = m_zip.goToFirstFile();
        return m_zip.getZipError() == UNZ_OK;
    }

    /// Every entry name (normalised), for layout detection.
    QStringList names()
    {
        QStringList names;
        for (bool more = m_zip.goToFirstFile(); more; more = m_zip.goToNextFile()) {
            unz_file_info64 zinfo = {};
            QString problem;
            const QString name = normaliseCurrent(&zinfo, &problem);
            if (problem.isEmpty() && !name.endsWith(QLatin1Char('/')))
                names.append(name);
            if (names.size() > m_inflation.limits->maxEntries)
                break;
        }
        m_more = m_zip.goToFirstFile();
        return names;
    }

    /// A small metadata file by its normalised name (empty when absent, encrypted or too large).
    QByteArray readSmall(const QString& wanted)
    {
        QByteArray content;
        for (bool more = m_zip.goToFirstFile(); more; more = m_zip.goToNextFile()) {
            unz_file_info64 zinfo = {};
            QString problem;
            if (normaliseCurrent(&zinfo, &problem) != wanted || !problem.isEmpty())
                continue;
            if (!(zinfo.flag & 1) && zinfo.uncompressed_size <= static_cast<ZPOS64_T>(kMaxMetadataBytes)) {
                QuaZipFile file(&m_zip);
                if (file.open(QIODevice::ReadOnly))
                    content = file.read(kMaxMetadataBytes);
            }
            break;
        }
        m_more = m_zip.goToFirstFile();
        return content;
    }

    bool next(BundleEntry* entry, ByteSource** source) override
    {
        m_current.reset(); // closes the entry before moving to the next one
        for (;;) {
            if (m_started && m_more)
                m_more = m_zip.goToNextFile();
            m_started = true;
            if (!m_more) {
                const int error = m_zip.getZipError();
                if (error != UNZ_OK && error != UNZ_END_OF_LIST_OF_FILE && !m_reported) {
                    m_reported = true;
                    entry->kind = BundleEntry::Kind::Failed;
                    entry->path = m_lastName;
                    entry->reason =
                        tr("%1: cannot read the entry after \"%2\" (zip error %3)").arg(m_archiveName, m_lastName).arg(error);
                    info.error = entry->reason;
                    return true;
                }
                return false;
            }
            unz_file_info64 zinfo = {};
            QString problem;
            const QString name = normaliseCurrent(&zinfo, &problem);
            m_lastName = name;
            ++info.entries;
            if (info.entries > m_inflation.limits->maxEntries) {
                m_more = false;
                m_reported = true;
                entry->kind = BundleEntry::Kind::Failed;
                entry->path = name;
                entry->reason = tr("%1: more than %2 entries; the rest is not read")
                                    .arg(m_archiveName)
                                    .arg(m_inflation.limits->maxEntries);
                info.error = entry->reason;
                return true;
            }
            if (problem.isEmpty() && (name.isEmpty() || name.endsWith(QLatin1Char('/'))))
                continue; // a directory
            entry->path = name;
            entry->size = static_cast<int64_t>(zinfo.uncompressed_size);
            entry->kind = BundleEntry::Kind::Rejected;
            // Unix permissions (and so the file type) are in the high half of the external attributes of entries
            // made on Unix (the "version made by" host byte is 3).
            const uint32_t unixMode = (zinfo.version >> 8) == 3 ? static_cast<uint32_t>(zinfo.external_fa >> 16) : 0;
            const uint32_t type = unixMode & S_IFMT;
            const InflateLimits& limits = *m_inflation.limits;
            if (!problem.isEmpty()) {
                entry->reason = problem;
            } else if (type != 0 && type != S_IFREG && type != S_IFDIR) {
                entry->reason = fileTypeReason(type, type == S_IFLNK && !(zinfo.flag & 1) ? readLinkTarget() : QString());
            } else if (zinfo.flag & 1) {
                entry->reason = tr("encrypted: no password given, not read");
            } else if (zinfo.compression_method != 0 && zinfo.compression_method != Z_DEFLATED) {
                entry->reason = tr("compression method %1 is not supported (only stored and deflate)")
                                    .arg(zinfo.compression_method);
            } else if (static_cast<int64_t>(zinfo.uncompressed_size) > limits.maxEntryBytes) {
                entry->reason = tr("declared size of %1 bytes is over the limit of %2")
                                    .arg(zinfo.uncompressed_size)
                                    .arg(limits.maxEntryBytes);
            } else if (limits.ratioExceeded(static_cast<int64_t>(zinfo.uncompressed_size),
                                            static_cast<int64_t>(zinfo.compressed_size)))
            {
                entry->reason = tr("declared to inflate from %1 to %2 bytes (over %3:1: a decompression bomb?)")
                                    .arg(zinfo.compressed_size)
                                    .arg(zinfo.uncompressed_size)
                                    .arg(limits.maxRatio);
            } else {
                auto content = std::make_unique<ZipEntrySource>(&m_zip, zinfo, m_archiveName, name, m_inflation);
                if (content->open()) {
                    entry->kind = BundleEntry::Kind::File;
                    m_current = std::move(content);
                    *source = m_current.get();
                } else {
                    entry->kind = BundleEntry::Kind::Failed;
                    entry->reason = content->errorString();
                }
            }
            return true;
        }
    }

    int64_t consumed() const override
    {
        QIODevice* device = const_cast<QuaZip&>(m_zip).getIoDevice();
        return device ? device->pos() : 0;
    }

private:
    QString normaliseCurrent(unz_file_info64* zinfo, QString* problem)
    {
        QByteArray raw(65536, '\0');
        if (unzGetCurrentFileInfo64(m_zip.getUnzFile(), zinfo, raw.data(), static_cast<uLong>(raw.size()), nullptr,
                                    0, nullptr, 0)
            != UNZ_OK)
        {
            *problem = tr("unreadable entry header");
            return {};
        }
        raw.truncate(static_cast<qsizetype>(std::min<uLong>(zinfo->size_filename, static_cast<uLong>(raw.size()))));
        const bool directory = raw.endsWith('/') || raw.endsWith('\\');
        QString name = BundleReader::normaliseName(raw, problem);
        if (directory && problem->isEmpty() && !name.isEmpty())
            name += QLatin1Char('/');
        return name;
    }

    QString readLinkTarget()
    {
        QuaZipFile file(&m_zip);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return BundleReader::normaliseName(file.read(4096), nullptr);
    }

    QuaZip m_zip;
    QString m_archiveName;
    Inflation m_inflation;
    bool m_more = false;
    bool m_started = false;
    bool m_reported = false;
    QString m_lastName;
    std::unique_ptr<ZipEntrySource> m_current;
};

class StreamLevel;

/// One entry of a libarchive stream (tar members; zip members when a zip has to be read as a stream).
class StreamEntrySource : public ByteSource
{
public:
    StreamEntrySource(struct archive* a, QString archive, QString name, int64_t size, Inflation inflation)
        : m_archive(a)
        , m_archiveName(std::move(archive))
        , m_name(std::move(name))
        , m_size(size)
        , m_inflation(inflation)
        , m_start(archive_filter_bytes(a, -1))
    {
    }
    int64_t read(char* data, int64_t maxSize) override
    {
        if (!m_error.isEmpty())
            return -1;
        const la_ssize_t n = archive_read_data(m_archive, data, static_cast<size_t>(maxSize));
        if (n < 0) {
            m_error = tr("%1: %2: %3").arg(m_archiveName, m_name, QString::fromUtf8(archive_error_string(m_archive)));
            return -1;
        }
        m_out += n;
        const QString limit = m_inflation.check(m_out, archive_filter_bytes(m_archive, -1) - m_start, n);
        if (!limit.isEmpty()) {
            m_limitHit = true;
            m_error = tr("%1: %2: %3").arg(m_archiveName, m_name, limit);
            return -1;
        }
        return n;
    }
    QString errorString() const override { return m_error; }
    int64_t size() const override { return m_size; }
    bool limitHit() const override { return m_limitHit; }

private:
    struct archive* m_archive;
    QString m_archiveName;
    QString m_name;
    int64_t m_size;
    Inflation m_inflation;
    int64_t m_start;
    int64_t m_out = 0;
    bool m_limitHit = false;
    QString m_error;
};

/// A tar (plain or compressed) or a zip without a readable central directory, streamed by libarchive from a
/// ByteSource through a read callback: nothing is extracted, and a nested archive is read from its outer entry.
class StreamLevel : public BundleReader::Level
{
public:
    StreamLevel(ByteSource* source, QString archiveName, Inflation inflation, bool zipStream)
        : m_source(source)
        , m_archiveName(std::move(archiveName))
        , m_inflation(inflation)
        , m_archive(archive_read_new())
        , m_buffer(kChunk, Qt::Uninitialized)
    {
        archive_read_support_filter_all(m_archive);
        if (zipStream)
            archive_read_support_format_zip_streamable(m_archive);
        else
            archive_read_support_format_tar(m_archive);
        m_opened = archive_read_open(m_archive, this, nullptr, &StreamLevel::readCallback, nullptr) == ARCHIVE_OK;
    }
    ~StreamLevel() override { archive_read_free(m_archive); }
    StreamLevel(const StreamLevel&) = delete;
    StreamLevel& operator=(const StreamLevel&) = delete;

    bool next(BundleEntry* entry, ByteSource** source) override
    {
        m_current.reset();
        for (;;) {
            if (m_ended)
                return false;
            struct archive_entry* header = nullptr;
            const int rc = m_opened ? archive_read_next_header(m_archive, &header) : ARCHIVE_FATAL;
            if (rc == ARCHIVE_EOF) {
                m_ended = true;
                return false;
            }
            if (rc < ARCHIVE_WARN) {
                // Nothing after a damaged header can be trusted in a stream: report and stop this archive.
                m_ended = true;
                entry->kind = BundleEntry::Kind::Failed;
                entry->path = m_lastName;
                const QString why = QString::fromUtf8(archive_error_string(m_archive));
                entry->reason = m_lastName.isEmpty()
                    ? tr("%1: cannot read the archive: %2").arg(m_archiveName, why)
                    : tr("%1: cannot read past \"%2\": %3").arg(m_archiveName, m_lastName, why);
                info.error = entry->reason;
                return true;
            }
            const char* rawName = archive_entry_pathname(header);
            QString problem;
            QString name = BundleReader::normaliseName(rawName ? QByteArrayView(rawName) : QByteArrayView(), &problem);
            m_lastName = name;
            ++info.entries;
            if (info.entries > m_inflation.limits->maxEntries) {
                m_ended = true;
                entry->kind = BundleEntry::Kind::Failed;
                entry->path = name;
                entry->reason = tr("%1: more than %2 entries; the rest is not read").arg(m_archiveName)
                                    .arg(m_inflation.limits->maxEntries);
                info.error = entry->reason;
                return true;
            }
            const mode_t type = archive_entry_filetype(header);
            if (type == AE_IFDIR && problem.isEmpty())
                continue;
            if (m_names.size() < 64)
                m_names.append(name);
            entry->path = name;
            entry->size = archive_entry_size_is_set(header) ? archive_entry_size(header) : -1;
            entry->kind = BundleEntry::Kind::Rejected;
            if (const char* link = archive_entry_hardlink(header)) {
                entry->reason = tr("hard link to \"%1\" (links are not followed)").arg(BundleReader::normaliseName(link, nullptr));
            } else if (!problem.isEmpty()) {
                entry->reason = problem;
            } else if (type != AE_IFREG) {
                const char* target = archive_entry_symlink(header);
                entry->reason = fileTypeReason(type, target ? BundleReader::normaliseName(target, nullptr) : QString());
            } else if (archive_entry_is_encrypted(header)) {
                entry->reason = tr("encrypted: no password given, not read");
            } else if (entry->size > m_inflation.limits->maxEntryBytes) {
                entry->reason = tr("declared size %1 bytes is over the limit of %2").arg(entry->size)
                                    .arg(m_inflation.limits->maxEntryBytes);
            } else {
                entry->kind = BundleEntry::Kind::File;
                m_current = std::make_unique<StreamEntrySource>(m_archive, m_archiveName, name, entry->size, m_inflation);
                *source = m_current.get();
            }
            return true;
        }
    }
    int64_t consumed() const override { return m_consumed; }
    const QStringList& firstNames() const { return m_names; }
    QString filterName() const
    {
        const int code = m_opened && archive_filter_count(m_archive) > 1 ? archive_filter_code(m_archive, 0) : 0;
        switch (code) {
        case ARCHIVE_FILTER_GZIP:
            return QStringLiteral(".gz");
        case ARCHIVE_FILTER_XZ:
            return QStringLiteral(".xz");
        case ARCHIVE_FILTER_BZIP2:
            return QStringLiteral(".bz2");
        case ARCHIVE_FILTER_ZSTD:
            return QStringLiteral(".zst");
        case ARCHIVE_FILTER_LZMA:
            return QStringLiteral(".lzma");
        default:
            return {};
        }
    }

private:
    static la_ssize_t readCallback(struct archive* a, void* self, const void** buffer)
    {
        auto* level = static_cast<StreamLevel*>(self);
        *buffer = level->m_buffer.constData();
        const int64_t n = level->m_source->read(level->m_buffer.data(), level->m_buffer.size());
        if (n < 0) {
            archive_set_error(a, EIO, "%s", level->m_source->errorString().toUtf8().constData());
            return ARCHIVE_FATAL;
        }
        level->m_consumed += n;
        return static_cast<la_ssize_t>(n);
    }

    ByteSource* m_source;
    QString m_archiveName;
    Inflation m_inflation;
    struct archive* m_archive;
    QByteArray m_buffer;
    bool m_opened = false;
    bool m_ended = false;
    int64_t m_consumed = 0;
    QString m_lastName;
    QStringList m_names;
    std::unique_ptr<StreamEntrySource> m_current;
};

/// Decompresses the start of `head` in memory (libarchive, any filter) to see what is inside.
QByteArray decompressedStart(QByteArrayView head, qsizetype bytes)
{
    struct archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_raw(a);
    QByteArray out;
    struct archive_entry* entry = nullptr;
    if (archive_read_open_memory(a, head.data(), static_cast<size_t>(head.size())) == ARCHIVE_OK
        && archive_read_next_header(a, &entry) == ARCHIVE_OK && archive_filter_count(a) > 1)
    {
        out.resize(bytes);
        qsizetype got = 0;
        la_ssize_t n = 0;
        while (got < bytes && (n = archive_read_data(a, out.data() + got, static_cast<size_t>(bytes - got))) > 0)
            got += n;
        out.resize(got);
    }
    archive_read_free(a);
    return out;
}

QString compressionSuffix(QByteArrayView head)
{
    if (head.startsWith("\x1f\x8b"))
        return QStringLiteral(".gz");
    if (head.startsWith(QByteArrayView("\xfd" "7zXZ\0", 6)))
        return QStringLiteral(".xz");
    if (head.startsWith("BZh"))
        return QStringLiteral(".bz2");
    if (head.startsWith("\x28\xb5\x2f\xfd"))
        return QStringLiteral(".zst");
    return {};
}

bool isTarHeader(QByteArrayView block)
{
    return block.size() >= 262 && block.sliced(257, 5) == QByteArrayView("ustar");
}

QString baseName(const QString& path)
{
    QString name = path.section(QLatin1Char('/'), -1);
    if (name.endsWith(QLatin1String("!")))
        name.chop(1);
    static const QRegularExpression suffix(QStringLiteral("(\\.(zip|tar|tgz|txz|tbz2?|gz|xz|bz2|zst))+$"),
                                           QRegularExpression::CaseInsensitiveOption);
    return name.remove(suffix);
}

/// A host name as a collector wrote it: one line of printable characters, no spaces, not too long.
QString cleanHost(QByteArrayView raw)
{
    const QString host = QString::fromUtf8(raw).trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
    if (host.isEmpty() || host.size() > 253)
        return {};
    for (const QChar c : host) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('.') || c == QLatin1Char('_')))
            return {};
    }
    return host;
}

/// The name of a metadata file in `names`, at the root or below a single top folder.
QString findName(const QStringList& names, const QString& relative)
{
    for (const QString& name : names) {
        if (name == relative || (name.endsWith(QLatin1Char('/') + relative) && name.count(QLatin1Char('/')) <= relative.count(QLatin1Char('/')) + 1))
            return name;
    }
    return {};
}

/// Applies collector metadata (UAC hostname.txt, Velociraptor client_info.json) read by `readSmall`.
template<typename ReadSmall>
void applyMetadata(const QStringList& names, BundleInfo* info, ReadSmall readSmall)
{
    if (info->layout == QLatin1String("UAC")) {
        const QString file = findName(names, QStringLiteral("live_response/system/hostname.txt"));
        if (!file.isEmpty()) {
            if (const QString host = cleanHost(readSmall(file)); !host.isEmpty()) {
                info->host = host;
                info->hostEvidence = file;
            }
        }
    } else if (info->layout == QLatin1String("Velociraptor")) {
        for (const QString& base : {QStringLiteral("client_info.json"), QStringLiteral("collection_context.json")}) {
            const QString file = findName(names, base);
            if (file.isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(readSmall(file)).object();
            for (const char* key : {"Hostname", "hostname", "Fqdn", "fqdn", "HostName"}) {
                const QString host = cleanHost(o.value(QLatin1String(key)).toString().toUtf8());
                if (!host.isEmpty()) {
                    info->host = host;
                    info->hostEvidence = file;
                    return;
                }
            }
        }
    }
}
} // namespace

// ---------------------------------------------------------------------------------------------------------------

QString BundleReader::normaliseName(QByteArrayView raw, QString* problem)
{
    // Backslashes are separators (zips made on Windows); then valid UTF-8 stays, and anything else (invalid bytes,
    // C0/C1 controls, DEL) becomes a visible \xNN, so a name can neither drive a terminal nor hide a newline.
    QByteArray bytes = raw.toByteArray();
    bytes.replace('\\', '/');
    QString text;
    const QString decoded = QString::fromUtf8(bytes);
    if (decoded.toUtf8() == bytes) {
        for (const QChar c : decoded) {
            const char16_t u = c.unicode();
            if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0))
                text += QStringLiteral("\\x%1").arg(static_cast<int>(u), 2, 16, QLatin1Char('0'));
            else
                text += c;
        }
    } else {
        for (const char ch : std::as_const(bytes)) {
            const auto b = static_cast<unsigned char>(ch);
            if (b >= 0x20 && b < 0x7f)
                text += QLatin1Char(ch);
            else
                text += QStringLiteral("\\x%1").arg(static_cast<int>(b), 2, 16, QLatin1Char('0'));
        }
    }
    QString why;
    if (text.startsWith(QLatin1Char('/')))
        why = tr("absolute path (rejected: names must stay inside the bundle)");
    else if (text.size() >= 2 && text.at(1) == QLatin1Char(':') && text.at(0).isLetter())
        why = tr("absolute path with a drive letter (rejected: names must stay inside the bundle)");
    QStringList parts;
    for (const QString& part : text.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..") && why.isEmpty())
            why = tr("path with a \"..\" component (rejected: zip slip)");
        parts.append(part);
    }
    const QString name = parts.join(QLatin1Char('/'));
    if (name.isEmpty() && why.isEmpty() && !bytes.endsWith('/'))
        why = tr("empty name");
    if (problem)
        *problem = why;
    return name;
}

QString BundleReader::archiveKind(QByteArrayView head)
{
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06") || head.startsWith("PK\x07\x08"))
        return QStringLiteral("zip");
    if (isTarHeader(head))
        return QStringLiteral("tar");
    const QString suffix = compressionSuffix(head);
    if (suffix.isEmpty())
        return {};
    const QByteArray inner = decompressedStart(head, 512);
    if (isTarHeader(inner))
        return QStringLiteral("tar") + suffix;
    return {};
}

void BundleReader::detectLayout(const QString& bundleName, const QStringList& names, BundleInfo* info)
{
    static const QRegularExpression uacName(
        QStringLiteral("^uac-(.+)-(linux|macos|aix|freebsd|netbsd|openbsd|solaris|esxi|android|netscaler|haiku)"
                       "-(\\d{8,14})$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression veloName(QStringLiteral("^Collection-(.+?)-\\d{4}-?\\d{2}-?\\d{2}[T_ ].*$"));
    const QString base = baseName(bundleName);
    const QString top = names.isEmpty() ? QString() : names.first().section(QLatin1Char('/'), 0, 0);

    bool uac = false;
    bool velociraptor = false;
    bool varLog = false;
    bool allSystemRoots = !names.isEmpty();
    static const QStringList systemRoots = {
        QStringLiteral("var"),  QStringLiteral("etc"),  QStringLiteral("home"), QStringLiteral("root"),
        QStringLiteral("usr"),  QStringLiteral("opt"),  QStringLiteral("tmp"),  QStringLiteral("srv"),
        QStringLiteral("boot"), QStringLiteral("proc"), QStringLiteral("run"),  QStringLiteral("lib"),
        QStringLiteral("private"), QStringLiteral("Library"), QStringLiteral("Users"), QStringLiteral("System")};
    for (const QString& name : names) {
        uac = uac || name.contains(QLatin1String("live_response/")) || name.contains(QLatin1String("[root]/"))
            || name == QLatin1String("uac.log") || name.endsWith(QLatin1String("/uac.log"));
        velociraptor = velociraptor || name.startsWith(QLatin1String("uploads/auto/"))
            || name.startsWith(QLatin1String("uploads/file/")) || name == QLatin1String("client_info.json")
            || name == QLatin1String("collection_context.json");
        varLog = varLog || name.startsWith(QLatin1String("var/log/")) || name.contains(QLatin1String("/var/log/"));
        allSystemRoots = allSystemRoots && systemRoots.contains(name.section(QLatin1Char('/'), 0, 0));
    }
    if (const auto m = uacName.match(top); m.hasMatch()) {
        info->layout = QStringLiteral("UAC");
        info->host = m.captured(1);
        info->hostEvidence = tr("top folder \"%1\"").arg(top);
    } else if (const auto m = uacName.match(base); m.hasMatch()) {
        info->layout = QStringLiteral("UAC");
        info->host = m.captured(1);
        info->hostEvidence = tr("bundle name \"%1\"").arg(bundleName.section(QLatin1Char('/'), -1));
    } else if (uac) {
        info->layout = QStringLiteral("UAC");
    } else if (velociraptor) {
        info->layout = QStringLiteral("Velociraptor");
        if (const auto m = veloName.match(base); m.hasMatch()) {
            info->host = m.captured(1);
            info->hostEvidence = tr("bundle name \"%1\"").arg(bundleName.section(QLatin1Char('/'), -1));
        }
    } else if (allSystemRoots && info->kind == QLatin1String("zip") && !base.isEmpty()) {
        // CyLR names its zip after the host and stores the collected paths as they are on the system.
        info->layout = QStringLiteral("CyLR");
        info->host = cleanHost(base.toUtf8());
        info->hostEvidence = info->host.isEmpty() ? QString() : tr("bundle name \"%1\"").arg(bundleName.section(QLatin1Char('/'), -1));
    } else if (varLog) {
        info->layout = QStringLiteral("var/log tree");
    }
}

BundleReader::BundleReader(QString input, InflateLimits limits)
    : m_input(std::move(input))
    , m_limits(limits)
{
}

BundleReader::~BundleReader()
{
    // Entries before the levels that read them, levels innermost first (a nested level reads its outer's entry).
    m_currentPeek.reset();
    while (!m_levels.empty())
        m_levels.pop_back();
}

bool BundleReader::open()
{
    const QFileInfo fileInfo(m_input);
    if (fileInfo.isDir()) {
        auto level = std::make_unique<FolderLevel>(m_input);
        m_kind = QStringLiteral("folder");
        level->info.kind = m_kind;
        for (const QString& name : level->names())
            m_total += QFileInfo(level->absolute(name)).size();
        detectLayout(fileInfo.fileName(), level->names(), &level->info);
        FolderLevel* folder = level.get();
        applyMetadata(level->names(), &level->info, [folder](const QString& name) {
            QFile file(folder->absolute(name));
            return file.open(QIODevice::ReadOnly) ? file.read(kMaxMetadataBytes) : QByteArray();
        });
        level->layoutChecked = true;
        m_levels.push_back(std::move(level));
        return true;
    }
    auto file = std::make_unique<FileSource>(m_input);
    if (!fileInfo.exists() || !file->open()) {
        m_error = fileInfo.exists() ? file->errorString() : tr("no such file");
        return false;
    }
    m_total = file->size();
    auto stored = std::make_unique<PeekSource>(nullptr, std::move(file));
    const QByteArrayView head = stored->head(kHeadBytes);
    const QString kind = archiveKind(head.startsWith("BZh") ? stored->head(kBzip2HeadBytes) : head);
    if (kind.isEmpty()) {
        m_kind = QStringLiteral("file");
        m_levels.push_back(std::make_unique<FileLevel>(std::move(stored), fileInfo.fileName()));
        return true;
    }
    m_kind = kind;
    stored->startHash();
    BundleEntry self;
    self.path = fileInfo.fileName();
    self.diskPath = fileInfo.absoluteFilePath();
    self.size = m_total;
    if (!pushNested(self, kind, std::move(stored))) {
        m_error = tr("cannot read this %1").arg(kind);
        return false;
    }
    return true;
}

bool BundleReader::pushNested(const BundleEntry& entry, const QString& kind, std::unique_ptr<ByteSource> bytes)
{
    // The input itself: its entries are named relative to it. An archive inside: "<its name>!/<entry>".
    const bool isInput = m_levels.empty();
    const QString archiveName = entry.path;
    const Inflation inflation{&m_limits, &m_inflatedTotal};
    std::unique_ptr<Level> level;
    if (kind == QLatin1String("zip")) {
        // QuaZip needs a seekable device: a zip on disk is opened in place; a zip inside another archive is copied
        // into a temporary folder first (the outer entry's limits apply while copying), because its central
        // directory, at the end, must be read before the first entry.
        QString path = entry.diskPath;
        std::unique_ptr<QTemporaryDir> spill;
        if (path.isEmpty()) {
            spill = std::make_unique<QTemporaryDir>();
            path = spill->filePath(QStringLiteral("nested.zip"));
            QFile copy(path);
            if (!spill->isValid() || !copy.open(QIODevice::WriteOnly))
                return false;
            QByteArray buffer(kChunk, Qt::Uninitialized);
            int64_t n = 0;
            while ((n = bytes->read(buffer.data(), buffer.size())) > 0) {
                if (copy.write(buffer.constData(), n) != n)
                    return false;
            }
            copy.close();
            if (n < 0)
                return false;
        }
        auto zip = std::make_unique<ZipLevel>(path, archiveName, inflation);
        if (zip->open()) {
            zip->info.kind = kind;
            const QStringList names = zip->names();
            detectLayout(archiveName, names, &zip->info);
            ZipLevel* z = zip.get();
            applyMetadata(names, &zip->info, [z](const QString& name) { return z->readSmall(name); });
            zip->layoutChecked = true;
            level = std::move(zip);
        } else {
            // No readable central directory (a truncated zip): read what the local headers still give, in order.
            auto source = std::make_unique<FileSource>(path);
            if (!source->open())
                return false;
            auto stream = std::make_unique<StreamLevel>(source.get(), archiveName, inflation, true);
            stream->info.kind = kind;
            stream->info.error =
                tr("%1: the zip's central directory is missing (truncated?): entries read in stored order").arg(archiveName);
            stream->ownSource = std::move(source);
            level = std::move(stream);
        }
        level->spill = std::move(spill);
    } else {
        level = std::make_unique<StreamLevel>(bytes.get(), archiveName, inflation, false);
        level->info.kind = kind;
    }
    level->stored = std::move(bytes);
    level->info.path = isInput ? QString() : archiveName;
    level->prefix = isInput ? QString() : archiveName + QStringLiteral("!/");
    level->depth = isInput ? 1 : m_levels.back()->depth + 1;
    level->info.size = entry.size >= 0 ? entry.size : 0;
    m_levels.push_back(std::move(level));
    return true;
}

QString BundleReader::hostFor() const
{
    for (auto it = m_levels.rbegin(); it != m_levels.rend(); ++it) {
        if (!(*it)->info.host.isEmpty())
            return (*it)->info.host;
    }
    return {};
}

void BundleReader::finishTop()
{
    std::unique_ptr<Level> level = std::move(m_levels.back());
    m_levels.pop_back();
    BundleInfo info = level->info;
    if (dynamic_cast<FileLevel*>(level.get()))
        return; // a single log: not a bundle
    if (auto* stored = dynamic_cast<PeekSource*>(level->stored.get())) {
        stored->drain();
        info.sha256Hex = stored->sha256().toLatin1();
        info.size = stored->count();
    }
    m_finished.append(info);
}

bool BundleReader::next(BundleEntry* entry)
{
    m_content = nullptr;
    m_currentPeek.reset();
    while (!m_levels.empty()) {
        Level* level = m_levels.back().get();
        BundleEntry raw;
        ByteSource* source = nullptr;
        if (!level->next(&raw, &source)) {
            finishTop();
            continue;
        }
        if (!level->layoutChecked) {
            // A stream gives its names one by one: the first one (UAC's top folder) decides the layout.
            level->layoutChecked = true;
            detectLayout(level->info.path.isEmpty() ? m_input : level->info.path, {raw.path}, &level->info);
        }
        raw.path = level->prefix + raw.path;
        raw.host = hostFor();
        if (raw.kind != BundleEntry::Kind::File) {
            *entry = raw;
            return true;
        }
        // A file: a log, or a bundle inside the bundle?
        auto peek = std::make_unique<PeekSource>(source);
        QByteArrayView head = peek->head(kHeadBytes);
        if (head.startsWith("BZh"))
            head = peek->head(kBzip2HeadBytes);
        const QString kind = archiveKind(head);
        if (!kind.isEmpty()) {
            if (level->depth + 1 > kMaxArchiveDepth) {
                raw.kind = BundleEntry::Kind::Rejected;
                raw.reason = tr("%1 inside a bundle inside a bundle: not opened (bundles are read one level deep)")
                                 .arg(kind);
                *entry = raw;
                return true;
            }
            peek->startHash();
            if (!pushNested(raw, kind, std::move(peek))) {
                raw.kind = BundleEntry::Kind::Failed;
                raw.reason = tr("%1: cannot open this %2").arg(raw.path, kind);
                *entry = raw;
                return true;
            }
            continue;
        }
        m_currentPeek = std::move(peek);
        m_content = m_currentPeek.get();
        *entry = raw;
        return true;
    }
    return false;
}

ByteSource* BundleReader::content()
{
    return m_content;
}

int64_t BundleReader::consumedBytes() const
{
    return m_levels.empty() ? m_total : std::min(m_levels.front()->consumed(), m_total);
}

QList<BundleInfo> BundleReader::takeFinished()
{
    QList<BundleInfo> finished;
    finished.swap(m_finished);
    return finished;
}

} // namespace ShimScope
