// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include "writebehindvfs.h"

#include <sqlite3.h>

#include <mutex>
#include <string>
#include <utility>

namespace ShimScope
{

namespace
{
/// Process-wide SQLite settings, applied once before the library initialises (sqlite3_config refuses them later).
void configureLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Debian builds SQLite with memory statistics on: every allocation then takes a global mutex, ~5 % of an
        // import's writer thread. Nothing here reads the statistics.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        sqlite3_initialize();
    });
}
} // namespace

Database::Database(const QString& path, Mode mode)
{
    open(path, mode);
}

Database::~Database()
{
    close();
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void Database::open(const QString& path, Mode mode, Writes writes)
{
    close();
    configureLibrary();
    const char* vfs = writes == Writes::WriteBehind ? WriteBehind::vfsName() : nullptr;
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    const QByteArray utf8 = path.toUtf8();
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(utf8.constData(), &db, flags, vfs);
    if (rc != SQLITE_OK) {
        std::string message = "cannot open " + utf8.toStdString() + ": "
            + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        throw DatabaseError(rc, message);
    }
    m_db = db;
    m_path = path;
    sqlite3_extended_result_codes(m_db, 1);
    // A case file comes from other analysts: never load extensions, never trust functions in its schema.
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_busy_timeout(m_db, 5000);
}

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void Database::throwError(int code, std::string_view context) const
{
    std::string message(context);
    message += ": ";
    message += m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code);
    throw DatabaseError(code, message);
}

void Database::exec(std::string_view sql)
{
    char* error = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw DatabaseError(rc, message + " in: " + text.substr(0, 200));
    }
}

int64_t Database::queryInt(std::string_view sql)
{
    Statement statement(*this, sql);
    return statement.step() ? statement.columnInt(0) : 0;
}

int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

int Database::maxVariables() const
{
    return sqlite3_limit(m_db, SQLITE_LIMIT_VARIABLE_NUMBER, -1);
}

void Database::setDefensive(bool on)
{
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, on ? 1 : 0, nullptr);
}

void Database::interrupt()
{
    if (m_db)
        sqlite3_interrupt(m_db);
}

Statement::Statement(Database& db, std::string_view sql)
    : m_db(&db)
{
    const int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        db.throwError(rc, "prepare " + std::string(sql.substr(0, 120)));
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_db(std::exchange(other.m_db, nullptr))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

namespace
{
void check(Database* db, int rc, const char* what)
{
    if (rc != SQLITE_OK)
        db->throwError(rc, what);
}
} // namespace

Statement& Statement::bind(int index, int64_t value)
{
    check(m_db, sqlite3_bind_int64(m_stmt, index, value), "bind int");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    check(m_db, sqlite3_bind_double(m_stmt, index, value), "bind double");
    return *this;
}

Statement& Statement::bind(int index, const QString& text)
{
    if (text.isNull())
        return bindNull(index);
    return bindText(index, text.toUtf8());
}

Statement& Statement::bindBytes(int index, const QByteArray& bytes, bool text, bool copy)
{
    if (bytes.isNull())
        return bindNull(index);
    const auto size = static_cast<sqlite3_uint64>(bytes.size());
    const sqlite3_destructor_type lifetime = copy ? SQLITE_TRANSIENT : SQLITE_STATIC;
    const int rc = text ? sqlite3_bind_text64(m_stmt, index, bytes.constData(), size, lifetime, SQLITE_UTF8)
                        : sqlite3_bind_blob64(m_stmt, index, bytes.constData(), size, lifetime);
    check(m_db, rc, text ? "bind text" : "bind blob");
    return *this;
}

Statement& Statement::bindText(int index, const QByteArray& utf8)
{
    return bindBytes(index, utf8, true, true);
}

Statement& Statement::bindBlob(int index, const QByteArray& bytes)
{
    return bindBytes(index, bytes, false, true);
}

Statement& Statement::bindTextNoCopy(int index, const QByteArray& utf8)
{
    return bindBytes(index, utf8, true, false);
}

Statement& Statement::bindBlobNoCopy(int index, const QByteArray& bytes)
{
    return bindBytes(index, bytes, false, false);
}

Statement& Statement::bindStaticText(int index, const char* text)
{
    if (!text)
        return bindNull(index);
    check(m_db, sqlite3_bind_text(m_stmt, index, text, -1, SQLITE_STATIC), "bind static text");
    return *this;
}

Statement& Statement::bindNull(int index)
{
    check(m_db, sqlite3_bind_null(m_stmt, index), "bind null");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const std::string sql = sqlite3_sql(m_stmt) ? std::string(sqlite3_sql(m_stmt)).substr(0, 120) : std::string();
    sqlite3_reset(m_stmt);
    m_db->throwError(rc, "step " + sql);
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
}

void Statement::clearBindings()
{
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int64_t Statement::columnInt(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::columnDouble(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::columnText(int column) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!text)
        return {};
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::columnBytes(int column) const
{
    const void* data = sqlite3_column_blob(m_stmt, column);
    if (!data)
        return sqlite3_column_type(m_stmt, column) == SQLITE_NULL ? QByteArray() : QByteArray("");
    return QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(m_stmt, column));
}

Transaction::Transaction(Database& db, Kind kind)
    : m_db(db)
{
    m_db.exec(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction()
{
    if (m_open) {
        try {
            m_db.exec("ROLLBACK");
        } catch (const DatabaseError&) {
            // The connection already rolled back (e.g. after SQLITE_INTERRUPT); nothing left to undo.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_open = false;
}

void Transaction::rollback()
{
    m_open = false;
    m_db.exec("ROLLBACK");
}

} // namespace ShimScope
