// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "logparser.h"

#include <QByteArrayView>

#include <functional>
#include <memory>

namespace ShimScope
{

/**
 * Streaming parser for Linux audit logs (auditd RAW and ENRICHED, `node=` prefixes, syslog-wrapped lines,
 * kernel printk lines with numeric record types). Lines go in one at a time; exec events (execve/execveat,
 * successful and failed) come out through the sink once all their records have been seen (EOE) or once the
 * event has been idle long enough that no more of its records can be expected.
 *
 * Memory stays bounded by the number of events in flight, not by the size of the log.
 * See ../shared/FORMATS.md section 1 for the format facts this follows.
 */
class AuditdParser : public LogParser
{
public:
    /// defaultHost is used for events whose lines carry no `node=`.
    explicit AuditdParser(Sink sink, QByteArray defaultHost = {});
    ~AuditdParser() override;
    AuditdParser(const AuditdParser&) = delete;
    AuditdParser& operator=(const AuditdParser&) = delete;

    /// One line without its trailing newline (a trailing '\r' is tolerated). lineNumber is 1-based.
    void feedLine(QByteArrayView line, int64_t lineNumber) override;
    /// Flushes every event still in flight. Call once at the end of the input.
    void finish() override;

    const SourceStats& stats() const override;

    /// True when the text looks like an audit log (used by format detection on the first lines of a file).
    static bool looksLikeAudit(QByteArrayView firstLines);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace ShimScope
