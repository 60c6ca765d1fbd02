// SPDX-License-Identifier: GPL-3.0-or-later
#include "formatsniffer.h"

#include "bundlereader.h"
#include "logparser.h"
#include "linereader.h"

#include <QCoreApplication>
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

} // namespace

SniffResult FormatSniffer::detect(const QString& path, const ParserContext& context)
{
    QFile raw(path);
    if (raw.open(QIODevice::ReadOnly)) {
        const QByteArray head = raw.read(kSniffBytes);
        if (const QString kind = BundleReader::archiveKind(head); !kind.isEmpty())
            return {{}, QCoreApplication::translate("FormatSniffer", "%1 archive: a bundle, read entry by entry, not "
                                                                     "a log")
                            .arg(kind)};
    }
    QString error;
    const QByteArray text = LineReader::peek(path, kSniffBytes, &error);
    if (!error.isEmpty())
        return {{}, error};
    return detect(text, QFileInfo(path).fileName(), context);
}

SniffResult FormatSniffer::detect(QByteArrayView head, const QString& fileName, const ParserContext& context)
{
    const QByteArrayView text = head.first(std::min<qsizetype>(head.size(), kSniffBytes));
    if (text.isEmpty())
        return {{}, QCoreApplication::translate("FormatSniffer", "empty file")};
    if (text.startsWith("SQLite format 3"))
        return {{}, QCoreApplication::translate("FormatSniffer", "SQLite database: not an execution log")};
    for (const LogFormat& format : logFormats()) {
        if (format.sniff(text, fileName)) {
            if (const QString refusal = format.refuse ? format.refuse(text, context) : QString(); !refusal.isEmpty())
                return {{}, refusal};
            return {format.id, {}};
        }
    }
    const qsizetype eol = text.indexOf('\n');
    return {{},
            QCoreApplication::translate("FormatSniffer", "not a recognised execution log (starts with \"%1\")")
                .arg(printable(text.first(eol < 0 ? text.size() : eol)))};
}

} // namespace ShimScope
