// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "logparser.h"

#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace ShimScope
{

/**
 * Parser for `ps` process snapshots: `ps -ef` (`-f`, `--forest`), `ps aux`/`auxww`/`auxf` and `ps -eo …` with any
 * column order. The header line decides the columns; every following row becomes one EventKind::Snapshot event.
 *
 * Rules (ps itself loses information, so several fields are approximations):
 *  - Columns are whitespace separated; the last column (CMD/COMMAND/ARGS) takes the rest of the line. STARTED (the
 *    header of both `lstart` and `start`) spans 5 words when it starts with a weekday ("Thu Dec  3 16:56:36 2026",
 *    lstart), 2 when it starts with a month ("Dec 03", `start` for old processes), else 1.
 *  - startTimeNs is exact only from lstart (read as UTC: ps prints local time and the file does not say which zone;
 *    the lab VMs run in UTC). STIME/START/short STARTED ("16:48", "Dec03", "16:48:36") are resolved against the
 *    snapshot time: a time of day is taken on the snapshot's date (the day before when that would be later than
 *    the snapshot, since ps prints a time only for processes younger than 24 h), a month+day in the snapshot's
 *    year (the year before when later); a bare year is too coarse and gives 0. Without a snapshot time they give 0.
 *  - The snapshot time is known only when the file states it: a line before the header holding `date` output in
 *    UTC ("Thu Dec  3 17:35:45 UTC 2026") or an ISO-8601 UTC stamp ("2026-12-03T17:35:45Z"). The file's mtime is
 *    not available to a line parser. timeNs = snapshot time when known, else startTimeNs (0 when that is unknown).
 *  - argv is the command split on spaces: ps joins the arguments with single spaces and drops quoting, so an
 *    argument holding spaces comes back as several (empty words are dropped for the same reason). exe stays
 *    empty: ps does not show it. Tree marks of `--forest` / `f` ("\_ ", "|") are stripped.
 *  - A command in brackets ("[kthreadd]", "[sh] <defunct>") is a kernel thread or a process without a command
 *    line: argv stays empty and comm keeps the bracketed text, so the brackets mark it.
 *  - USER/UID/RUSER/EUSER: digits go to uid, anything else to userName (ps -ef's "UID" column shows names).
 */
class PsParser : public LogParser
{
public:
    explicit PsParser(Sink sink, QByteArray defaultHost = {});
    ~PsParser() override;
    PsParser(const PsParser&) = delete;
    PsParser& operator=(const PsParser&) = delete;

    void feedLine(QByteArrayView line, int64_t lineNumber) override;
    void finish() override;
    const SourceStats& stats() const override;

    /// True for a ps header line (all words known ps column headers, PID and a command column among them).
    static bool isHeaderLine(QByteArrayView line);
    /// A UTC timestamp line as `date -u` or ISO 8601 writes it; nullopt otherwise.
    static std::optional<int64_t> parseDateLine(QByteArrayView line);

private:
    class Private;
    std::unique_ptr<Private> d;
};

/// Format detection: the first non-empty line (or the one after a date line) is a ps header and the next line
/// parses as a row with a numeric PID.
bool sniffPs(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
