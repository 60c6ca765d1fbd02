// SPDX-License-Identifier: GPL-3.0-or-later
// The details pane's content: on the real demo capture (/.redtail in lab-alp, lab-b64's base64 entrypoint) and on
// hostile strings, which must come out as text, never as markup.

#include "casereader.h"
#include "democase.h"
#include "importjob.h"
#include "processdetails.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;

class TestProcessDetails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void redtailNamesItsContainerAndEvidence();
    void base64EntrypointDecodesOnDemand();
    void placeholderSaysItWasNeverSeen();
    void hostileStringsAreEscaped();

private:
    int64_t nodeOf(CaseReader& reader, int64_t pid, const QByteArray& exe);

    QTemporaryDir m_dir;
    QString m_case;
};

void TestProcessDetails::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_case = m_dir.filePath(QStringLiteral("demo.shimscope"));
    QCOMPARE(DemoCase::import(m_case).result, ImportReport::Result::Success);
}

int64_t TestProcessDetails::nodeOf(CaseReader& reader, int64_t pid, const QByteArray& exe)
{
    ProcessQuery query(reader.database());
    for (const NodeRow& row : query.findByPid(pid, QStringLiteral("lab"))) {
        if (row.exe == exe)
            return row.id;
    }
    return 0;
}

void TestProcessDetails::redtailNamesItsContainerAndEvidence()
{
    CaseReader reader(m_case);
    const int64_t id = nodeOf(reader, 6759, "/.redtail");
    QVERIFY(id > 0);
    const std::optional<ProcessDetails> details = loadProcessDetails(reader, id);
    QVERIFY(details);
    QVERIFY(details->exec);
    // `exec -a systemd /.redtail`: argv[0] says systemd, the kernel's comm and exe say what really runs.
    QCOMPARE(details->node.argv.value(0), QByteArray("systemd"));
    QCOMPARE(details->exec->comm, QByteArray(".redtail"));
    QVERIFY(details->container);
    QCOMPARE(details->container->shortId, QStringLiteral("40a565422113"));
    QVERIFY(details->predecessor);
    QCOMPARE(details->predecessor->role, QStringLiteral("exec-session root"));
    QVERIFY(details->anchor);
    QCOMPARE(details->anchor->argv.value(0), QByteArray("runc"));
    QVERIFY(details->anchor->argv.contains("exec"));

    const QString html = processDetailsHtml(*details);
    QVERIFY(html.contains(QStringLiteral("Ran in container")));
    QVERIFY(html.contains(QStringLiteral("40a565422113")));
    QVERIFY(html.contains(QStringLiteral("<code>systemd</code>")));
    // The evidence links to the runc exec that named the container and to the session root it re-exec'd from.
    QVERIFY(html.contains(QStringLiteral("shimscope:node/%1\"").arg(details->anchor->id)));
    QVERIFY(html.contains(QStringLiteral("shimscope:node/%1\"").arg(details->predecessor->id)));
    QVERIFY(html.contains(QStringLiteral("shimscope:container/%1\"").arg(details->container->id)));
    // And the record it came from, by file and line.
    QVERIFY(html.contains(QStringLiteral("var/log/audit/audit.log.gz:%1").arg(details->exec->line)));
    QVERIFY(details->exec->line > 0);
    // Step by step: every evidence step links to its process; the runc exec's id argument is shown on its own.
    QVERIFY(details->evidence.size() >= 3);
    for (const EvidenceStep& step : details->evidence)
        QVERIFY(html.contains(QStringLiteral("shimscope:node/%1\"").arg(step.nodeId)));
    QVERIFY(html.contains(QStringLiteral("named by the argument")));
    QVERIFY(html.contains(QStringLiteral("40a5654221131f1e079c712b6f0c9457d1fd36afc6429041754d30496c52ab17</b></code>")));
    // The record's file hash, as the manifest lists it.
    QCOMPARE(details->records.size(), 1);
    QVERIFY(html.contains(details->records.first().sha256));
    QCOMPARE(details->records.first().sha256.size(), 64);
    // Its container's exec sessions link to their roots (lab-alp had two).
    QCOMPARE(details->execSessions.size(), 2);
    for (const NodeRow& session : details->execSessions)
        QVERIFY(html.contains(QStringLiteral("shimscope:node/%1\"").arg(session.id)));
}

void TestProcessDetails::base64EntrypointDecodesOnDemand()
{
    CaseReader reader(m_case);
    ProcessQuery query(reader.database());
    int64_t entrypoint = 0;
    for (const ContainerRow& c : query.containers()) {
        if (c.name == QLatin1String("lab-b64"))
            entrypoint = c.entrypointNodeId;
    }
    QVERIFY(entrypoint > 0);
    const std::optional<ProcessDetails> details = loadProcessDetails(reader, entrypoint);
    QVERIFY(details);
    QCOMPARE(details->payloads.size(), 1);
    QCOMPARE(details->payloads.first().argument, 2);
    const QString closed = processDetailsHtml(*details);
    QVERIFY(closed.contains(QStringLiteral("shimscope:decode/0")));
    QVERIFY(!closed.contains(QStringLiteral("uname -a")));
    const QString open = processDetailsHtml(*details, {0});
    QVERIFY(open.contains(QStringLiteral("id; uname -a; sleep 1")));
    QVERIFY(!open.contains(QStringLiteral("shimscope:decode/0")));
}

void TestProcessDetails::placeholderSaysItWasNeverSeen()
{
    CaseReader reader(m_case);
    const int64_t placeholder
        = reader.database().queryInt("SELECT id FROM process_nodes WHERE placeholder = 1 ORDER BY id LIMIT 1");
    QVERIFY(placeholder > 0);
    const std::optional<ProcessDetails> details = loadProcessDetails(reader, placeholder);
    QVERIFY(details);
    QVERIFY(!details->exec);
    QVERIFY(details->childCount > 0);
    QVERIFY(processDetailsHtml(*details).contains(QStringLiteral("never seen exec'ing")));
    QVERIFY(!loadProcessDetails(reader, 99999999));
}

void TestProcessDetails::hostileStringsAreEscaped()
{
    ProcessDetails details;
    details.node.id = 7;
    details.node.pid = 4242;
    details.node.exe = "/tmp/<b>x</b>";
    details.node.argv = {"<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "\x1b[31mred\xff"};
    details.node.location = QStringLiteral("container");
    details.node.containerId = QStringLiteral("<i>deadbeef</i>");
    details.node.evidence = {QStringLiteral("decided by <a href=\"javascript:x\">runc</a>")};
    ContainerRow container;
    container.id = 3;
    container.containerId = QStringLiteral("c<o>ntainer");
    container.name = QStringLiteral("</td><script>");
    container.image = QStringLiteral("evil&image");
    details.container = container;
    EventRow exec;
    exec.sourcePath = QStringLiteral("bundle/<evil>.log");
    exec.cwd = "/<cwd>";
    exec.comm = "<comm>";
    details.exec = exec;
    details.payloads = PayloadDecoder::find({"sh", "-c", "echo PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg== | base64 -d"});
    QCOMPARE(details.payloads.size(), 1);

    const QString html = processDetailsHtml(details, {0});
    for (const char* markup : {"<script", "<img", "<b>x", "<i>dead", "<o>", "<evil>", "<cwd>", "<comm>",
                               "javascript:", "</td><script"}) {
        if (QLatin1String(markup) == QLatin1String("javascript:")) {
            // The text may say javascript: but never as a link target.
            QVERIFY(!html.contains(QStringLiteral("href=\"javascript:")));
            continue;
        }
        QVERIFY2(!html.contains(QLatin1String(markup)), markup);
    }
    QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")));
    QVERIFY(html.contains(QStringLiteral("evil&amp;image")));
    // Control bytes and invalid UTF-8 are shown as escapes, not passed to the renderer.
    QVERIFY(!html.contains(QChar(0x1b)));
    QVERIFY(html.contains(QStringLiteral("\\xff")) || html.contains(QStringLiteral("\\xFF")));
    // Every link in the output uses the application's own scheme.
    const QRegularExpression href(QStringLiteral("href=\"([^\"]*)\""));
    for (auto it = href.globalMatch(html); it.hasNext();)
        QVERIFY(it.next().captured(1).startsWith(QLatin1String("shimscope:")));
}

QTEST_GUILESS_MAIN(TestProcessDetails)
#include "tst_processdetails.moc"
