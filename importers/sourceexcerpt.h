// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "processdetails.h"

#include <QString>

#include <atomic>
#include <cstdint>

namespace ShimScope
{


/**
 * The case keeps where every record came from (input, path inside it, line, record id, SHA-256), not the raw text:
 * logs are often larger than the case. When the analyst asks, this re-reads the record from the original file if
 * it is still where it was imported from (plain or compressed; a file given directly or inside a folder; inputs
 * given relative are looked up beside the case file too). Lines that belong to the same auditd event (same
 * `msg=audit(…)` id) after the first are collected too, up to maxLines. The whole file is read and its SHA-256
 * compared with the one recorded at import (sha256Hex; when empty, nothing is checked and reading stops after the
 * excerpt): a file that changed since is reported, never shown as if it held the record. Blocking (reads the whole
 * file): call it off the GUI thread.
 */
SourceExcerpt readSourceExcerpt(const QString& input, const QString& path, const QString& caseFile, int64_t line,
                                const QString& recordId, const QString& sha256Hex = {}, int maxLines = 16,
                                const std::atomic_bool* cancel = nullptr);

} // namespace ShimScope
