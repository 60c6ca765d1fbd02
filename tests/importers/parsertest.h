// SPDX-License-Identifier: GPL-3.0-or-later
// Shared plumbing of the parser tests: reading sample and lab files (gzip-transparent), splitting them into lines,
// listing every sample file, and running one parser over a list of lines.
#pragma once

#include "execevent.h"
#include "importstats.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QPair>
#include <QString>

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace ShimScope::ParserTest
{

/// What one parser run produced.
struct Parsed
{
    QList<ExecEvent> events;
    SourceStats stats;
};

/// Which files readFile() decompresses.
enum class Gunzip
{
    ByContent, ///< any gzip data, whatever the name (gzread passes other files through unchanged)
    ByName,    ///< only *.gz files that are not *.tar.gz archives; everything else as stored on disk
};

/// The file's content, decompressed when it is gzip data; at most `limit` bytes when `limit` >= 0.
/// An unreadable file is fatal: a missing fixture must not pass as an empty one.
inline QByteArray readFile(const QString& path, qsizetype limit = -1, Gunzip gunzip = Gunzip::ByContent)
{
    if (gunzip == Gunzip::ByName
        && (!path.endsWith(QLatin1String(".gz")) || path.endsWith(QLatin1String(".tar.gz"))))
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        return limit < 0 ? file.readAll() : file.read(limit);
    }
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!gz)
        qFatal("cannot open %s", qPrintable(path));
    QByteArray out;
    char buffer[65536];
    int n = 0;
    while ((limit < 0 || out.size() < limit) && (n = gzread(gz, buffer, sizeof buffer)) > 0)
        out.append(buffer, n);
    gzclose(gz);
    return limit < 0 ? out : out.left(limit);
}

/// The lines of `data` without their '\n' (a '\r' stays: parsers must cope with it); what follows the final
/// newline is not a line.
inline QByteArrayList splitLines(const QByteArray& data)
{
    QByteArrayList lines = data.split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

/// The (decompressed) file's lines, as splitLines() cuts them.
inline QByteArrayList readLines(const QString& path)
{
    return splitLines(readFile(path));
}

/// At most the first `bytes` of the (decompressed) file, as format detection sees it.
inline QByteArray head(const QString& path, int bytes = 64 * 1024, Gunzip gunzip = Gunzip::ByContent)
{
    return readFile(path, bytes, gunzip);
}

/// Every sample file of every format folder (recursively) except PROVENANCE.md, as (folder name relative to the
/// samples dir, absolute path), sorted.
inline QList<QPair<QString, QString>> allSampleFiles()
{
    QList<QPair<QString, QString>> files;
    const QDir root(QStringLiteral(SHIMSCOPE_SAMPLES_DIR));
    QDirIterator it(root.absolutePath(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
    {
        const QString path = it.next();
        if (path.endsWith(QLatin1String("PROVENANCE.md")))
            continue;
        const QString relative = root.relativeFilePath(path);
        files.append({relative.section(QLatin1Char('/'), 0, 0), path});
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// Feeds `lines` (numbered from 1) to a ParserT(sink, defaultHost), finishes it, and returns its events and stats.
template<typename ParserT>
Parsed parseLines(const QByteArrayList& lines, const QByteArray& defaultHost)
{
    Parsed result;
    ParserT parser([&result](ExecEvent&& event) { result.events.append(std::move(event)); }, defaultHost);
    int64_t lineNumber = 0;
    for (const QByteArray& line : lines)
        parser.feedLine(line, ++lineNumber);
    parser.finish();
    result.stats = parser.stats();
    return result;
}

} // namespace ShimScope::ParserTest
