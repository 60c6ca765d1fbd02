// SPDX-License-Identifier: GPL-3.0-or-later
#include "processdetails.h"

#include "eventtablemodel.h"

#include <QCoreApplication>

namespace ShimScope
{

namespace
{
QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString safe(const QByteArray& bytes)
{
    return esc(EventTableModel::displayText(bytes));
}

QString nodeLink(const NodeRow& row)
{
    return QStringLiteral("<a href=\"shimscope:node/%1\">%2 %3</a>")
        .arg(row.id)
        .arg(row.pid)
        .arg(esc(processDisplayName(row)));
}

QString idText(int64_t value)
{
    return value == kUnknownId ? QCoreApplication::translate("ProcessDetails", "—") : QString::number(value);
}

QString auidText(int64_t value)
{
    if (value == EventTableModel::kUnsetAuid)
        return QCoreApplication::translate("ProcessDetails", "unset");
    return idText(value);
}

void field(QString* html, const QString& name, const QString& valueHtml)
{
    if (valueHtml.isEmpty())
        return;
    *html += QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>").arg(esc(name),
                                                                                                          valueHtml);
}

std::optional<EventRow> readEvent(CaseReader& reader, int64_t eventId)
{
    const int64_t ids[] = {eventId};
    std::vector<EventRow> rows = reader.events(ids);
    if (rows.empty())
        return std::nullopt;
    return std::move(rows.front());
}
} // namespace

std::optional<ProcessDetails> loadProcessDetails(CaseReader& reader, int64_t nodeId)
{
    Database& db = reader.database();
    ProcessQuery query(db);
    std::optional<NodeRow> node = query.node(nodeId);
    if (!node)
        return std::nullopt;
    ProcessDetails details;
    details.node = std::move(*node);

    Statement s(db, "SELECT event_id, container_ref, anchor_id, "
                    "(SELECT count(*) FROM process_nodes c WHERE c.parent_id = n.id) FROM process_nodes n WHERE id = ?");
    s.bind(1, nodeId);
    int64_t eventId = 0;
    int64_t containerRef = 0;
    int64_t anchorId = 0;
    if (s.step()) {
        eventId = s.columnInt(0);
        containerRef = s.columnInt(1);
        anchorId = s.columnInt(2);
        details.childCount = s.columnInt(3);
    }

    if (eventId)
        details.exec = readEvent(reader, eventId);
    if (containerRef)
        details.container = query.container(containerRef);
    if (details.node.parentId)
        details.parent = query.node(details.node.parentId);
    if (details.node.predecessorId)
        details.predecessor = query.node(details.node.predecessorId);
    if (anchorId && anchorId != nodeId)
        details.anchor = query.node(anchorId);
    details.payloads = PayloadDecoder::find(details.node.argv);
    details.evidence = query.evidenceChain(nodeId);
    details.records = query.sourceRecords(nodeId);
    if (details.container)
        details.execSessions = query.execSessionRoots(details.container->id);
    return details;
}

QString processDetailsHtml(const ProcessDetails& details, const QSet<int>& decoded)
{
    const NodeRow& node = details.node;
    QString html;
    html += QStringLiteral("<h3>%1 <span style=\"font-weight:normal\">pid %2</span></h3>")
                .arg(esc(processDisplayName(node)))
                .arg(node.pid);

    // Where it ran, first: the question the analyst came with.
    QString where;
    if (node.location == QLatin1String("container")) {
        const QString name = details.container && !details.container->name.isEmpty()
            ? QStringLiteral(" (%1)").arg(esc(details.container->name))
            : QString();
        where = QCoreApplication::translate("ProcessDetails", "Ran in container <a href=\"shimscope:container/%1\"><b>%2</b></a>%3")
                    .arg(details.container ? details.container->id : 0)
                    .arg(esc(node.containerId.left(12)), name);
    } else if (node.location == QLatin1String("host")) {
        where = QCoreApplication::translate("ProcessDetails", "Ran on the host <b>%1</b>").arg(esc(node.host));
    } else {
        where = QCoreApplication::translate("ProcessDetails", "Where it ran is unknown (its chain of parents breaks before any host or runtime process)");
    }
    html += QStringLiteral("<p>%1 — %2 <i>%3</i>; role: %4</p>")
                .arg(where, QCoreApplication::translate("ProcessDetails", "confidence"), esc(node.confidence), esc(node.role));

    // Command line: every argument on its own line, exact (escaped) bytes.
    html += QStringLiteral("<h4>%1 <a href=\"shimscope:copy/argv\">%2</a></h4>").arg(QCoreApplication::translate("ProcessDetails", "Command line"), QCoreApplication::translate("ProcessDetails", "copy"));
    if (node.argv.isEmpty()) {
        html += QStringLiteral("<p><i>%1</i></p>").arg(QCoreApplication::translate("ProcessDetails", "not logged"));
    } else {
        html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">");
        for (int i = 0; i < node.argv.size(); ++i) {
            html += QStringLiteral("<tr><td style=\"color:gray;padding-right:8px\">argv[%1]</td>"
                                   "<td><code>%2</code></td></tr>")
                        .arg(i)
                        .arg(safe(node.argv.at(i)));
        }
        html += QStringLiteral("</table>");
        if (details.exec && details.exec->argvTruncated)
            html += QStringLiteral("<p><i>%1</i></p>").arg(QCoreApplication::translate("ProcessDetails", "The log truncated this command line."));
    }
    for (int i = 0; i < details.payloads.size(); ++i) {
        const DecodedPayload& payload = details.payloads.at(i);
        const QString label = QCoreApplication::translate("ProcessDetails", "%1 payload in argv[%2] (%3 characters)")
                                  .arg(payload.encoding)
                                  .arg(payload.argument)
                                  .arg(payload.encoded.size());
        if (decoded.contains(i)) {
            html += QStringLiteral("<p>%1%2:<br/><code style=\"background-color:#fff3c4;color:#000\">%3</code></p>")
                        .arg(payload.depth > 1 ? QCoreApplication::translate("ProcessDetails", "inside it, ") : QString(), esc(label), safe(payload.decoded));
        } else {
            html += QStringLiteral("<p>%1 — <a href=\"shimscope:decode/%2\">%3</a></p>")
                        .arg(esc(label))
                        .arg(i)
                        .arg(QCoreApplication::translate("ProcessDetails", "decode"));
        }
    }

    html += QStringLiteral("<h4>%1</h4><table cellspacing=\"0\" cellpadding=\"1\">").arg(QCoreApplication::translate("ProcessDetails", "Process"));
    field(&html, QCoreApplication::translate("ProcessDetails", "Executable"), node.exe.isEmpty() ? QString() : QStringLiteral("<code>%1</code>").arg(safe(node.exe)));
    if (details.exec) {
        const EventRow& e = *details.exec;
        field(&html, QCoreApplication::translate("ProcessDetails", "Name (comm)"), e.comm.isEmpty() ? QString() : QStringLiteral("<code>%1</code>").arg(safe(e.comm)));
        field(&html, QCoreApplication::translate("ProcessDetails", "Working directory"),
              e.cwd.isEmpty() ? QString() : QStringLiteral("<code>%1</code>").arg(safe(e.cwd)));
        QString user = e.userName.isEmpty() ? QString() : esc(e.userName) + QStringLiteral(" ");
        user += QCoreApplication::translate("ProcessDetails", "uid %1, euid %2, auid %3, session %4")
                    .arg(idText(e.uid), idText(e.euid), auidText(e.auid), idText(e.ses));
        field(&html, QCoreApplication::translate("ProcessDetails", "User"), user);
        field(&html, QCoreApplication::translate("ProcessDetails", "TTY"), e.tty.isEmpty() ? QString() : safe(e.tty));
        field(&html, QCoreApplication::translate("ProcessDetails", "Result"),
              e.kind == EventKind::Snapshot ? QCoreApplication::translate("ProcessDetails", "listed by a process snapshot")
              : e.success                   ? QCoreApplication::translate("ProcessDetails", "exec succeeded")
                                            : QCoreApplication::translate("ProcessDetails", "<b>exec failed</b> (%1)").arg(e.exitCode));
        field(&html, QCoreApplication::translate("ProcessDetails", "Syscall"), esc(QStringList{e.syscall, e.arch}.join(QLatin1Char(' ')).trimmed()));
        field(&html, QCoreApplication::translate("ProcessDetails", "Audit key"), e.key.isEmpty() ? QString() : safe(e.key));
        if (e.startTimeNs)
            field(&html, QCoreApplication::translate("ProcessDetails", "Started"), esc(formatTimestamp(e.startTimeNs)));
    }
    field(&html, QCoreApplication::translate("ProcessDetails", "Time"), esc(formatTimestamp(node.timeNs)));
    field(&html, QCoreApplication::translate("ProcessDetails", "Host"), esc(node.host));
    field(&html, QCoreApplication::translate("ProcessDetails", "PID / PPID"), QStringLiteral("%1 / %2").arg(node.pid).arg(idText(node.ppid)));
    if (details.parent)
        field(&html, QCoreApplication::translate("ProcessDetails", "Parent"), nodeLink(*details.parent) + QStringLiteral(" <i>(%1)</i>").arg(esc(node.parentLink)));
    if (details.predecessor)
        field(&html, QCoreApplication::translate("ProcessDetails", "Earlier image"), nodeLink(*details.predecessor));
    field(&html, QCoreApplication::translate("ProcessDetails", "Children"), QString::number(details.childCount));
    html += QStringLiteral("</table>");

    // Why: the attribution's reasoning, step by step from the process up to the command that named the container;
    // every step links to the process it is about, and the argument that named the id is shown on its own.
    html += QStringLiteral("<h4>%1</h4>").arg(QCoreApplication::translate("ProcessDetails", "Why ShimScope says so"));
    if (details.evidence.isEmpty()) {
        html += QStringLiteral("<ul>");
        for (const QString& reason : node.evidence)
            html += QStringLiteral("<li>%1</li>").arg(esc(reason));
        html += QStringLiteral("</ul>");
    } else {
        html += QStringLiteral("<ol>");
        for (const EvidenceStep& step : details.evidence) {
            QString item = QStringLiteral("<a href=\"shimscope:node/%1\">%2</a>").arg(step.nodeId).arg(esc(step.text));
            if (!step.argument.isEmpty())
                item += QStringLiteral("<br/>%1 <code><b>%2</b></code>").arg(QCoreApplication::translate("ProcessDetails", "named by the argument"),
                                                                              esc(step.argument));
            if (step.containerRef > 0 && (step.kind == EvidenceStep::Anchor || step.kind == EvidenceStep::Decision))
                item += QStringLiteral(" — <a href=\"shimscope:container/%1\">%2</a>")
                            .arg(step.containerRef)
                            .arg(QCoreApplication::translate("ProcessDetails", "show the container"));
            html += QStringLiteral("<li>%1</li>").arg(item);
        }
        html += QStringLiteral("</ol>");
    }
    if (details.anchor)
        html += QStringLiteral("<p>%1 %2:<br/><code>%3</code></p>")
                    .arg(QCoreApplication::translate("ProcessDetails", "Deciding command"), nodeLink(*details.anchor),
                         esc(EventTableModel::commandLine(details.anchor->argv)));

    if (details.container) {
        const ContainerRow& c = *details.container;
        html += QStringLiteral("<h4>%1</h4><table cellspacing=\"0\" cellpadding=\"1\">").arg(QCoreApplication::translate("ProcessDetails", "Container"));
        field(&html, QCoreApplication::translate("ProcessDetails", "ID"), QStringLiteral("<code>%1</code>").arg(esc(c.containerId)));
        field(&html, QCoreApplication::translate("ProcessDetails", "Name"), esc(c.name));
        field(&html, QCoreApplication::translate("ProcessDetails", "Image"), esc(c.image));
        field(&html, QCoreApplication::translate("ProcessDetails", "Runtime"), esc(QStringList{c.runtime, c.engine}.join(QStringLiteral(" / "))));
        field(&html, QCoreApplication::translate("ProcessDetails", "Namespace"), esc(c.namespace_));
        field(&html, QCoreApplication::translate("ProcessDetails", "Pod sandbox"), esc(c.sandboxId));
        if (c.entrypointNodeId)
            field(&html, QCoreApplication::translate("ProcessDetails", "Entrypoint"),
                  QStringLiteral("<a href=\"shimscope:node/%1\">pid %2</a> <code>%3</code>")
                      .arg(c.entrypointNodeId)
                      .arg(c.entrypointPid)
                      .arg(esc(EventTableModel::commandLine(c.entrypointArgv))));
        field(&html, QCoreApplication::translate("ProcessDetails", "Processes"),
              QStringLiteral("%1 — <a href=\"shimscope:container/%2\">%3</a>")
                  .arg(c.processes)
                  .arg(c.id)
                  .arg(QCoreApplication::translate("ProcessDetails", "show every process it ran")));
        QStringList sessions;
        for (const NodeRow& session : details.execSessions)
            sessions.append(nodeLink(session) + QStringLiteral(" <code>%1</code>").arg(
                                esc(EventTableModel::commandLine(session.argv).left(160))));
        field(&html, QCoreApplication::translate("ProcessDetails", "Exec sessions"),
              sessions.isEmpty() ? QString::number(c.execSessions) : sessions.join(QStringLiteral("<br/>")));
        field(&html, QCoreApplication::translate("ProcessDetails", "Restarts"), QString::number(c.restarts));
        field(&html, QCoreApplication::translate("ProcessDetails", "Active"), esc(formatTimestamp(c.firstTs) + QStringLiteral(" … ") + formatTimestamp(c.lastTs)));
        html += QStringLiteral("</table>");
    }

    // The source records, so every statement can be traced to a file, line and file hash.
    html += QStringLiteral("<h4>%1</h4><ul>").arg(QCoreApplication::translate("ProcessDetails", "Source records"));
    for (const SourceRecordRow& r : details.records) {
        html += QStringLiteral("<li><code>%1:%2</code> %3 (%4%5)<br/><span style=\"color:gray\">%6 %7</span>")
                    .arg(esc(r.path))
                    .arg(r.line)
                    .arg(r.record.isEmpty() ? QString() : QCoreApplication::translate("ProcessDetails", "record %1").arg(esc(r.record)), esc(r.format),
                         r.primary ? QString() : QCoreApplication::translate("ProcessDetails", ", the same exec as another source recorded it"),
                         QCoreApplication::translate("ProcessDetails", "SHA-256"), esc(r.sha256));
        for (const SourceExcerpt& excerpt : details.excerpts) {
            if (excerpt.eventId != r.eventId)
                continue;
            if (excerpt.lines.isEmpty()) {
                html += QStringLiteral("<p style=\"color:gray\"><i>%1</i></p>").arg(esc(excerpt.error));
                continue;
            }
            QStringList lines;
            for (const QByteArray& line : excerpt.lines)
                lines.append(safe(line));
            html += QStringLiteral("<pre style=\"white-space:pre-wrap\">%1</pre>").arg(lines.join(QLatin1Char('\n')));
        }
        html += QStringLiteral("</li>");
    }
    if (details.records.isEmpty())
        html += QStringLiteral("<li><i>%1</i></li>").arg(QCoreApplication::translate("ProcessDetails", "none: this process was never seen exec'ing; its "
                                                            "children name it as their parent"));
    html += QStringLiteral("</ul>");
    return html;
}

} // namespace ShimScope
