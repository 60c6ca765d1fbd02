// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace ShimScope
{

/// One encoded run found in a command line and what it decodes to.
struct DecodedPayload
{
    int argument = 0;      ///< index into argv
    qsizetype offset = 0;  ///< byte offset of the run inside that argument
    QByteArray encoded;    ///< the run as logged
    QByteArray decoded;    ///< its decoded bytes (exact; display code escapes them)
    QString encoding;      ///< "base64" or "base64url"
    int depth = 1;         ///< 2 when found inside another decoded payload
};

/**
 * Finds base64 payloads in command lines (`echo aWQ7… | base64 -d | sh`, `bash -c "$(echo … | base64 -d)"`) and
 * decodes them, so an analyst reads what a container's entrypoint really ran.
 *
 * A run counts only when it is long enough to carry a command (kMinLength characters), is well formed base64 and
 * decodes to text (at least 90 % printable, valid UTF-8). That keeps container ids, hashes and paths — which use the
 * same alphabet — from being "decoded" into noise. Payloads inside decoded text are looked for once more (depth 2).
 */
class PayloadDecoder
{
public:
    static constexpr qsizetype kMinLength = 16;

    static QList<DecodedPayload> find(const QList<QByteArray>& argv);
    /// The payloads of one string (argument index 0), e.g. a decoded payload or a shell command.
    static QList<DecodedPayload> findInText(const QByteArray& text);
    /// Decodes one candidate; empty when it is not base64 that decodes to text.
    static QByteArray decodeText(const QByteArray& candidate, QString* encoding = nullptr);
};

} // namespace ShimScope
