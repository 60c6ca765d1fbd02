// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourceexcerpt.h"

#include "linereader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace ShimScope
{

namespace
{
/// The file the record was read from, if it is still on disk as a plain or compressed file.
QString locate(const QString& input, const QString& path, const QString& caseFile)
{
    QStringList bases{input};
    if (QFileInfo(input).isRelative() && !caseFile.isEmpty())
        bases.append(QFileInfo(caseFile).absoluteDir().filePath(input));
    for (const QString& base : std::as_const(bases)) {
        const QFileInfo info(base);
        if (info.isFile() && (path.isEmpty() || path == info.fileName()))
            return info.absoluteFilePath();
        if (info.isDir()) {
            // Names inside a folder are relative to it; never follow one out of it.
            const QString candidate = QDir::cleanPath(QDir(info.absoluteFilePath()).filePath(path));
            if (candidate.startsWith(QDir::cleanPath(info.absoluteFilePath()) + QLatin1Char('/'))
                && QFileInfo(candidate).isFile())
                return candidate;
        }
    }
    return {};
}

/// The auditd event id of a record line (`msg=audit(1796319332.100:3546)`), empty for other formats.
QByteArrayView auditId(QByteArrayView line)
{
    const qsizetype at = line.indexOf("msg=audit(");
    if (at < 0)
        return {};
    const qsizetype end = line.indexOf(')', at);
    return end < 0 ? QByteArrayView() : line.sliced(at + 10, end - at - 10);
}
} // namespace

SourceExcerpt readSourceExcerpt(const QString& input, const QString& path, const QString& caseFile, int64_t line,
                                const QString& recordId, const QString& sha256Hex, int maxLines,
                                const std::atomic_bool* cancel)
{
    SourceExcerpt excerpt;
    excerpt.firstLine = line;
    excerpt.file = locate(input, path, caseFile);
    if (excerpt.file.isEmpty()) {
        excerpt.error = QFileInfo(input).isFile() && !path.isEmpty() && path != QFileInfo(input).fileName()
            ? QCoreApplication::translate("SourceExcerpt", "the record is inside the bundle %1; open the bundle to read it").arg(input)
            : QCoreApplication::translate("SourceExcerpt", "the source file is no longer at %1").arg(QDir(input).filePath(path));
        return excerpt;
    }
    if (line <= 0) {
        excerpt.error = QCoreApplication::translate("SourceExcerpt", "the case holds no line number for this record");
        return excerpt;
    }
    LineReader reader(excerpt.file);
    if (!reader.open()) {
        excerpt.error = reader.error();
        return excerpt;
    }
    const QByteArray id = recordId.toUtf8();
    QByteArrayView text;
    QByteArray event; // the audit event id of the record's first line, when it has one
    bool collecting = true;
    while (reader.next(&text)) {
        if ((reader.lineNumber() & 0xffff) == 0 && cancel && cancel->load())
            return {0, excerpt.file, {}, line, {}, false, QCoreApplication::translate("SourceExcerpt", "cancelled")};
        if (!collecting && sha256Hex.isEmpty())
            break; // nothing to verify: the excerpt is complete
        if (!collecting || reader.lineNumber() < line)
            continue; // read on: the file's hash covers all of it
        if (reader.lineNumber() == line) {
            excerpt.lines.append(text.toByteArray());
            event = auditId(text).toByteArray();
            excerpt.verified = !id.isEmpty() && (event == id || text.contains(id));
            if (!event.isEmpty() && !excerpt.verified) {
                excerpt.lines.clear();
                excerpt.error = QCoreApplication::translate("SourceExcerpt", "line %1 of %2 no longer holds record %3: the file changed since it was imported")
                                    .arg(line)
                                    .arg(excerpt.file, recordId);
                return excerpt;
            }
            collecting = !event.isEmpty(); // one line per record in the other formats
            continue;
        }
        // The other records of the same audit event, which may be interleaved with other events' records.
        if (auditId(text) == QByteArrayView(event))
            excerpt.lines.append(text.toByteArray());
        if (excerpt.lines.size() >= maxLines || reader.lineNumber() > line + 4 * maxLines)
            collecting = false;
    }
    if (reader.failed()) {
        excerpt.lines.clear();
        excerpt.error = reader.error();
    } else if (excerpt.lines.isEmpty()) {
        excerpt.error = QCoreApplication::translate("SourceExcerpt", "%1 has fewer than %2 lines now").arg(excerpt.file).arg(line);
    } else if (!sha256Hex.isEmpty() && reader.sha256Hex() != sha256Hex.toLatin1()) {
        excerpt.lines.clear();
        excerpt.verified = false;
        excerpt.error = QCoreApplication::translate("SourceExcerpt", "%1 changed since it was imported (its SHA-256 is now %2, the case recorded %3)")
                            .arg(excerpt.file, QString::fromLatin1(reader.sha256Hex()), sha256Hex);
    } else if (!sha256Hex.isEmpty()) {
        excerpt.verified = true;
    }
    return excerpt;
}

} // namespace ShimScope
