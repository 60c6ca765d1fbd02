// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <stdexcept>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ShimScope
{

/// Error raised by the SQLite wrapper; carries the SQLite result code and the message of the connection.
class DatabaseError : public std::runtime_error
{
public:
    DatabaseError(int code, const std::string& message)
        : std::runtime_error(message)
        , m_code(code)
    {
    }
    int code() const { return m_code; }

private:
    int m_code;
};

/// One SQLite connection (C API). Not thread-safe: each thread opens its own connection.
class Database
{
public:
    enum class Mode
    {
        ReadOnly,
        ReadWrite,
        ReadWriteCreate,
    };
    /// How the file is written: directly, or by a thread of its own (WriteBehind, see writebehindvfs.h; only for a
    /// file this connection alone uses).
    enum class Writes
    {
        Direct,
        WriteBehind,
    };

    Database() = default;
    Database(const QString& path, Mode mode);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void open(const QString& path, Mode mode, Writes writes = Writes::Direct);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    sqlite3* handle() const { return m_db; }
    QString path() const { return m_path; }

    /// Runs one or more statements without results (no bound values: only for fixed SQL).
    void exec(std::string_view sql);
    /// Convenience for `SELECT <single value>` pragmas and counts.
    int64_t queryInt(std::string_view sql);
    int64_t lastInsertRowId() const;
    int changes() const;
    /// Largest number of host parameters one statement may bind (SQLITE_LIMIT_VARIABLE_NUMBER).
    int maxVariables() const;
    /// SQLite's defensive mode (on by default here) refuses risky pragmas such as journal_mode=OFF. Only a
    /// private file this process is building may turn it off.
    void setDefensive(bool on);
    /// Asks a running statement on this connection (from another thread) to stop.
    void interrupt();

    [[noreturn]] void throwError(int code, std::string_view context) const;

private:
    sqlite3* m_db = nullptr;
    QString m_path;
};

/// A prepared statement. Binding is 1-based like SQLite; text is bound as UTF-8 bytes, blobs as bytes.
class Statement
{
public:
    Statement() = default;
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const QString& text);
    Statement& bindText(int index, const QByteArray& utf8);
    Statement& bindBlob(int index, const QByteArray& bytes);
    /// Text that outlives the statement's execution (string literals): bound without a copy.
    Statement& bindStaticText(int index, const char* text);
    /// As bindText and bindBlob, without SQLite's copy: the bytes must stay as they are until the statement has run
    /// and been reset (the import's writer binds its batch rows this way).
    Statement& bindTextNoCopy(int index, const QByteArray& utf8);
    Statement& bindBlobNoCopy(int index, const QByteArray& bytes);
    Statement& bindNull(int index);

    /// Steps once; returns true while a row is available.
    bool step();
    /// Steps until done (for statements without results) and resets.
    void run();
    void reset();
    void clearBindings();

    int columnCount() const;
    bool isNull(int column) const;
    int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    QString columnText(int column) const;
    QByteArray columnBytes(int column) const;

private:
    Statement& bindBytes(int index, const QByteArray& bytes, bool text, bool copy);

    sqlite3_stmt* m_stmt = nullptr;
    Database* m_db = nullptr;
};

/// RAII transaction: rolls back unless commit() was called.
class Transaction
{
public:
    enum class Kind
    {
        Deferred,
        Immediate,
    };
    explicit Transaction(Database& db, Kind kind = Kind::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();
    void rollback();

private:
    Database& m_db;
    bool m_open = true;
};

} // namespace ShimScope
