// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "logparser.h"

#include <QByteArrayView>

#include <memory>

namespace ShimScope
{

/**
 * Streaming parser for Sysmon for Linux: syslog lines carrying one `<Event>…</Event>` each, and plain XML exports
 * whose events span several lines. EventID 1 (ProcessCreate) becomes an Exec event, EventID 5 (ProcessTerminate) an
 * Exit event; other event ids are read and counted but emit nothing. See ../shared/FORMATS.md section 2.
 */
class SysmonParser : public LogParser
{
public:
    /// defaultHost is used for events without `<Computer>`.
    SysmonParser(Sink sink, const QByteArray& defaultHost);
    ~SysmonParser() override;
    SysmonParser(const SysmonParser&) = delete;
    SysmonParser& operator=(const SysmonParser&) = delete;

    void feedLine(QByteArrayView line, int64_t lineNumber) override;
    void finish() override;
    const SourceStats& stats() const override;

private:
    class Private;
    std::unique_ptr<Private> d;
};

/// True when the text holds a Sysmon `<Event` with the Linux-Sysmon provider or an `<EventID>`.
bool sniffSysmon(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
