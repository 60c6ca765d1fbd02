// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditdparser.h"
#include "logparser.h"

namespace ShimScope
{

const QList<LogFormat>& logFormats()
{
    // Most specific first: detection takes the first format that claims a file.
    static const QList<LogFormat> formats = {
        {QStringLiteral("auditd"), QStringLiteral("Linux audit (auditd)"),
         [](QByteArrayView firstLines, const QString&) { return AuditdParser::looksLikeAudit(firstLines); },
         [](LogParser::Sink sink, const QByteArray& host) -> std::unique_ptr<LogParser> {
             return std::make_unique<AuditdParser>(std::move(sink), host);
         }},
    };
    return formats;
}

} // namespace ShimScope
