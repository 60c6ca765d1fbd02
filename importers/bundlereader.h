// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bytesource.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace ShimScope
{

/// One entry of a bundle: a file to read, or something refused or broken, always with a name.
struct BundleEntry
{
    enum class Kind
    {
        File,     ///< read it through BundleReader::content()
        Rejected, ///< not read on purpose (link, device node, unsafe name, encrypted, over a limit): see reason
        Failed,   ///< the archive is damaged here; reason names the archive and the entry
    };
    Kind kind = Kind::File;
    /// The entry's name relative to the input, normalised (see BundleReader). Entries of a bundle inside the
    /// bundle are named "<the inner bundle's name>!/<name inside it>", e.g. "logs/host1.tar.gz!/var/log/audit.log".
    QString path;
    QString reason;
    int64_t size = -1;   ///< size as stored in the bundle (after the archive's own decompression), -1 unknown
    QString host;        ///< host named by the collector layout of the innermost bundle that holds the entry
    QString diskPath;    ///< the file on disk for entries of a folder (empty inside archives)
};

/// What was found about one archive or folder of an input (the input itself, or an archive inside it).
struct BundleInfo
{
    QString input;    ///< the input it belongs to (set by ImportJob)
    QString path;     ///< empty for the input itself, else its name like BundleEntry::path
    QString kind;     ///< "folder", "zip", "tar", "tar.gz", "tar.xz", "tar.bz2", "tar.zst", …
    QString layout;   ///< collector layout recognised: "UAC", "Velociraptor", "CyLR", "var/log tree", or empty
    QString host;     ///< host named by the layout (metadata file or bundle name), or empty
    QString hostEvidence; ///< where the host came from, for the summary
    QByteArray sha256Hex; ///< of the archive as stored (empty for folders)
    int64_t size = 0;
    int64_t entries = 0;
    QString error;    ///< set when the archive could not be read to its end
};

/**
 * Enumerates the entries of an input — a folder (recursively), a zip (QuaZip; zip64 included), a tar, tar.gz,
 * tar.xz, tar.bz2 or tar.zst (libarchive), or a single log file (plain or compressed) — and opens bundles found
 * inside it one level deep (a .tar.gz inside a zip, a zip inside a folder). Kinds are told by magic bytes, never
 * by name.
 *
 * Nothing is extracted: entries are streamed (content() is a ByteSource over the archive entry), so a hostile name
 * can never write anywhere. The one exception is a zip inside another archive: QuaZip needs a seekable device to
 * read the central directory at the end, so that inner zip is copied into a QTemporaryDir first (within the
 * InflateLimits) and deleted when done.
 *
 * Names are data: decoded as UTF-8, with invalid bytes and control characters shown as \xNN, backslashes taken
 * as separators, "." and empty components dropped. Entries whose name is absolute or has a ".." component are
 * rejected ("zip slip"); so are links (symbolic and hard: never followed), device nodes, FIFOs and sockets,
 * encrypted zip entries, unsupported zip methods, and entries over the InflateLimits (declared or found while
 * reading). A damaged archive yields a Failed entry naming the archive and the entry, and the entries before it
 * (for zips: all other entries) are still delivered.
 */
class BundleReader
{
public:
    explicit BundleReader(QString input, InflateLimits limits = {});
    ~BundleReader();
    BundleReader(const BundleReader&) = delete;
    BundleReader& operator=(const BundleReader&) = delete;

    /// False with error() when the input does not exist or cannot be read at all.
    bool open();
    QString error() const { return m_error; }
    /// The input's kind: "folder", "file" (a single log, plain or compressed) or an archive kind ("zip", …).
    QString kind() const { return m_kind; }
    bool isFolder() const { return m_kind == QLatin1String("folder"); }

    /// The next entry; false when there are no more. Directory entries are not reported.
    bool next(BundleEntry* entry);
    /// The bytes of the current File entry; valid until the next call of next().
    ByteSource* content();

    /// Bytes of the input as stored (file size; a folder's files together), for progress.
    int64_t totalBytes() const { return m_total; }
    /// Bytes of the input consumed so far (of totalBytes()).
    int64_t consumedBytes() const;
    /// Archives and folders finished since the last call, innermost first.
    QList<BundleInfo> takeFinished();

    /// The archive kind of data starting with `head` ("zip", "tar", "tar.gz", …), or empty when it is not one.
    /// For compressed data the first bytes are decompressed in memory to look for a tar header.
    static QString archiveKind(QByteArrayView head);
    /// A stored name made safe to show and to use as a path inside the case; `problem` is set when the entry
    /// must be rejected (absolute path, ".." component, empty).
    static QString normaliseName(QByteArrayView raw, QString* problem);
    /// Recognises a collector layout from the bundle's own name and the names of its entries.
    static void detectLayout(const QString& bundleName, const QStringList& names, BundleInfo* info);

    class Level;

private:
    bool pushNested(const BundleEntry& entry, const QString& kind, std::unique_ptr<ByteSource> bytes);
    void finishTop();
    QString hostFor() const;

    QString m_input;
    InflateLimits m_limits;
    QString m_kind;
    QString m_error;
    int64_t m_total = 0;
    int64_t m_inflatedTotal = 0; ///< inflated bytes of the whole input (InflateLimits::maxBundleBytes)
    std::vector<std::unique_ptr<Level>> m_levels;
    ByteSource* m_content = nullptr;
    std::unique_ptr<ByteSource> m_currentPeek; ///< the current entry's bytes (a PeekSource over the level's source)
    QList<BundleInfo> m_finished;
};

} // namespace ShimScope
