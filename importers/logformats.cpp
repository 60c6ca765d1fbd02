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
#include "csvparser.h"
#include "logparser.h"

namespace ShimScope
{

const QList<LogFormat>& logFormats()
{
    // Most specific first: detection takes the first format that claims a file.
    static const QList<LogFormat> formats = {
        {QStringLiteral("execsnoop"), QStringLiteral("execsnoop / bpftrace exec trace (text)"), sniffExecsnoop,
         [](LogParser::Sink sink, const ParserContext& context) -> std::unique_ptr<LogParser> {
             return std::make_unique<ExecsnoopParser>(std::move(sink), context.defaultHost);
         }},
        {QStringLiteral("ps"), QStringLiteral("ps process snapshot"), sniffPs,
         [](LogParser::Sink sink, const ParserContext& context) -> std::unique_ptr<LogParser> {
             return std::make_unique<PsParser>(std::move(sink), context.defaultHost);
         }},
        {QStringLiteral("tetragon"), QStringLiteral("Cilium Tetragon JSON"), sniffTetragon,
         [](LogParser::Sink sink, const ParserContext& context) -> std::unique_ptr<LogParser> {
             return std::make_unique<TetragonParser>(std::move(sink), context.defaultHost);
         }},
        {QStringLiteral("sysmon-linux"), QStringLiteral("Sysmon for Linux"), sniffSysmon,
         [](LogParser::Sink sink, const ParserContext& context) -> std::unique_ptr<LogParser> {
             return std::make_unique<SysmonParser>(std::move(sink), context.defaultHost);
         }},
        {QStringLiteral("falco"), QStringLiteral("Falco JSON alerts"), sniffFalco,
         [](LogParser::Sink sink, const ParserContext& context) -> std::unique_ptr<LogParser> {
             return std::make_unique<FalcoParser>(std::move(sink), context.defaultHost);
         }},
        {QStringLiteral("laurel"), QStringLiteral("laurel (audit events as JSON lines)"), sniffLaurel,
         [](LogParser::Sink sink, const ParserContext& context) -> std::unique_ptr<LogParser> {
             return std::make_unique<LaurelParser>(std::move(sink), context.defaultHost);
         }},
        {QStringLiteral("osquery"), QStringLiteral("osquery results log (process_events)"), sniffOsquery,
         [](LogParser::Sink sink, const ParserContext& context) -> std::unique_ptr<LogParser> {
             return std::make_unique<OsqueryParser>(std::move(sink), context.defaultHost);
         }},
        {QStringLiteral("ecs"), QStringLiteral("Elastic ECS process documents"), sniffEcs,
         [](LogParser::Sink sink, const ParserContext& context) -> std::unique_ptr<LogParser> {
             return std::make_unique<EcsParser>(std::move(sink), context.defaultHost);
         }},
        {QStringLiteral("auditd"), QStringLiteral("Linux audit (auditd)"),
         [](QByteArrayView firstLines, const QString&) { return AuditdParser::looksLikeAudit(firstLines); },
         [](LogParser::Sink sink, const ParserContext& context) -> std::unique_ptr<LogParser> {
             return std::make_unique<AuditdParser>(std::move(sink), context.defaultHost);
         }},
        // Last: any delimited table with a header that nothing above claimed.
        {QStringLiteral("csv"), QStringLiteral("CSV / TSV export (column mapping)"), sniffCsv,
         [](LogParser::Sink sink, const ParserContext& context) -> std::unique_ptr<LogParser> {
             return std::make_unique<CsvParser>(std::move(sink), context.defaultHost,
                                                CsvParserOptions{context.csvMappings, context.csvMappingStorePath});
         },
         [](QByteArrayView firstLines, const ParserContext& context) {
             return refuseCsv(firstLines, context.csvMappings, context.csvMappingStorePath);
         }},
    };
    return formats;
}

} // namespace ShimScope
