// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "logparser.h"

#include <QByteArrayView>
#include <QString>

#include <memory>

namespace ShimScope
{

/**
 * Parser for exec traces printed by eBPF tools (../shared/FORMATS.md section 7):
 *  - bcc `execsnoop` (any of -T/-t/-x/-U; old output without PPID) and libbpf-tools `execsnoop`: a header line
 *    decides the columns (TIME, TIME(s), UID, COMM, PCOMM, PID, PPID, CPU, RET, ARGS); ARGS is last and takes the
 *    rest of the line. Several tables may follow each other (a new header redefines the columns; an empty line ends
 *    a table); lines outside a table (banners, prompts, prose) are not records and are ignored.
 *  - bpftrace `execsnoop.bt`-style tables (TIME(ms) PID ARGS, TIME PID PPID ARGS): no COMM/RET column, and ARGS is
 *    `join(args->argv)`, so it starts at argv[0].
 *  - the lab's bpftrace TSV (tests/lab/setup.sh): `time<TAB>probe<TAB>pid<TAB>ppid<TAB>comm<TAB>filename<TAB>argv…`
 *    after an "Attaching N probes..." line. The time is `strftime("%Y-%m-%dT%H:%M:%S.%f")` and read as UTC (the lab
 *    VM's zone; the line does not state one). An argument holding a newline continues the record on the next lines,
 *    which are joined back with '\n' (empty trailing continuation lines are dropped: they cannot be told from blank
 *    lines at the end of the file). "Lost N events" lines add N to stats().lostEvents.
 *
 * Field rules:
 *  - bcc/libbpf ARGS is the filename passed to execve, then argv[1..] (argv[0] is not logged). argv[0] is set to that
 *    filename as printed, path = filename, and exe = filename only when it is absolute (a relative name like "./run"
 *    is not a resolved executable). For bpftrace, argv is argv[0..] as printed and path/exe come from the filename
 *    column when there is one.
 *  - Words are split on spaces: the tools join arguments with single spaces and do not quote, so an argument holding
 *    spaces comes back as several (bcc -q quoting, "arg" with \" escapes, is undone). In the bpftrace TSV the
 *    arguments start right after a tab, so empty words are empty arguments and are kept; in the space-aligned tables
 *    they are dropped. A final "..." (bcc max-args) sets argvTruncated and is dropped. bpftrace cuts at 16 arguments
 *    of 64 bytes without a mark, so argvTruncated cannot be set for it.
 *  - PPID missing or "?" gives kUnknownId. RET non-zero gives success=false, exitCode=RET (a -errno).
 *  - COMM vs PCOMM: with both columns PCOMM is the parent's name (not stored); alone (libbpf-tools) it is the
 *    process's own comm.
 *  - Time: TIME "HH:MM:SS" has no date. When a UTC date line (`date -u` output or ISO 8601, see PsParser) comes
 *    before the table, times resolve on that date; otherwise timeNs keeps the time of day in ns since midnight (a
 *    day is added each time the clock goes back by more than 12 h, so order survives midnight). TIME(s)/TIME(ms)
 *    (seconds/ms since the tool started) are used only without a TIME column, as relative ns: the start is unknown.
 *  - The bpftrace lab trace is enter-side: it shows attempts, failed or not (the PATH search of execvp gives one
 *    row per tried directory), and has no return value, so success stays true.
 */
class ExecsnoopParser : public LogParser
{
public:
    explicit ExecsnoopParser(Sink sink, QByteArray defaultHost = {});
    ~ExecsnoopParser() override;
    ExecsnoopParser(const ExecsnoopParser&) = delete;
    ExecsnoopParser& operator=(const ExecsnoopParser&) = delete;

    void feedLine(QByteArrayView line, int64_t lineNumber) override;
    void finish() override;
    const SourceStats& stats() const override;

    /// True for an execsnoop table header (known column words only, PID among them, ARGS last).
    static bool isHeaderLine(QByteArrayView line);
    /// True for a line of the lab's bpftrace TSV ("2026-…T…<TAB>tracepoint:syscalls:sys_enter_execve<TAB>pid…").
    static bool isBpftraceRecord(QByteArrayView line);

private:
    class Private;
    std::unique_ptr<Private> d;
};

/// Format detection: an execsnoop header (within the first 64 lines) followed by a row that parses, or a bpftrace
/// exec TSV record on the first or second non-empty line.
bool sniffExecsnoop(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
