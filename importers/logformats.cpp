// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditdparser.h"
#include "falcoparser.h"
#include "sysmonparser.h"
#include "tetragonparser.h"
#include "execsnoopparser.h"
#include "psparser.h"
#include "laurelparser.h"
#include "ecsparser.h"
#include "osqueryparser.h"
#include "logparser.h"

namespace ShimScope
{

const QList<LogFormat>& logFormats()
{
    // Most specific first: detection takes the first format that claims a file.
    static const QList<LogFormat> formats = {
        {QStringLiteral("execsnoop"), QStringLiteral("execsnoop / bpftrace exec trace (text)"), sniffExecsnoop,
         [](LogParser::Sink sink, const QByteArray& host) -> std::unique_ptr<LogParser> {
             return std::make_unique<ExecsnoopParser>(std::move(sink), host);
         }},
        {QStringLiteral("ps"), QStringLiteral("ps process snapshot"), sniffPs,
         [](LogParser::Sink sink, const QByteArray& host) -> std::unique_ptr<LogParser> {
             return std::make_unique<PsParser>(std::move(sink), host);
         }},
        {QStringLiteral("tetragon"), QStringLiteral("Cilium Tetragon JSON"), sniffTetragon,
         [](LogParser::Sink sink, const QByteArray& host) -> std::unique_ptr<LogParser> {
             return std::make_unique<TetragonParser>(std::move(sink), host);
         }},
        {QStringLiteral("sysmon-linux"), QStringLiteral("Sysmon for Linux"), sniffSysmon,
         [](LogParser::Sink sink, const QByteArray& host) -> std::unique_ptr<LogParser> {
             return std::make_unique<SysmonParser>(std::move(sink), host);
         }},
        {QStringLiteral("falco"), QStringLiteral("Falco JSON alerts"), sniffFalco,
         [](LogParser::Sink sink, const QByteArray& host) -> std::unique_ptr<LogParser> {
             return std::make_unique<FalcoParser>(std::move(sink), host);
         }},
        {QStringLiteral("laurel"), QStringLiteral("laurel (audit events as JSON lines)"), sniffLaurel,
         [](LogParser::Sink sink, const QByteArray& host) -> std::unique_ptr<LogParser> {
             return std::make_unique<LaurelParser>(std::move(sink), host);
         }},
        {QStringLiteral("osquery"), QStringLiteral("osquery results log (process_events)"), sniffOsquery,
         [](LogParser::Sink sink, const QByteArray& host) -> std::unique_ptr<LogParser> {
             return std::make_unique<OsqueryParser>(std::move(sink), host);
         }},
        {QStringLiteral("ecs"), QStringLiteral("Elastic ECS process documents"), sniffEcs,
         [](LogParser::Sink sink, const QByteArray& host) -> std::unique_ptr<LogParser> {
             return std::make_unique<EcsParser>(std::move(sink), host);
         }},
        {QStringLiteral("auditd"), QStringLiteral("Linux audit (auditd)"),
         [](QByteArrayView firstLines, const QString&) { return AuditdParser::looksLikeAudit(firstLines); },
         [](LogParser::Sink sink, const QByteArray& host) -> std::unique_ptr<LogParser> {
             return std::make_unique<AuditdParser>(std::move(sink), host);
         }},
    };
    return formats;
}

} // namespace ShimScope
