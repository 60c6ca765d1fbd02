// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "logparser.h"

#include <QByteArrayView>
#include <QString>

namespace ShimScope
{

/// The result of looking at a file's first bytes.
struct SniffResult
{
    QString format; ///< a LogFormat id ("auditd", …), or empty when no importer takes the file
    QString reason; ///< why it was not taken (shown in the import summary)
};

/// Detects a log format by content (the file name is only a hint for the message). Reads at most 64 KiB.
class FormatSniffer
{
public:
    /// A format that claims the file but refuses it with this context (a CSV header no mapping fits) gives an empty
    /// format and its reason.
    static SniffResult detect(const QString& path, const ParserContext& context = {});
    /// The same for text already at hand: `head` is the start of the (decompressed) content, at most 64 KiB, e.g.
    /// of an archive entry that cannot be read twice; fileName is the entry's name.
    static SniffResult detect(QByteArrayView head, const QString& fileName, const ParserContext& context = {});
};

} // namespace ShimScope
