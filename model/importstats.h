// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <cstdint>

namespace ShimScope
{

/// A record an importer could not use, with the 1-based line it started on (0 when the error concerns the file).
struct RecordError
{
    int64_t line = 0;
    QString message;
};

/// What reading one source file produced. Kept in the case file as provenance and shown in import summaries.
struct SourceStats
{
    static constexpr int kMaxErrors = 20; ///< only the first errors are kept; the counts stay exact

    int64_t bytesRead = 0;       ///< bytes of the file as stored (compressed bytes for .gz)
    int64_t linesRead = 0;
    int64_t recordsRead = 0;     ///< records the importer parsed
    int64_t recordsSkipped = 0;  ///< records or lines it could not use
    int64_t events = 0;          ///< normalized events emitted
    int64_t failedExecs = 0;     ///< of those, exec attempts that failed
    int64_t lostEvents = 0;      ///< events the log itself shows as lost (auditd serial gaps)
    int64_t incompleteEvents = 0; ///< events missing records (e.g. EXECVE without its SYSCALL)
    QList<RecordError> errors;

    void addError(int64_t line, const QString& message)
    {
        if (errors.size() < kMaxErrors)
            errors.append({line, message});
    }
};

} // namespace ShimScope
