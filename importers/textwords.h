// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QList>

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

inline QByteArrayView wordAt(QByteArrayView line, const Word& word)
{
    return line.sliced(word.begin, word.end - word.begin);
}

} // namespace ShimScope
