// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QList>

#include <cstdint>
#include <optional>

namespace ShimScope
{

/// A blank-separated word of a text line, as offsets into the line (tables like `ps` and `execsnoop` output, where
/// the last column keeps its own spacing and must be cut from the line, not rebuilt from words).
struct Word
{
    qsizetype begin = 0;
    qsizetype end = 0;
};

/// The words of a line, split on spaces and tabs.
inline QList<Word> splitWords(QByteArrayView line)
{
    QList<Word> words;
    qsizetype i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        if (i >= line.size())
            break;
        const qsizetype begin = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        words.append({begin, i});
    }
    return words;
}

/// A decimal integer with an optional minus sign, surrounding blanks ignored; nullopt for anything else (or more
/// than 18 digits, so it never overflows). Table columns and CSV cells of pids, uids and times.
inline std::optional<int64_t> parseDecimal(QByteArrayView text)
{
    text = text.trimmed();
    bool negative = false;
    if (text.startsWith('-')) {
        negative = true;
        text = text.sliced(1);
    }
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
}

inline QByteArrayView wordAt(QByteArrayView line, const Word& word)
{
    return line.sliced(word.begin, word.end - word.begin);
}

} // namespace ShimScope
