// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "execevent.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace ShimScope
{

/// The normalized fields a CSV/TSV column can feed (model/execevent.h).
enum class CsvField : int
{
    Time,
    Host,
    Pid,
    Ppid,
    Uid,
    User,
    Exe,
    CommandLine, ///< a command line (split shell-like) or a JSON array of arguments
    Cwd,
    Comm,
    Guid,
    ParentGuid,
    ContainerId,
    Kind, ///< per-row event kind ("exec", "already_running", "ProcessCreated", …)
};
inline constexpr int kCsvFieldCount = static_cast<int>(CsvField::Kind) + 1;

/**
 * Which column of a delimited export feeds which event field, plus how to read its times. A column is named by its
 * header text (compared case-insensitively after trimming), by `#N` (1-based position), or by `A+B`: the values of
 * two columns joined by a space (ausearch writes DATE and TIME apart). Empty = not mapped; "-" = not mapped, and
 * not to be filled from the automatic mapping either.
 *
 * Usable (importable) when time, pid and one of exe / command line are mapped: lineage is keyed by pid and time,
 * and an event without an image says nothing.
 */
struct CsvMapping
{
    std::array<QString, kCsvFieldCount> columns;
    /// Zone of times that state none: "UTC" (the default, also when empty), an IANA id ("Europe/Berlin") or
    /// "UTC+02:00". Times with `Z` or an offset keep their own.
    QString timeZone;
    /// "auto" (empty): ISO 8601, epoch (unit from the magnitude), MM/DD/YYYY, Kibana's "Dec 3, 2026 @ 17:35:32.054".
    /// "iso", "epoch-s", "epoch-ms", "epoch-us", "epoch-ns", "mdy", "dmy" force one reading.
    QString timeFormat;
    /// Kind of rows without a kind column (or an empty value there): Exec or Snapshot.
    EventKind defaultKind = EventKind::Exec;

    QString& column(CsvField field) { return columns[static_cast<size_t>(field)]; }
    const QString& column(CsvField field) const { return columns[static_cast<size_t>(field)]; }
    /// "-" marks a field the user left unmapped on purpose: it overrides the automatic column in overlay().
    bool isMapped(CsvField field) const { return !column(field).isEmpty() && column(field) != QLatin1String("-"); }

    /// Required fields (by key) that are not mapped; empty when usable().
    QStringList missingRequired() const;
    bool usable() const { return missingRequired().isEmpty(); }
    /// Every mapped column exists in the header (and every mapped field resolves).
    bool fitsHeader(const QStringList& header, QString* why = nullptr) const;
    /// Fields of `other` that are mapped override this one's; zone / format / kind too when set.
    void overlay(const CsvMapping& other);
    /// "time=_time,pid=ProcessId,…" for messages and `--csv-map`.
    QString toSpec() const;

    QJsonObject toJson() const;
    static CsvMapping fromJson(const QJsonObject& object);
    bool operator==(const CsvMapping& other) const = default;

    /// Stable key of a field: "time", "host", "pid", "ppid", "uid", "user", "exe", "commandLine", "cwd", "comm",
    /// "guid", "parentGuid", "containerId", "kind".
    static QString fieldKey(CsvField field);
    /// A field from its key or a spelling of it (case-insensitive; "argv", "cmdline", "command_line", "parent_guid"…).
    static std::optional<CsvField> fieldFromKey(const QString& key);
    /// What a field is, for people (translated).
    static QString fieldLabel(CsvField field);
    /// Parses `FIELD=COLUMN[,FIELD=COLUMN…]`; false with *error naming the bad part.
    static bool parseSpec(const QString& spec, CsvMapping* mapping, QString* error);
    /// Built-in column-name synonyms of common exports (Splunk, Kibana/ECS, Defender, Sysmon, CrowdStrike-style
    /// names, lab TSVs). Fields whose column is not recognised stay unmapped.
    static CsvMapping automatic(const QStringList& header);
    /// Key of a header for remembering mappings: column names lower-cased, trimmed, blanks collapsed, joined.
    static QString headerSignature(const QStringList& header);
    /// Position of a column spec (name or #N) in the header; -1 when absent.
    static int columnIndex(const QString& spec, const QStringList& header);
};

/// Where a mapping for a header came from.
enum class CsvMappingOrigin
{
    None,
    Given,      ///< ImportOptions / --csv-map (over the automatic one)
    Remembered, ///< the mapping store, by header signature
    Automatic,  ///< column-name synonyms
};

struct CsvMappingChoice
{
    CsvMapping mapping;
    CsvMappingOrigin origin = CsvMappingOrigin::None;
    QString reason; ///< when origin is None: why nothing fits and how to map the columns (translated)
};

/**
 * Remembered mappings, keyed by header signature, in a small JSON file. Every write replaces the file atomically
 * (QSaveFile), so a crash leaves the old or the new file, never half of one. Not thread-safe; cheap to construct.
 */
class CsvMappingStore
{
public:
    /// ~/.config/ShimScope/csv-mappings.json. Under GenericConfigLocation on purpose: AppConfigLocation ends in the
    /// application name, which differs between shimscope and shimscope-cli, and both must see the same mappings.
    static QString defaultPath();

    explicit CsvMappingStore(QString path);

    QString path() const { return m_path; }
    /// The mapping remembered for this header; nullopt when none (or the file is unreadable: *error says why).
    std::optional<CsvMapping> find(const QStringList& header, QString* error = nullptr) const;
    /// Stores (or replaces) the mapping for this header. False with *error when the file cannot be written.
    bool remember(const QStringList& header, const CsvMapping& mapping, QString* error = nullptr) const;
    /// Number of remembered mappings (0 for a missing file).
    int count() const;

private:
    QJsonObject load(QString* error) const;

    QString m_path;
};

/**
 * The mapping to read a file with this header: the given mappings first (a given mapping overlays the automatic one,
 * so `--csv-map pid=ProcessId` alone fixes one column), then the remembered one, then the automatic one. Only usable
 * mappings that fit the header are taken. storePath empty = no remembered mappings.
 */
CsvMappingChoice chooseCsvMapping(const QStringList& header, const QList<CsvMapping>& given, const QString& storePath);

} // namespace ShimScope
