// SPDX-License-Identifier: GPL-3.0-or-later
#include "importjob.h"

#include "logparser.h"
#include "boundedqueue.h"
#include "bundlereader.h"
#include "casewriter.h"
#include "formatsniffer.h"
#include "linereader.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QHash>
#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ShimScope
{

namespace
{
constexpr size_t kBatchSize = 4096;
constexpr size_t kQueueBatches = 8;

/// Format detection reads at most this much of an entry's (decompressed) start.
constexpr qsizetype kSniffBytes = 64 * 1024;
/// A checksum manifest larger than this is not one.
constexpr qsizetype kMaxManifestBytes = 16 * 1024 * 1024;

// Messages from the parsing thread to the writer thread, in order. A tagged struct rather than a std::variant:
// GCC 12 at -O2 reports a false "used uninitialized" when moving variants that hold Qt containers.
struct WriterCommand
{
    enum class Kind
    {
        BeginSource,
        Events,
        FinishSource,
    };
    Kind kind;
    SourceRecord source;
    std::vector<ExecEvent> events;
    SourceOutcome outcome;

    static WriterCommand begin(SourceRecord source) { return {Kind::BeginSource, std::move(source), {}, {}}; }
    static WriterCommand batch(std::vector<ExecEvent> events) { return {Kind::Events, {}, std::move(events), {}}; }
    static WriterCommand finish(SourceOutcome outcome) { return {Kind::FinishSource, {}, {}, std::move(outcome)}; }
};

/// Runs the CaseWriter on its own thread; the first database error stops it and is reported back.
class WriterThread
{
public:
    WriterThread(const QString& casePath, const QStringList& inputs, const QString& importedBy,
                 const std::atomic_bool* cancel)
        : m_queue(kQueueBatches)
        , m_cancel(cancel)
    {
        m_thread = std::thread([this, casePath, inputs, importedBy] { loop(casePath, inputs, importedBy); });
    }
    ~WriterThread()
    {
        m_queue.abort();
        if (m_thread.joinable())
            m_thread.join();
    }

    bool send(WriterCommand command)
    {
        const bool sent = m_queue.push(std::move(command));
        // The batches the writer has stored come back here, to the parsing thread that allocated them: freeing 1M
        // events (a dozen byte arrays each) took ~1.5 s of the writer thread, the one that limits the import, while
        // this thread waited on the full queue. Their events are destroyed here and their storage is reused for the
        // next batches: freeing a batch's 1.6 MB block made glibc consolidate its small free chunks every time
        // (malloc_consolidate, ~0.3 s of this thread at 1M events).
        std::vector<std::vector<ExecEvent>> spent;
        {
            const std::lock_guard lock(m_spentMutex);
            spent.swap(m_spent);
        }
        for (std::vector<ExecEvent>& batch : spent) {
            batch.clear();
            if (m_recycled.size() < kQueueBatches)
                m_recycled.push_back(std::move(batch));
        }
        return sent;
    }

    /// An empty batch with room for kBatchSize events, reused when one has come back from the writer.
    std::vector<ExecEvent> emptyBatch()
    {
        std::vector<ExecEvent> batch;
        if (!m_recycled.empty()) {
            batch = std::move(m_recycled.back());
            m_recycled.pop_back();
        }
        batch.reserve(kBatchSize);
        return batch;
    }
    bool failed() const { return m_failed.load(); }

    /// Closes the queue and waits; returns an empty string when the run was committed.
    QString finish(bool commit, bool* createdCase, LineageStats* lineage)
    {
        m_commit = commit;
        m_queue.close();
        m_thread.join();
        *createdCase = m_createdCase;
        *lineage = m_lineage;
        return m_error;
    }

private:
    void loop(const QString& casePath, const QStringList& inputs, const QString& importedBy)
    {
        try {
            CaseWriter writer(casePath);
            m_createdCase = writer.isNewCase();
            writer.beginRun(inputs, importedBy);
            int64_t sourceId = 0;
            while (auto command = m_queue.pop()) {
                switch (command->kind) {
                case WriterCommand::Kind::BeginSource:
                    sourceId = writer.beginSource(command->source);
                    break;
                case WriterCommand::Kind::Events: {
                    writer.addEvents(sourceId, command->events);
                    const std::lock_guard lock(m_spentMutex);
                    if (m_spent.size() < kQueueBatches) // bounded: a parser that stopped sending leaves the rest to us
                        m_spent.push_back(std::move(command->events));
                    break;
                }
                case WriterCommand::Kind::FinishSource:
                    writer.finishSource(sourceId, command->outcome);
                    break;
                }
            }
            if (m_commit) {
                writer.commit(m_cancel);
                m_lineage = writer.lineageStats();
            }
        } catch (const std::exception& e) {
            m_error = QString::fromUtf8(e.what());
            m_failed = true;
            m_queue.abort();
        }
    }

    BoundedQueue<WriterCommand> m_queue;
    std::mutex m_spentMutex;
    std::vector<std::vector<ExecEvent>> m_spent; ///< stored batches, for the parsing thread to free
    std::vector<std::vector<ExecEvent>> m_recycled; ///< emptied batches (parsing thread only)
    std::thread m_thread;
    std::atomic_bool m_failed{false};
    bool m_commit = false; // written before close(), read after the queue drains: ordered by the queue's mutex
    bool m_createdCase = false;
    const std::atomic_bool* m_cancel;
    LineageStats m_lineage;
    QString m_error;
};

/// What the case records of a file once it has been read (or not).
SourceOutcome outcomeOf(const FileReport& report)
{
    SourceOutcome outcome;
    outcome.status = report.status;
    outcome.message = report.message;
    outcome.sha256Hex = report.sha256Hex;
    outcome.size = report.size;
    outcome.durationMs = report.durationMs;
    outcome.stats = report.stats;
    return outcome;
}

FileReport inputReport(const QString& input, const QString& path, const QString& status, const QString& message)
{
    FileReport report;
    report.input = input;
    report.path = path;
    report.status = status;
    report.message = message;
    return report;
}

/// A checksum manifest as collectors write it (`sha256sum` output: "<64 hex>  <relative path>" per line).
bool isManifestName(const QString& path)
{
    const QString name = QFileInfo(path).fileName().toLower();
    return name.endsWith(QLatin1String(".sha256")) || name == QLatin1String("sha256sums")
        || name == QLatin1String("manifest.txt") || name.startsWith(QLatin1String("manifest.sha"));
}

/// Parses a manifest; empty when the text is not one (every non-empty line must be "<64 hex> [*]<path>").
QHash<QString, QByteArray> parseManifest(QByteArrayView text)
{
    QHash<QString, QByteArray> entries;
    if (text.size() > kMaxManifestBytes)
        return {};
    for (const QByteArray& rawLine : text.toByteArray().split('\n')) {
        const QByteArray line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.indexOf(' ');
        const QByteArray hash = line.left(space).toLower();
        QByteArray name = space < 0 ? QByteArray() : line.mid(space + 1).trimmed();
        if (name.startsWith('*'))
            name.remove(0, 1);
        if (name.startsWith("./"))
            name.remove(0, 2);
        bool hex = hash.size() == 64;
        for (const char c : hash)
            hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (!hex || name.isEmpty())
            return {};
        entries.insert(QString::fromUtf8(name), hash);
    }
    return entries;
}

/// Bytes of an input as stored (a folder's regular files together), for progress.
int64_t inputBytes(const QString& input)
{
    const QFileInfo info(input);
    if (!info.isDir())
        return info.size();
    int64_t total = 0;
    QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo file(it.next());
        total += file.isSymLink() ? 0 : file.size();
    }
    return total;
}

/// A manifest found in an input, checked once every other entry of that input has been read.
struct PendingManifest
{
    FileReport report;
    SourceRecord source;
    QHash<QString, QByteArray> entries;
};

/// Compares a manifest with the hashes of the files of the same input read before it.
QString checkManifest(const FileReport& manifestFile, const QHash<QString, QByteArray>& manifest,
                      const QList<FileReport>& done)
{
    const QString dir = QFileInfo(manifestFile.path).path();
    const QString prefix = dir == QLatin1String(".") ? QString() : dir + QLatin1Char('/');
    int matches = 0;
    QStringList problems;
    QStringList names = manifest.keys();
    names.sort();
    for (const QString& name : std::as_const(names)) {
        const FileReport* found = nullptr;
        for (const FileReport& f : done) {
            if (f.input == manifestFile.input && f.path == prefix + name)
                found = &f;
        }
        if (!found)
            problems.append(QCoreApplication::translate("ImportJob", "%1 is listed but missing").arg(name));
        else if (found->sha256Hex != manifest.value(name))
            problems.append(QCoreApplication::translate("ImportJob", "%1 DOES NOT MATCH (listed %2, read %3)")
                                .arg(name, QString::fromLatin1(manifest.value(name)),
                                     QString::fromLatin1(found->sha256Hex)));
        else
            ++matches;
    }
    QString text = QCoreApplication::translate("ImportJob", "checksum manifest: %1 of %2 files match")
                       .arg(matches)
                       .arg(manifest.size());
    if (!problems.isEmpty())
        text += QStringLiteral("; ") + problems.join(QStringLiteral("; "));
    return text;
}
} // namespace

QString ImportJob::importerVersion(const QString& format)
{
    return format + QStringLiteral("/" SHIMSCOPE_VERSION);
}

ImportJob::ImportJob(QString casePath, QStringList inputs, ImportOptions options)
    : m_casePath(std::move(casePath))
    , m_inputs(std::move(inputs))
    , m_options(std::move(options))
{
}

ImportReport ImportJob::run(const std::atomic_bool* cancel, const Progress& progress)
{
    QElapsedTimer clock;
    clock.start();
    ImportReport report;
    int64_t totalBytes = 0;
    for (const QString& input : m_inputs)
        totalBytes += inputBytes(input);

    QStringList absoluteInputs;
    for (const QString& input : m_inputs)
        absoluteInputs.append(QFileInfo(input).absoluteFilePath());

    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    int64_t doneBytes = 0;
    auto reportProgress = [&](int64_t current, const QString& status, bool force) {
        if (progress && (force || sinceProgress.elapsed() >= 100)) {
            progress(doneBytes + current, totalBytes, status);
            sinceProgress.restart();
        }
    };

    WriterThread writer(m_casePath, absoluteInputs, m_options.importedBy, cancel);
    // CSV mappings (given, remembered) for every file; the host is set per entry below.
    ParserContext baseContext(m_options.host.toUtf8());
    baseContext.csvMappings = m_options.csvMappings;
    baseContext.csvMappingStorePath = m_options.csvMappingStorePath;

    // Records a source that was not parsed (rejected, failed, a bundle, a manifest) with its outcome.
    auto recordSource = [&](const FileReport& fileReport, const SourceRecord& source) {
        writer.send(WriterCommand::begin(source));
        writer.send(WriterCommand::finish(outcomeOf(fileReport)));
        report.files.append(fileReport);
    };

    for (const QString& input : m_inputs) {
        if (cancelled() || writer.failed())
            break;
        BundleReader bundle(input);
        if (!bundle.open()) {
            const bool missing = !QFileInfo::exists(input);
            report.files.append(inputReport(input, QFileInfo(input).fileName(), QStringLiteral("failed"),
                                            missing ? QStringLiteral("no such file") : bundle.error()));
            continue;
        }
        // Bundles (the input when it is an archive, archives inside it) are recorded once read to their end, with
        // the hash of their bytes as stored.
        auto takeBundles = [&] {
            for (BundleInfo info : bundle.takeFinished()) {
                info.input = input;
                report.bundles.append(info);
                if (info.kind == QLatin1String("folder"))
                    continue;
                FileReport bundleReport = inputReport(
                    input, info.path.isEmpty() ? QFileInfo(input).fileName() : info.path, QStringLiteral("bundle"),
                    info.error);
                bundleReport.format = info.kind;
                bundleReport.sha256Hex = info.sha256Hex;
                bundleReport.size = info.size;
                bundleReport.layout = info.layout;
                bundleReport.host = info.host;
                recordSource(bundleReport, {input, bundleReport.path, info.size, info.kind, importerVersion(info.kind)});
            }
        };
        QList<PendingManifest> manifests;
        int64_t entries = 0;
        BundleEntry entry;
        while (!cancelled() && !writer.failed() && bundle.next(&entry)) {
            ++entries;
            QElapsedTimer fileClock;
            fileClock.start();
            FileReport fileReport = inputReport(input, entry.path, {}, {});
            fileReport.size = std::max<int64_t>(entry.size, 0);
            fileReport.host = entry.host;
            reportProgress(bundle.consumedBytes(),
                           QCoreApplication::translate("ImportJob", "Reading %1").arg(entry.path), true);
            if (entry.kind != BundleEntry::Kind::File) {
                fileReport.status = entry.kind == BundleEntry::Kind::Rejected ? QStringLiteral("rejected")
                                                                                : QStringLiteral("failed");
                fileReport.message = entry.reason;
                recordSource(fileReport, {input, entry.path, fileReport.size, QStringLiteral("unknown"),
                                          importerVersion(QStringLiteral("none"))});
                takeBundles();
                continue;
            }

            ByteSource* content = bundle.content();
            LineReader reader(content);
            reader.open();
            const QHash<QString, QByteArray> manifest =
                isManifestName(entry.path) ? parseManifest(reader.peekText(kMaxManifestBytes + 1)) : QHash<QString, QByteArray>();
            const QByteArrayView head = reader.peekText(kSniffBytes);
            const SniffResult sniff = !manifest.isEmpty()                ? SniffResult{{}, {}}
                : head.isEmpty() && reader.failed() ? SniffResult{{}, reader.error()}
                                                    : FormatSniffer::detect(head, QFileInfo(entry.path).fileName(),
                                                                            baseContext);
            const QString format = !manifest.isEmpty() ? QStringLiteral("manifest")
                : sniff.format.isEmpty()               ? QStringLiteral("unknown")
                                                       : sniff.format;
            SourceRecord source{input, entry.path, fileReport.size, format,
                                importerVersion(sniff.format.isEmpty() ? QStringLiteral("none") : sniff.format)};

            if (!manifest.isEmpty()) {
                reader.skipToEnd();
                fileReport.status = QStringLiteral("manifest");
                fileReport.sha256Hex = reader.sha256Hex();
                fileReport.durationMs = fileClock.elapsed();
                manifests.append({fileReport, source, manifest});
                takeBundles();
                continue;
            }
            writer.send(WriterCommand::begin(source));
            if (sniff.format.isEmpty()) {
                fileReport.status = QStringLiteral("skipped");
                fileReport.message = sniff.reason;
                // Every file of the input keeps its hash, read or not: manifests and colleagues check them.
                if (!reader.skipToEnd() && !reader.error().isEmpty()) {
                    fileReport.message += QStringLiteral("; ") + reader.error();
                    if (content->limitHit())
                        fileReport.status = QStringLiteral("rejected"); // inflating it to hash it was a bomb
                }
                fileReport.sha256Hex = reader.sha256Hex();
            } else {
                fileReport.format = sniff.format;
                // The user's --host wins; else the host the collector layout names; else the parser's own default.
                ParserContext context = baseContext;
                context.defaultHost = !m_options.host.isEmpty() ? m_options.host.toUtf8() : entry.host.toUtf8();
                std::vector<ExecEvent> batch = writer.emptyBatch();
                const LogFormat* logFormat = nullptr;
                for (const LogFormat& candidate : logFormats())
                    logFormat = candidate.id == sniff.format ? &candidate : logFormat;
                std::unique_ptr<LogParser> parserOwner = logFormat->create(
                    [&](ExecEvent&& event) {
                        batch.push_back(std::move(event));
                        if (batch.size() >= kBatchSize) {
                            writer.send(WriterCommand::batch(std::move(batch)));
                            batch = writer.emptyBatch();
                        }
                    },
                    context);
                LogParser& parser = *parserOwner;
                QByteArrayView line;
                while (reader.next(&line)) {
                    parser.feedLine(line, reader.lineNumber());
                    if ((reader.lineNumber() & 0xfff) == 0) {
                        if (cancelled() || writer.failed())
                            break;
                        reportProgress(bundle.consumedBytes(),
                                       QCoreApplication::translate("ImportJob", "Reading %1, line %2")
                                           .arg(entry.path)
                                           .arg(reader.lineNumber()),
                                       false);
                    }
                }
                parser.finish();
                if (!batch.empty())
                    writer.send(WriterCommand::batch(std::move(batch)));
                fileReport.stats = parser.stats();
                fileReport.stats.bytesRead = reader.rawBytesRead();
                fileReport.stats.linesRead = reader.lineNumber();
                fileReport.stats.recordsSkipped += reader.skippedLineCount();
                for (const RecordError& skipped : reader.skippedLines())
                    fileReport.stats.addError(skipped.line, skipped.message);
                fileReport.sha256Hex = reader.sha256Hex();
                if (reader.failed() && (reader.limitHit() || content->limitHit())) {
                    // A decompression bomb (or an entry over the size limits): stopped, not read to its end.
                    fileReport.status = QStringLiteral("rejected");
                    fileReport.message = QCoreApplication::translate("ImportJob", "%1 (%2 events read before the stop "
                                                                                  "are kept)")
                                             .arg(reader.error())
                                             .arg(fileReport.stats.events);
                } else if (reader.failed()) {
                    fileReport.status = QStringLiteral("partial");
                    fileReport.message = reader.error();
                } else {
                    fileReport.status = QStringLiteral("imported");
                }
            }
            if (entry.size < 0)
                fileReport.size = reader.rawBytesRead();
            fileReport.durationMs = fileClock.elapsed();
            writer.send(WriterCommand::finish(outcomeOf(fileReport)));
            report.events += fileReport.stats.events;
            report.files.append(fileReport);
            takeBundles();
        }
        takeBundles();
        // Manifests last: they are checked against the hashes of every other entry of the input.
        for (PendingManifest& pending : manifests) {
            pending.report.message = checkManifest(pending.report, pending.entries, report.files);
            recordSource(pending.report, pending.source);
        }
        if (entries == 0 && bundle.isFolder())
            report.files.append(inputReport(input, {}, QStringLiteral("skipped"), QStringLiteral("empty folder")));
        doneBytes += bundle.totalBytes();
    }

    const bool wasCancelled = cancelled();
    if (!wasCancelled)
        reportProgress(0, QCoreApplication::translate("ImportJob", "Writing the case file"), true);
    const QString error = writer.finish(!wasCancelled, &report.createdCase, &report.lineage);
    report.durationMs = clock.elapsed();
    if (cancelled() && !error.isEmpty()) {
        // Cancelled while the lineage was being rebuilt: the run rolled back like any other cancel.
        report.result = ImportReport::Result::Cancelled;
        return report;
    }
    if (!error.isEmpty()) {
        report.result = ImportReport::Result::Failed;
        report.error = error;
        return report;
    }
    if (wasCancelled) {
        report.result = ImportReport::Result::Cancelled;
        return report;
    }

    // An input is usable when at least one of its files was imported.
    report.result = ImportReport::Result::Success;
    for (const QString& input : m_inputs) {
        bool usable = false;
        for (const FileReport& file : std::as_const(report.files))
            usable = usable || (file.input == input && (file.status == QLatin1String("imported")
                                                        || file.status == QLatin1String("partial")));
        if (!usable)
            report.result = ImportReport::Result::Partial;
    }
    return report;
}

} // namespace ShimScope
