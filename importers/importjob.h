// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bundlereader.h"
#include "csvmapping.h"
#include "importstats.h"
#include "lineage.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace ShimScope
{

struct ImportOptions
{
    QString host;       ///< host name for events whose log does not name one (no `node=`)
    QString importedBy; ///< analyst recorded as importer; default: the login name
    /// CSV/TSV column mappings to try first, each over the automatic one (see chooseCsvMapping).
    QList<CsvMapping> csvMappings = {};
    /// Remembered CSV mappings (CsvMappingStore); empty = none. The CLI and GUI pass CsvMappingStore::defaultPath().
    QString csvMappingStorePath = {};
};

/// What happened to one file of an import.
struct FileReport
{
    QString input;  ///< the path the user gave
    QString path;   ///< the file relative to that input (its own name for a single file)
    QString format; ///< detected format, empty when not taken
    QString status; ///< "imported", "partial" (read error part-way; what was read is kept), "skipped", "failed",
                    ///< "manifest" (a checksum list, checked against the other files of its input),
                    ///< "rejected" (not read on purpose: link, device, unsafe name, encrypted, decompression bomb;
                    ///< message says why), "bundle" (an archive whose entries are listed beside it)
    QString message;
    QByteArray sha256Hex;
    int64_t size = 0;
    int64_t durationMs = 0;
    SourceStats stats;
    QString layout; ///< bundles: the collector layout recognised ("UAC", "Velociraptor", …)
    QString host;   ///< bundles: the host their layout names; entries: the host given to their parser by default
};

struct ImportReport
{
    enum class Result
    {
        Success,   ///< committed; every input gave at least one imported file
        Partial,   ///< committed; some input gave nothing usable (see files)
        Cancelled, ///< rolled back: the case is as it was
        Failed,    ///< rolled back: the case is as it was (error says why)
    };
    Result result = Result::Failed;
    QString error;
    QList<FileReport> files;
    QList<BundleInfo> bundles; ///< every folder and archive read (inputs and archives inside them), innermost first
    int64_t events = 0;
    bool createdCase = false;
    int64_t durationMs = 0;
    LineageStats lineage; ///< the case's lineage and attribution after this run
};

/**
 * Imports files and folders into a case file as one run. The calling thread reads and parses; a writer thread
 * owns the case connection and is fed through a bounded queue, so memory does not grow with the input.
 * Blocking: call run() from a worker thread in the GUI.
 */
class ImportJob
{
public:
    /// done and total are bytes of the input files as stored; called at most about ten times a second.
    using Progress = std::function<void(int64_t done, int64_t total, const QString& status)>;

    ImportJob(QString casePath, QStringList inputs, ImportOptions options = {});

    ImportReport run(const std::atomic_bool* cancel = nullptr, const Progress& progress = {});

    /// Version recorded with every source read by the importer of a format, e.g. "auditd/0.1.0".
    static QString importerVersion(const QString& format);

private:
    QString m_casePath;
    QStringList m_inputs;
    ImportOptions m_options;
};

} // namespace ShimScope
