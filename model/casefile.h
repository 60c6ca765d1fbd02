// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace ShimScope
{

/**
 * The case file: one SQLite database per case (`*.shimscope`), identified by its application_id and versioned by
 * user_version. Schema changes are numbered migrations, each applied in its own transaction.
 */
namespace CaseFile
{
/// 'SHSC' — lets `file(1)` and ShimScope tell a case file from any other SQLite database.
inline constexpr int32_t kApplicationId = 0x53485343;
/// Schema version this build writes; a newer file is refused rather than misread.
int currentSchemaVersion();
/// The file name suffix of case files.
inline constexpr const char* kSuffix = "shimscope";

/// Thrown when a file is not a case file ShimScope can open (wrong application_id, newer schema, corrupt).
class CaseError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Reads user_version (0 for an empty database).
int schemaVersion(Database& db);
/// Brings an empty or older case to the current schema; each step is its own transaction.
/// Throws CaseError when the database belongs to another application or to a newer ShimScope.
/// upTo stops at an older version (tests of each step); by default the current one.
void migrate(Database& db, int upTo = -1);
/// Applies the per-connection settings every ShimScope connection uses (foreign keys, WAL already persisted).
void configureConnection(Database& db, bool foreignKeys = true);

/// Whether openReadOnly() runs SQLite's quick_check (linear in the file size: seconds for a large case).
enum class Check
{
    Integrity, ///< every first open of a case
    None,      ///< further connections to a case this process already checked (worker threads)
};
/// Opens an existing case read-only after checking it is ours and (by default) passes SQLite's quick_check.
Database openReadOnly(const QString& path, Check check = Check::Integrity);
/// Runs SQLite's quick_check; throws CaseError when the file fails it.
void checkIntegrity(Database& db);
/// Opens (and creates if needed) a case for editing, migrated to the current schema, in WAL mode.
Database openReadWrite(const QString& path);

/// The secondary indexes of the schema. Bulk loads into a new case drop them and build them after the load,
/// which is several times faster than maintaining them row by row.
struct IndexDef
{
    const char* table;
    const char* name;
    const char* createSql;
};
const std::vector<IndexDef>& secondaryIndexes();
/// Drops / creates the secondary indexes of one table (all tables when table is null).
void dropSecondaryIndexes(Database& db, const char* table = nullptr);
void createSecondaryIndexes(Database& db, const char* table = nullptr);

/// Registers the application SQL functions case queries use (shimscope_search_text: argv bytes with the NULs as
/// spaces) on a connection. They are direct-only: the schema of a case file cannot call them.
void registerFunctions(Database& db);
/// The free-text index over the nodes' executable, arguments and working directory (table node_search, FTS5
/// trigram, contentless, rowid = process_nodes.id; schema 7). True when schema ("main" or "temp") holds it exactly
/// as this version creates it.
bool hasSearchIndex(Database& db, const char* schema = "main");
/// True when the case's own node_search holds the nodes of its latest import run (built lazily, see migration 7).
bool searchIndexIsCurrent(Database& db);
/// Rebuilds node_search from the current process nodes and marks it current; run inside a write transaction.
void rebuildSearchIndex(Database& db);
/// The steps of rebuildSearchIndex(), for a build in several transactions (so a concurrent import is not locked
/// out for the whole build): clear (also drops the mark), fill node ids in [fromId, toId), mark as holding runId's
/// nodes. The mark must only be set if no other run completed since the build started (latestRunId()).
void clearSearchIndex(Database& db);
void fillSearchIndex(Database& db, int64_t fromId, int64_t toId);
void markSearchIndex(Database& db, int64_t runId);
/// The latest complete import run (0 for none): the run whose nodes the case holds.
int64_t latestRunId(Database& db);
/// Builds the index in memory (temp.node_search) on this connection, for a read-only case that has none.
void buildTemporarySearchIndex(Database& db);
} // namespace CaseFile

} // namespace ShimScope
