// SPDX-License-Identifier: GPL-3.0-or-later
#include "formatsniffer.h"

#include "logparser.h"
#include "linereader.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace ShimScope
{

namespace
{
constexpr int kSniffBytes = 64 * 1024;

/// A short printable rendering of untrusted bytes for a message.
QString printable(QByteArrayView bytes)
{
    QString out;
    for (const char c : bytes.first(std::min<qsizetype>(bytes.size(), 48))) {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 0x20 && u < 0x7f) ? QChar::fromLatin1(c) : QChar(u'.');
    }
    return out;
}

QString archiveKind(const QByteArray& head)
{
    if (head.startsWith("PK\x03\x04"))
        return QStringLiteral("zip archive");
    if (head.size() > 262 && head.mid(257, 5) == "ustar")
        return QStringLiteral("tar archive");
    if (head.startsWith("\xfd" "7zXZ"))
        return QStringLiteral("xz-compressed file");
    if (head.startsWith("BZh"))
        return QStringLiteral("bzip2-compressed file");
    if (head.startsWith("SQLite format 3"))
        return QStringLiteral("SQLite database");
    return {};
}
} // namespace

SniffResult FormatSniffer::detect(const QString& path, const ParserContext& context)
{
    QFile raw(path);
    if (raw.open(QIODevice::ReadOnly)) {
        const QByteArray head = raw.read(512);
        if (const QString kind = archiveKind(head); !kind.isEmpty())
            return {{}, QStringLiteral("%1: bundles of this kind are not supported by this version").arg(kind)};
    }
    QString error;
    const QByteArray text = LineReader::peek(path, kSniffBytes, &error);
    if (!error.isEmpty())
        return {{}, error};
    if (text.isEmpty())
        return {{}, QStringLiteral("empty file")};
    const QString fileName = QFileInfo(path).fileName();
    for (const LogFormat& format : logFormats()) {
        if (format.sniff(text, fileName)) {
            if (const QString refusal = format.refuse ? format.refuse(text, context) : QString(); !refusal.isEmpty())
                return {{}, refusal};
            return {format.id, {}};
        }
    }
    const qsizetype eol = text.indexOf('\n');
    return {{},
            QStringLiteral("not a recognised execution log (starts with \"%1\")")
                .arg(printable(QByteArrayView(text).first(eol < 0 ? text.size() : eol)))};
}

} // namespace ShimScope
