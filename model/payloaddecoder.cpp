// SPDX-License-Identifier: GPL-3.0-or-later
#include "payloaddecoder.h"

#include <QStringDecoder>

namespace ShimScope
{

namespace
{
bool isBase64Char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '-' || c == '_';
}

bool isText(const QByteArray& bytes)
{
    if (bytes.size() < 6)
        return false;
    qsizetype printable = 0;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 0x20 && u != 0x7f) || c == '\n' || c == '\t' || c == '\r')
            ++printable;
    }
    if (printable * 10 < bytes.size() * 9)
        return false;
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString decoded = utf8.decode(bytes);
    return !utf8.hasError();
}

void scan(const QByteArray& text, int argument, int depth, QList<DecodedPayload>* found)
{
    qsizetype i = 0;
    while (i < text.size()) {
        if (!isBase64Char(text.at(i))) {
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && isBase64Char(text.at(end)))
            ++end;
        // Padding ends a run; '=' elsewhere separates an option from its value (`--data=…`).
        for (int pad = 0; pad < 2 && end < text.size() && text.at(end) == '='; ++pad)
            ++end;
        // A run starting with '-' is an option name, not a payload.
        qsizetype start = i;
        while (start < end && text.at(start) == '-')
            ++start;
        const QByteArray run = text.mid(start, end - start);
        if (run.size() >= PayloadDecoder::kMinLength) {
            QString encoding;
            const QByteArray decoded = PayloadDecoder::decodeText(run, &encoding);
            if (!decoded.isEmpty()) {
                found->append({argument, start, run, decoded, encoding, depth});
                if (depth == 1) {
                    QList<DecodedPayload> inner;
                    scan(decoded, argument, 2, &inner);
                    found->append(inner);
                }
            }
        }
        i = end;
    }
}
} // namespace

QByteArray PayloadDecoder::decodeText(const QByteArray& candidate, QString* encoding)
{
    QByteArray run = candidate;
    while (run.endsWith('='))
        run.chop(1);
    if (run.size() < kMinLength || run.contains('='))
        return {};
    const bool url = run.contains('-') || run.contains('_');
    if (url && (run.contains('+') || run.contains('/')))
        return {};
    // A base64 text of n characters has n % 4 != 1; all-alphabetic words and hex ids are rejected by isText below.
    if (run.size() % 4 == 1)
        return {};
    const auto options = (url ? QByteArray::Base64UrlEncoding : QByteArray::Base64Encoding)
        | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors;
    const QByteArray::FromBase64Result result = QByteArray::fromBase64Encoding(run, options);
    if (!result || !isText(result.decoded))
        return {};
    if (encoding)
        *encoding = url ? QStringLiteral("base64url") : QStringLiteral("base64");
    return result.decoded;
}

QList<DecodedPayload> PayloadDecoder::find(const QList<QByteArray>& argv)
{
    QList<DecodedPayload> found;
    for (int i = 0; i < argv.size(); ++i)
        scan(argv.at(i), i, 1, &found);
    return found;
}

QList<DecodedPayload> PayloadDecoder::findInText(const QByteArray& text)
{
    QList<DecodedPayload> found;
    scan(text, 0, 1, &found);
    return found;
}

} // namespace ShimScope
