// SPDX-License-Identifier: GPL-3.0-or-later
// Builds bundles at test time (libarchive's write API, QuaZip for encrypted and zip64 zips), reads members of real
// lab archives, and lists folders, for the bundle reader and bundle import tests.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <archive.h>
#include <archive_entry.h>
#include <sys/sysmacros.h>
#include <zlib.h>

#include <functional>

namespace ShimScope::BundleTest
{

/// One member to write: `data`, then `zeros` zero bytes (bombs, without holding them in memory).
struct Member
{
    Member(QByteArray name_, QByteArray data_ = {}, unsigned type_ = AE_IFREG, QByteArray link_ = {},
           bool hardlink_ = false, int64_t zeros_ = 0)
        : name(std::move(name_))
        , data(std::move(data_))
        , type(type_)
        , link(std::move(link_))
        , hardlink(hardlink_)
        , zeros(zeros_)
    {
    }
    QByteArray name;
    QByteArray data;
    unsigned type = AE_IFREG;
    QByteArray link;        ///< symlink target (AE_IFLNK) or hard link target (hardlink = true)
    bool hardlink = false;
    int64_t zeros = 0;
};

enum class Kind
{
    Tar,
    TarGz,
    TarXz,
    TarBz2,
    Zip,
};

/// Writes an archive with libarchive; fatal on any error (a broken fixture must not pass as a hostile one).
inline void writeArchive(const QString& path, Kind kind, const QList<Member>& members)
{
    struct archive* a = archive_write_new();
    if (kind == Kind::Zip) {
        archive_write_set_format_zip(a);
    } else {
        archive_write_set_format_pax_restricted(a);
        if (kind == Kind::TarGz)
            archive_write_add_filter_gzip(a);
        else if (kind == Kind::TarXz)
            archive_write_add_filter_xz(a);
        else if (kind == Kind::TarBz2)
            archive_write_add_filter_bzip2(a);
    }
    if (archive_write_open_filename(a, QFile::encodeName(path).constData()) != ARCHIVE_OK)
        qFatal("cannot create %s: %s", qPrintable(path), archive_error_string(a));
    const QByteArray zeros(1024 * 1024, '\0');
    for (const Member& m : members) {
        struct archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, m.name.constData());
        archive_entry_set_perm(e, 0644);
        archive_entry_set_mtime(e, 1764783300, 0);
        if (m.hardlink) {
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_hardlink(e, m.link.constData());
            archive_entry_set_size(e, 0);
        } else {
            archive_entry_set_filetype(e, m.type);
            if (m.type == AE_IFLNK)
                archive_entry_set_symlink(e, m.link.constData());
            if (m.type == AE_IFCHR)
                archive_entry_set_rdev(e, makedev(1, 3));
            archive_entry_set_size(e, m.type == AE_IFREG ? m.data.size() + m.zeros : 0);
        }
        if (archive_write_header(a, e) < ARCHIVE_WARN)
            qFatal("cannot write header %s: %s", m.name.constData(), archive_error_string(a));
        if (m.type == AE_IFREG && !m.hardlink) {
            if (!m.data.isEmpty() && archive_write_data(a, m.data.constData(), static_cast<size_t>(m.data.size())) < 0)
                qFatal("cannot write %s: %s", m.name.constData(), archive_error_string(a));
            if (m.zeros > 0) {
                for (int64_t left = m.zeros; left > 0; left -= zeros.size())
                    archive_write_data(a, zeros.constData(), static_cast<size_t>(std::min<int64_t>(left, zeros.size())));
            }
        }
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
}

/// A zip written with QuaZip: entries with a password are encrypted (PKWARE traditional encryption); zip64 forces
/// zip64 records for every entry.
inline void writeQuaZip(const QString& path, const QList<QPair<QString, QByteArray>>& files, const char* password,
                        const QStringList& encrypted = {}, bool zip64 = false)
{
    QuaZip zip(path);
    zip.setZip64Enabled(zip64);
    if (!zip.open(QuaZip::mdCreate))
        qFatal("cannot create %s", qPrintable(path));
    for (const auto& [name, data] : files) {
        QuaZipFile out(&zip);
        const bool secret = encrypted.contains(name);
        const uLong crc = crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(data.constData()),
                                static_cast<uInt>(data.size()));
        if (!out.open(QIODevice::WriteOnly, QuaZipNewInfo(name), secret ? password : nullptr, crc))
            qFatal("cannot add %s", qPrintable(name));
        out.write(data);
        out.close();
    }
    zip.close();
}

/// The content of one member of a (compressed) tar, read with libarchive.
inline QByteArray tarMember(const QString& archivePath, const QByteArray& name)
{
    struct archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    QByteArray out;
    if (archive_read_open_filename(a, QFile::encodeName(archivePath).constData(), 65536) == ARCHIVE_OK) {
        struct archive_entry* e = nullptr;
        while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
            if (name != archive_entry_pathname(e))
                continue;
            char buffer[65536];
            la_ssize_t n;
            while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0)
                out.append(buffer, static_cast<qsizetype>(n));
            break;
        }
    }
    archive_read_free(a);
    if (out.isEmpty())
        qFatal("%s has no member %s", qPrintable(archivePath), name.constData());
    return out;
}

/// Every path under `root` (recursively, hidden ones too), relative and sorted: to prove nothing was written.
inline QStringList listTree(const QString& root)
{
    QStringList names;
    QDirIterator it(root, QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        names.append(QDir(root).relativeFilePath(it.next()));
    names.sort();
    return names;
}

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

inline void writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace ShimScope::BundleTest
