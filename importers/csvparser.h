// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "csvmapping.h"
#include "logparser.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <functional>
#include <memory>
#include <optional>

namespace ShimScope
{

/**
 * Cuts lines into the records of a delimited text file (RFC 4180 CSV, TSV, `;` or `|` separated), streaming:
 *  - the first line may start with a UTF-8 BOM, and may be Excel's `sep=X`, which names the delimiter;
 *  - otherwise the delimiter is the one of tab, `,`, `;`, `|` (in that order on ties) seen most often outside quotes
 *    in the first non-blank line (the header);
 *  - a field that starts with `"` (spaces before it are dropped) is quoted: `""` is a quote, and a line break inside
 *    the quotes continues the field on the next line (kept as "\n"; a CR before it is kept too). A quote elsewhere is
 *    an ordinary character (`ab"c`), and text after a closing quote is appended, as spreadsheets read it;
 *  - a line's final CR (CRLF files) is dropped; blank lines outside quotes are ignored.
 * A quoted record longer than kMaxRecordBytes or kMaxRecordLines is dropped with an error and reading goes on at the
 * next line, so a stray quote costs at most that much and memory stays bounded. A record still open at finish() is
 * reported ("unterminated quoted field").
 */
class CsvRecordReader
{
public:
    static constexpr qsizetype kMaxRecordBytes = qsizetype(16) * 1024 * 1024;
    static constexpr int kMaxRecordLines = 10000;

    /// fields are raw bytes (not decoded); firstLine is the 1-based line the record starts on.
    using RecordHandler = std::function<void(QByteArrayList&& fields, int64_t firstLine)>;
    using ErrorHandler = std::function<void(int64_t line, const QString& message)>;

    CsvRecordReader(RecordHandler onRecord, ErrorHandler onError);

    void feedLine(QByteArrayView line, int64_t lineNumber);
    void finish();
    /// 0 until the header line was seen.
    char delimiter() const { return m_delimiter; }

    /// The delimiter a header line uses (see the class comment); 0 when it has none.
    static char detectDelimiter(QByteArrayView headerLine);

private:
    void endField();
    void endRecord();
    void reset();

    RecordHandler m_onRecord;
    ErrorHandler m_onError;
    char m_delimiter = 0;
    bool m_firstLine = true;
    bool m_inRecord = false; ///< inside a quoted field that spans lines
    bool m_inQuotes = false;
    bool m_afterQuote = false;
    bool m_fieldStart = true;
    QByteArray m_field;
    QByteArrayList m_fields;
    int64_t m_recordLine = 0;
    int m_recordLines = 0;
    qsizetype m_recordBytes = 0;
    bool m_oversize = false;
};

/// The header of a delimited file as found in its first bytes.
struct CsvHeader
{
    QStringList columns; ///< decoded as UTF-8, trimmed
    char delimiter = 0;
    int64_t line = 0; ///< 1-based line of the header
};

/// The header record of a file's first bytes; nullopt when there is none (no delimiter, fewer than 2 columns).
std::optional<CsvHeader> readCsvHeader(QByteArrayView firstLines);

/// A delimiter for people: "comma", "tab", "semicolon", "pipe" (translated).
QString csvDelimiterName(char delimiter);

/**
 * Splits a command line held in one column into argv, shell-like: blanks separate words; '…' is literal; "…" keeps
 * blanks and takes backslash escapes of `"`, `\`, `$` and backquote (POSIX sh); outside quotes a backslash escapes
 * a blank, a quote or a backslash and is otherwise literal, so Windows paths (`C:\Windows\cmd.exe`) survive.
 * No expansion of any kind. False (argv untouched) for an unterminated quote or a trailing lone backslash: then the
 * caller keeps the raw string as the only argument.
 */
bool splitCommandLine(QByteArrayView commandLine, QList<QByteArray>* argv);

/**
 * A time cell to UTC nanoseconds: RFC 3339 / ISO 8601 (`T` or space, fraction, `Z`/offset or none), epoch numbers
 * (seconds with up to 11 integer digits, milliseconds up to 14, microseconds up to 17, else nanoseconds; a fraction
 * is allowed), `MM/DD/YYYY HH:MM[:SS[.fff]]` with 2- or 4-digit years and optional AM/PM (`dmy` reads DD/MM), and
 * Kibana's `Dec 3, 2026 @ 17:35:32.054`. Times without a zone are in `zone`. False with *why otherwise.
 */
bool parseCsvTime(QByteArrayView text, const QString& format, const QTimeZone& zone, int64_t* ns, QString* why);

/// The zone of a mapping (UTC when empty); invalid when the id is unknown.
QTimeZone csvTimeZone(const QString& id);

/// What a CSV parser is given besides its sink: the mappings to try and where remembered mappings live.
struct CsvParserOptions
{
    QList<CsvMapping> mappings; ///< tried first, each over the automatic mapping (see chooseCsvMapping)
    QString storePath;          ///< remembered mappings; empty = none
};

/**
 * Parser for delimited exports of process events (EDR / SIEM CSV, TSV). The first record is the header; the mapping
 * is chosen for it by chooseCsvMapping(). Every following record becomes one event (kind from the mapped kind column
 * or the mapping's default: exec, snapshot, fork, exit), its line being the record's first line:
 *  - numbers (pid, ppid, uid) are decimal; a bad one skips the row with "column 'X' value 'v' is not a number";
 *    an empty / "-" / "null" value leaves an optional field unknown, and skips the row for time and pid;
 *    a non-numeric uid is taken as the user name (as `ps` shows names in its UID column);
 *  - the command line is split by splitCommandLine(), or read as a JSON array of strings when it starts with `[`;
 *    a line that cannot be split is kept whole as argv[0];
 *  - rows with a field count other than the header's are skipped with their line (one trailing empty field, from a
 *    trailing delimiter, is tolerated); a repeated header (concatenated exports) is passed over;
 *  - a container id of "host" (Falco's word for no container) states nothing.
 * When no mapping fits, every row is skipped and the first error says why and how to map the columns.
 */
class CsvParser : public LogParser
{
public:
    explicit CsvParser(Sink sink, QByteArray defaultHost = {}, CsvParserOptions options = {});
    ~CsvParser() override;
    CsvParser(const CsvParser&) = delete;
    CsvParser& operator=(const CsvParser&) = delete;

    void feedLine(QByteArrayView line, int64_t lineNumber) override;
    void finish() override;
    const SourceStats& stats() const override;

    /// After the header: the mapping in use (origin None when nothing fits) and the header.
    const CsvMappingChoice& choice() const;
    const QStringList& header() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

/**
 * Format detection: a text file (no NUL bytes) whose first line is a header of at least 3 column names (each starting
 * with a letter, `_` or `@`) split by one delimiter, followed by at least one record, and whose first (up to 10)
 * complete records all have the header's field count. Registered last, so every specific format wins.
 */
bool sniffCsv(QByteArrayView firstLines, const QString& fileName);

/// What a delimited file's first bytes say, for `shimscope-cli csv-columns`, `--remember` and the mapping dialog.
struct CsvFileInfo
{
    CsvHeader header;
    QString claimedBy;     ///< the format detection picks ("csv", or a more specific one; empty: none)
    CsvMapping automatic;  ///< from the column names alone
    CsvMappingChoice choice; ///< what an import with these mappings and this store would use
};

/// Reads the file's first 64 KiB (gzip transparent). nullopt with *error when it cannot be read or has no header.
std::optional<CsvFileInfo> inspectCsvFile(const QString& path, const QList<CsvMapping>& mappings,
                                          const QString& storePath, QString* error);

/// Why a sniffed CSV file cannot be imported with these mappings (empty when a mapping fits).
QString refuseCsv(QByteArrayView firstLines, const QList<CsvMapping>& mappings, const QString& storePath);

} // namespace ShimScope
