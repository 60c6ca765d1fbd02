// SPDX-License-Identifier: GPL-3.0-or-later
#include "casefile.h"

#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <string>

namespace ShimScope::CaseFile
{

namespace
{

// The free-text index over each node's executable, arguments and working directory. FTS5 with the trigram
// tokenizer (SQLite >= 3.34) answers substring queries of 3 characters or more; contentless (content='') because
// the text is already in exec_events and strings, so the index costs only its trigram lists. Rows are keyed by
// process_nodes.id and rebuilt with the nodes (rebuildSearchIndex).
constexpr const char* kSearchIndexSchema =
    "CREATE VIRTUAL TABLE %snode_search USING fts5(exe, argv, cwd, content='', tokenize='trigram')";

constexpr const char* kSearchIndexFill =
    "INSERT INTO %snode_search (rowid, exe, argv, cwd) "
    "SELECT n.id, CAST(se.value AS TEXT), shimscope_search_text(e.argv), CAST(sc.value AS TEXT) "
    "FROM process_nodes n JOIN exec_events e ON e.id = n.event_id "
    "LEFT JOIN strings se ON se.id = e.exe_id LEFT JOIN strings sc ON sc.id = e.cwd_id";

std::string withSchema(const char* sqlTemplate, const char* schema)
{
    std::string sql(sqlTemplate);
    sql.replace(sql.find("%s"), 2, schema);
    return sql;
}

// search_text(argv): the NUL-joined argument bytes with the NULs as spaces. SQL's replace() cannot do this (it stops
// at an embedded NUL), and LIKE and the FTS tokenizer would see only argv[0].
void searchTextFunction(sqlite3_context* context, int, sqlite3_value** values)
{
    const auto* data = static_cast<const char*>(sqlite3_value_blob(values[0]));
    const int size = sqlite3_value_bytes(values[0]);
    if (!data) {
        sqlite3_result_null(context);
        return;
    }
    std::string text(data, static_cast<size_t>(size));
    std::replace(text.begin(), text.end(), '\0', ' ');
    sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// Migration N brings user_version from N-1 to N. Never edit a released step: add a new one.
const std::vector<const char*>& migrations()
{
    static const std::vector<const char*> steps = {
        // 1: provenance, hosts, exec events, process nodes, containers, bookmarks.
        R"sql(
CREATE TABLE import_runs (
    id            INTEGER PRIMARY KEY,
    started_at    INTEGER NOT NULL,          -- ns since the epoch, UTC
    finished_at   INTEGER,
    imported_by   TEXT NOT NULL,
    tool_version  TEXT NOT NULL,
    inputs        TEXT NOT NULL,             -- the paths given to the import, one per line
    status        TEXT NOT NULL              -- 'complete' (an interrupted run never commits)
);
CREATE TABLE sources (
    id                INTEGER PRIMARY KEY,
    run_id            INTEGER NOT NULL REFERENCES import_runs(id),
    input             TEXT NOT NULL,         -- the file, folder or bundle given to the import
    path              TEXT NOT NULL,         -- the file's name inside the bundle or folder
    size              INTEGER NOT NULL,
    sha256            TEXT,
    format            TEXT NOT NULL,         -- detected format, or 'unknown'
    importer_version  TEXT,
    imported_by       TEXT NOT NULL,
    imported_at       INTEGER NOT NULL,
    status            TEXT NOT NULL,         -- 'imported', 'skipped', 'failed'
    message           TEXT,                  -- why it was skipped or failed
    lines_read        INTEGER NOT NULL DEFAULT 0,
    records_read      INTEGER NOT NULL DEFAULT 0,
    records_skipped   INTEGER NOT NULL DEFAULT 0,
    events            INTEGER NOT NULL DEFAULT 0,
    failed_execs      INTEGER NOT NULL DEFAULT 0,
    lost_events       INTEGER NOT NULL DEFAULT 0,
    incomplete_events INTEGER NOT NULL DEFAULT 0,
    duration_ms       INTEGER
);
CREATE TABLE source_errors (
    source_id  INTEGER NOT NULL REFERENCES sources(id),
    line       INTEGER NOT NULL,
    message    TEXT NOT NULL
);
CREATE TABLE hosts (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    os_id        TEXT,
    os_name      TEXT,
    os_evidence  TEXT
);
-- Repeated byte strings (executables, working directories, comms, paths) interned once.
CREATE TABLE strings (
    id     INTEGER PRIMARY KEY,
    value  BLOB NOT NULL UNIQUE
);
CREATE TABLE exec_events (
    id              INTEGER PRIMARY KEY,
    source_id       INTEGER NOT NULL REFERENCES sources(id),
    line            INTEGER NOT NULL,
    record          TEXT,                    -- the format's record id (auditd: sec.msec:serial)
    serial          INTEGER,
    host_id         INTEGER NOT NULL REFERENCES hosts(id),
    ts              INTEGER NOT NULL,        -- ns since the epoch, UTC
    kind            INTEGER NOT NULL,        -- EventKind
    success         INTEGER NOT NULL,
    exit_code       INTEGER,
    syscall         TEXT,
    arch            TEXT,
    pid             INTEGER,
    ppid            INTEGER,
    uid             INTEGER,
    euid            INTEGER,
    auid            INTEGER,
    ses             INTEGER,
    tty             TEXT,
    comm_id         INTEGER REFERENCES strings(id),
    exe_id          INTEGER REFERENCES strings(id),
    cwd_id          INTEGER REFERENCES strings(id),
    path_id         INTEGER REFERENCES strings(id),
    dev             TEXT,
    inode           INTEGER,
    rule_key        BLOB,
    argc            INTEGER NOT NULL,
    argv            BLOB,                    -- arguments joined by NUL, exact bytes
    argv_origin     INTEGER NOT NULL,        -- ArgvOrigin
    argv_truncated  INTEGER NOT NULL
);
CREATE TABLE containers (
    id                  INTEGER PRIMARY KEY,
    host_id             INTEGER NOT NULL REFERENCES hosts(id),
    container_id        TEXT NOT NULL,
    short_id            TEXT NOT NULL,
    runtime             TEXT,
    engine              TEXT,
    namespace           TEXT,
    sandbox_id          TEXT,
    name                TEXT,
    image               TEXT,
    shim_node_id        INTEGER,
    entrypoint_node_id  INTEGER,
    first_ts            INTEGER,
    last_ts             INTEGER,
    restarts            INTEGER NOT NULL DEFAULT 0,
    colour_index        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (host_id, container_id)
);
CREATE TABLE process_nodes (
    id              INTEGER PRIMARY KEY,
    host_id         INTEGER NOT NULL REFERENCES hosts(id),
    pid             INTEGER NOT NULL,
    start_ts        INTEGER,
    event_id        INTEGER REFERENCES exec_events(id),  -- NULL for placeholders
    placeholder     INTEGER NOT NULL DEFAULT 0,
    parent_id       INTEGER REFERENCES process_nodes(id),
    parent_link     TEXT,                    -- logged, pid-match, snapshot, fork, inferred
    predecessor_id  INTEGER REFERENCES process_nodes(id),
    container_ref   INTEGER REFERENCES containers(id),
    location        TEXT,                    -- host, container, unknown
    role            TEXT,
    confidence      TEXT,
    evidence        TEXT
);
-- Bookmarks use stable keys (host, pid, exec time, source hash + record), never rowids, so they survive
-- re-import and can be merged from another analyst's case.
CREATE TABLE bookmarks (
    id             INTEGER PRIMARY KEY,
    host           TEXT NOT NULL,
    pid            INTEGER NOT NULL,
    exec_ts        INTEGER NOT NULL,
    source_sha256  TEXT,
    source_record  TEXT,
    note           TEXT NOT NULL DEFAULT '',
    tags           TEXT NOT NULL DEFAULT '',
    colour         TEXT,
    analyst        TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (host, pid, exec_ts)
);
CREATE INDEX exec_events_ts ON exec_events(ts, serial, id);
CREATE INDEX exec_events_host_pid ON exec_events(host_id, pid, ts);
CREATE INDEX exec_events_source ON exec_events(source_id);
CREATE INDEX sources_run ON sources(run_id);
CREATE INDEX source_errors_source ON source_errors(source_id);
CREATE INDEX process_nodes_host_pid ON process_nodes(host_id, pid, start_ts);
CREATE INDEX process_nodes_parent ON process_nodes(parent_id);
)sql",
        // 2: lineage and attribution results need the failed flag, the runtime role of the process itself, and
        //    lookups by container and by event.
        R"sql(
ALTER TABLE process_nodes ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE process_nodes ADD COLUMN runtime TEXT;
CREATE INDEX process_nodes_container ON process_nodes(container_ref);
CREATE INDEX process_nodes_event ON process_nodes(event_id);
)sql",
        // 3: a node's evidence is stored where a rule decided; nodes that only inherit their parent's answer keep
        //    NULL evidence and the decisive node (anchor) is linked, so the reason is rendered when read.
        R"sql(
ALTER TABLE process_nodes ADD COLUMN anchor_id INTEGER REFERENCES process_nodes(id);
)sql",
        // 4: lookups by pid go through process_nodes; these two event indexes cost import time and serve no query.
        R"sql(
DROP INDEX IF EXISTS exec_events_host_pid;
DROP INDEX IF EXISTS exec_events_source;
)sql",
        // 5: fields of formats other than auditd: strong links, stated containers, user names, start times.
        R"sql(
ALTER TABLE exec_events ADD COLUMN guid TEXT;
ALTER TABLE exec_events ADD COLUMN parent_guid TEXT;
ALTER TABLE exec_events ADD COLUMN stated_container TEXT;
ALTER TABLE exec_events ADD COLUMN stated_container_source TEXT;
ALTER TABLE exec_events ADD COLUMN stated_container_name TEXT;
ALTER TABLE exec_events ADD COLUMN stated_image TEXT;
ALTER TABLE exec_events ADD COLUMN user_name TEXT;
ALTER TABLE exec_events ADD COLUMN start_ts INTEGER;
)sql",
        // 6: records that repeat a process another source already gave (auditd + an exec tracer, a ps row of a
        //    process seen exec'ing) point at that process's node.
        R"sql(
CREATE TABLE merged_events (
    event_id  INTEGER PRIMARY KEY REFERENCES exec_events(id),
    node_id   INTEGER NOT NULL REFERENCES process_nodes(id)
);
)sql",
        // 7: the process tree: children in start order by key (parent, start) and roots by host without a scan;
        //    free-text search over executable, arguments and working directory (FTS5 trigram). The index is built
        //    on first search, not on import (it costs more than the rest of an import, see tests/bench/README.md),
        //    and is valid for the nodes of the import run named in search_index_state.
        R"sql(
DROP INDEX IF EXISTS process_nodes_parent;
CREATE INDEX process_nodes_parent ON process_nodes(parent_id, start_ts);
CREATE INDEX process_nodes_roots ON process_nodes(host_id, start_ts) WHERE parent_id IS NULL;
CREATE VIRTUAL TABLE node_search USING fts5(exe, argv, cwd, content='', tokenize='trigram');
CREATE TABLE search_index_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    run_id  INTEGER NOT NULL                 -- the import run whose nodes the index holds
);
)sql",
        // 8: the records that repeat a process (another source's copy of its exec, a listing row) are looked up by
        //    node for the details pane and bookmarks.
        R"sql(
CREATE INDEX merged_events_node ON merged_events(node_id);
)sql",
        // 9: nodes are looked up by container only for a container (container_ref = ?); host and unknown nodes
        //    (NULL, half of a typical case) left out of the index cost a third less to build at every import.
        R"sql(
DROP INDEX IF EXISTS process_nodes_container;
CREATE INDEX process_nodes_container ON process_nodes(container_ref) WHERE container_ref IS NOT NULL;
)sql",
    };
    return steps;
}

void checkApplicationId(Database& db)
{
    const int64_t appId = db.queryInt("PRAGMA application_id");
    const bool empty = db.queryInt("SELECT count(*) FROM sqlite_schema") == 0;
    if (appId != kApplicationId && !(appId == 0 && empty))
        throw CaseError("not a ShimScope case file (application_id " + std::to_string(appId) + ")");
}

} // namespace

int currentSchemaVersion()
{
    return static_cast<int>(migrations().size());
}

int schemaVersion(Database& db)
{
    return static_cast<int>(db.queryInt("PRAGMA user_version"));
}

void configureConnection(Database& db, bool foreignKeys)
{
    db.exec(foreignKeys ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
    db.exec("PRAGMA trusted_schema=OFF");
}

void migrate(Database& db, int upTo)
{
    checkApplicationId(db);
    const int from = schemaVersion(db);
    const int to = upTo < 0 ? currentSchemaVersion() : std::min(upTo, currentSchemaVersion());
    if (from > to) {
        throw CaseError("case file schema version " + std::to_string(from)
                        + " is newer than this ShimScope supports (" + std::to_string(to) + ")");
    }
    for (int version = from + 1; version <= to; ++version) {
        Transaction transaction(db);
        db.exec(migrations()[static_cast<size_t>(version - 1)]);
        // PRAGMA values cannot be bound; both are integers this code controls.
        db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
        db.exec("PRAGMA user_version=" + std::to_string(version));
        transaction.commit();
    }
}

Database openReadOnly(const QString& path, Check check)
{
    if (!QFileInfo(path).isFile())
        throw CaseError("no case file at " + path.toStdString());
    Database db(path, Database::Mode::ReadOnly);
    configureConnection(db);
    checkApplicationId(db);
    const int version = schemaVersion(db);
    if (version > currentSchemaVersion() || version == 0)
        throw CaseError(path.toStdString() + ": unsupported case schema version " + std::to_string(version));
    if (check == Check::Integrity)
        checkIntegrity(db);
    return db;
}

void checkIntegrity(Database& db)
{
    Statement check(db, "PRAGMA quick_check");
    if (!check.step() || check.columnText(0) != QLatin1String("ok"))
        throw CaseError(db.path().toStdString() + ": case file fails its integrity check");
}

Database openReadWrite(const QString& path)
{
    Database db(path, Database::Mode::ReadWriteCreate);
    configureConnection(db);
    // Check before anything writes: another application's database must be left byte for byte as it was.
    checkApplicationId(db);
    db.exec("PRAGMA journal_mode=WAL");
    migrate(db);
    return db;
}

const std::vector<IndexDef>& secondaryIndexes()
{
    static const std::vector<IndexDef> indexes = {
        {"exec_events", "exec_events_ts",
         "CREATE INDEX IF NOT EXISTS exec_events_ts ON exec_events(ts, serial, id)"},
        {"process_nodes", "process_nodes_host_pid",
         "CREATE INDEX IF NOT EXISTS process_nodes_host_pid ON process_nodes(host_id, pid, start_ts)"},
        {"process_nodes", "process_nodes_parent",
         "CREATE INDEX IF NOT EXISTS process_nodes_parent ON process_nodes(parent_id, start_ts)"},
        {"process_nodes", "process_nodes_roots",
         "CREATE INDEX IF NOT EXISTS process_nodes_roots ON process_nodes(host_id, start_ts) WHERE parent_id IS NULL"},
        {"process_nodes", "process_nodes_container",
         "CREATE INDEX IF NOT EXISTS process_nodes_container ON process_nodes(container_ref) "
         "WHERE container_ref IS NOT NULL"},
        {"process_nodes", "process_nodes_event",
         "CREATE INDEX IF NOT EXISTS process_nodes_event ON process_nodes(event_id)"},
        {"merged_events", "merged_events_node",
         "CREATE INDEX IF NOT EXISTS merged_events_node ON merged_events(node_id)"},
    };
    return indexes;
}

void dropSecondaryIndexes(Database& db, const char* table)
{
    for (const IndexDef& index : secondaryIndexes()) {
        if (!table || std::string_view(table) == index.table)
            db.exec(std::string("DROP INDEX IF EXISTS ") + index.name);
    }
}

void createSecondaryIndexes(Database& db, const char* table)
{
    for (const IndexDef& index : secondaryIndexes()) {
        if (!table || std::string_view(table) == index.table)
            db.exec(index.createSql);
    }
}

void registerFunctions(Database& db)
{
    // Not SQLITE_INNOCUOUS and DIRECTONLY: a case file's schema (views, triggers) can never call it.
    const int rc = sqlite3_create_function_v2(db.handle(), "shimscope_search_text", 1,
                                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, nullptr,
                                              searchTextFunction, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        db.throwError(rc, "register shimscope_search_text");
}

bool hasSearchIndex(Database& db, const char* schema)
{
    // Only the exact table this code creates is used: a case from elsewhere could declare another tokenizer or
    // module under the same name.
    Statement s(db, std::string("SELECT sql FROM ") + schema + ".sqlite_schema WHERE type = 'table' AND name = ?");
    s.bindStaticText(1, "node_search");
    return s.step() && s.columnText(0) == QLatin1String(withSchema(kSearchIndexSchema, "").c_str());
}

namespace
{
int64_t latestRun(Database& db)
{
    return db.queryInt("SELECT max(id) FROM import_runs WHERE status = 'complete'");
}
} // namespace

bool searchIndexIsCurrent(Database& db)
{
    if (schemaVersion(db) < 7 || !hasSearchIndex(db))
        return false;
    const int64_t run = db.queryInt("SELECT run_id FROM search_index_state WHERE id = 1");
    return run != 0 && run == latestRun(db);
}

int64_t latestRunId(Database& db)
{
    return latestRun(db);
}

void clearSearchIndex(Database& db)
{
    db.exec("DELETE FROM search_index_state");
    db.exec("INSERT INTO node_search (node_search) VALUES ('delete-all')");
    // One bulk fill, never updated afterwards: merging segments while filling costs more than twice the fill.
    db.exec("INSERT INTO node_search (node_search, rank) VALUES ('automerge', 0)");
}

void fillSearchIndex(Database& db, int64_t fromId, int64_t toId)
{
    registerFunctions(db);
    Statement fill(db, withSchema(kSearchIndexFill, "") + " WHERE n.id >= ? AND n.id < ?");
    fill.bind(1, fromId).bind(2, toId);
    fill.run();
}

void markSearchIndex(Database& db, int64_t runId)
{
    Statement mark(db, "INSERT OR REPLACE INTO search_index_state (id, run_id) VALUES (1, ?)");
    mark.bind(1, runId);
    mark.run();
}

void rebuildSearchIndex(Database& db)
{
    clearSearchIndex(db);
    fillSearchIndex(db, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
    markSearchIndex(db, latestRun(db));
}

void buildTemporarySearchIndex(Database& db)
{
    registerFunctions(db);
    db.exec("DROP TABLE IF EXISTS temp.node_search");
    db.exec(withSchema(kSearchIndexSchema, "temp."));
    db.exec(withSchema(kSearchIndexFill, "temp."));
}

} // namespace ShimScope::CaseFile
