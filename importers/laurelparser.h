// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsonlinesplitter.h"

#include <QByteArrayView>

namespace ShimScope
{

/**
 * Parser for laurel's JSON lines (https://github.com/threathunters-io/laurel): one audit event per line, records
 * keyed by type ("SYSCALL", "EXECVE", "CWD", "PATH", "PROCTITLE"), the audit id in "ID" ("sec.msec:serial"). Emits
 * execve/execveat events, successful and failed, like AuditdParser does for the raw log. laurel percent-encodes
 * non-printable bytes, '%' and '+' inside strings; they are decoded back to the logged bytes.
 */
class LaurelParser : public JsonRecordParser
{
public:
    LaurelParser(Sink sink, const QByteArray& defaultHost);

    void feedLine(QByteArrayView line, int64_t lineNumber) override;

private:
    void onRecord(const QByteArray& text, int64_t line) override;
};

/// True when the first non-blank line is a laurel event (`{"ID":"<sec>.<msec>:<serial>"` — laurel writes ID first).
bool sniffLaurel(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
