// SPDX-License-Identifier: GPL-3.0-or-later
// Pivot queries of ProcessQuery on the real demo bundle: a container and its processes, exec sessions, the
// entrypoint, the source records of a node and the evidence chain behind an attribution.

#include "casefile.h"
#include "democase.h"
#include "processquery.h"
#include "runtimecommand.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;

class TestProcessQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_case = m_dir.filePath(QStringLiteral("demo.shimscope"));
        QCOMPARE(DemoCase::import(m_case).result, ImportReport::Result::Success);
    }

    void containerByRef()
    {
        Database db = CaseFile::openReadOnly(m_case);
        ProcessQuery query(db);
        const int64_t alp = DemoCase::containerRef(db, DemoCase::kAlp);
        QVERIFY(alp > 0);
        const std::optional<ContainerRow> row = query.container(alp);
        QVERIFY(row);
        QCOMPARE(row->containerId, DemoCase::kAlp);
        QCOMPARE(row->shortId, DemoCase::kAlp.left(12));
        QCOMPARE(row->runtime, QStringLiteral("runc"));
        QCOMPARE(row->host, DemoCase::kHost);
        QVERIFY(row->shimNodeId > 0);
        QCOMPARE(query.node(row->shimNodeId)->runtime, QStringLiteral("shim"));
        // The same row as in the full list.
        bool listed = false;
        for (const ContainerRow& c : query.containers()) {
            if (c.id == alp) {
                listed = true;
                QCOMPARE(c.processes, row->processes);
                QCOMPARE(c.execSessions, row->execSessions);
                QCOMPARE(c.entrypointNodeId, row->entrypointNodeId);
            }
        }
        QVERIFY(listed);
        QVERIFY(!query.container(999999));
    }

    void containerProcessesInTimeOrder()
    {
        Database db = CaseFile::openReadOnly(m_case);
        ProcessQuery query(db);
        const int64_t alp = DemoCase::containerRef(db, DemoCase::kAlp);
        Statement count(db, "SELECT count(*) FROM process_nodes WHERE container_ref = ?");
        count.bind(1, alp);
        QVERIFY(count.step());
        const QList<NodeRow> all = query.containerProcesses(alp);
        QCOMPARE(all.size(), count.columnInt(0));
        QVERIFY(all.size() > 10);
        for (int i = 1; i < all.size(); ++i)
            QVERIFY(all.at(i - 1).timeNs <= all.at(i).timeNs);
        for (const NodeRow& n : all)
            QCOMPARE(n.containerId, DemoCase::kAlp);
        const QList<NodeRow> firstFive = query.containerProcesses(alp, 5);
        QCOMPARE(firstFive.size(), 5);
        QCOMPARE(firstFive.last().id, all.at(4).id);
        QVERIFY(query.containerProcesses(999999).isEmpty());
    }

    void execSessionsOfDockerExec()
    {
        Database db = CaseFile::openReadOnly(m_case);
        ProcessQuery query(db);
        const int64_t web = DemoCase::containerRef(db, DemoCase::kWeb);
        const QList<NodeRow> roots = query.execSessionRoots(web);
        // Scenario b ran five `docker exec` into lab-web (plain, -it via script, interactive, -u nobody, -d) and
        // scenario c two more (-d): seven sessions, each under the container's shim, each started by a runc exec.
        QCOMPARE(roots.size(), 7);
        QCOMPARE(query.container(web)->execSessions, 7);
        QStringList commands;
        for (const NodeRow& root : roots) {
            QCOMPARE(root.role, QStringLiteral("exec-session root"));
            QCOMPARE(root.containerId, DemoCase::kWeb);
            QCOMPARE(root.confidence, QStringLiteral("certain"));
            const QString why = root.evidence.join(u' ');
            QVERIFY2(why.contains(QStringLiteral("runc exec")), qPrintable(why));
            QStringList args;
            for (const QByteArray& a : root.argv)
                args.append(QString::fromUtf8(a));
            commands.append(args.join(u' '));
        }
        QVERIFY2(commands.contains(QStringLiteral("sh -c id; ls /; sleep 1")), qPrintable(commands.join(u'|')));
        QVERIFY2(commands.contains(QStringLiteral("sh -c id; sleep 1")), qPrintable(commands.join(u'|')));
        // No sessions were run in lab-b64.
        QVERIFY(query.execSessionRoots(DemoCase::containerRef(db, DemoCase::kB64)).isEmpty());
    }

    void entrypointPipesBase64IntoShell()
    {
        Database db = CaseFile::openReadOnly(m_case);
        ProcessQuery query(db);
        const int64_t b64 = DemoCase::containerRef(db, DemoCase::kB64);
        const std::optional<ContainerRow> container = query.container(b64);
        QVERIFY(container);
        QCOMPARE(container->name, QStringLiteral("lab-b64"));
        QCOMPARE(container->image, QStringLiteral("lab/alpinelike"));
        const std::optional<NodeRow> entrypoint = query.entrypoint(b64);
        QVERIFY(entrypoint);
        QCOMPARE(entrypoint->id, container->entrypointNodeId);
        QCOMPARE(entrypoint->role, QStringLiteral("entrypoint"));
        // tests/data/lab/main/timeline.tsv: docker run --name lab-b64 lab/alpinelike sh -c 'echo … | base64 -d | sh'
        const QList<QByteArray> expected{"sh", "-c", "echo aWQ7IHVuYW1lIC1hOyBzbGVlcCAx | base64 -d | sh"};
        QCOMPARE(entrypoint->argv, expected);
        QCOMPARE(entrypoint->containerId, DemoCase::kB64);
        // Its pipeline ran in the container too: base64 -d and the shell it feeds.
        bool decoder = false;
        for (const NodeRow& n : query.containerProcesses(b64))
            decoder = decoder || (n.argv.size() >= 2 && n.argv.at(0) == "base64" && n.argv.at(1) == "-d");
        QVERIFY(decoder);
        QVERIFY(!query.entrypoint(999999));
    }

    void sourceRecordsOfANode()
    {
        Database db = CaseFile::openReadOnly(m_case);
        ProcessQuery query(db);
        const int64_t redtail = DemoCase::execNode(db, "/.redtail");
        QVERIFY(redtail > 0);
        const QList<SourceRecordRow> records = query.sourceRecords(redtail);
        QCOMPARE(records.size(), 1);
        const SourceRecordRow& r = records.first();
        QVERIFY(r.primary);
        QCOMPARE(r.kind, EventKind::Exec);
        QCOMPARE(r.path, QStringLiteral("var/log/audit/audit.log.gz"));
        QCOMPARE(r.format, QStringLiteral("auditd"));
        QVERIFY(r.input.endsWith(QStringLiteral("resources/demo/bundle")));
        QVERIFY(r.line > 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d{3}:\\d+$")).match(r.record).hasMatch(),
                 qPrintable(r.record));
        Statement sha(db, "SELECT sha256 FROM sources WHERE id = ?");
        sha.bind(1, r.sourceId);
        QVERIFY(sha.step());
        QCOMPARE(r.sha256, sha.columnText(0));
        QCOMPARE(r.sha256.size(), 64);

        // The same bundle imported twice: the second copy of each exec is a duplicate record of the same process
        // (table merged_events), listed after the node's own record.
        const QString twice = m_dir.filePath(QStringLiteral("twice.shimscope"));
        QCOMPARE(DemoCase::import(twice).result, ImportReport::Result::Success);
        QCOMPARE(DemoCase::import(twice).result, ImportReport::Result::Success);
        {
            Database db2 = CaseFile::openReadOnly(twice);
            ProcessQuery query2(db2);
            const int64_t node2 = DemoCase::execNode(db2, "/.redtail");
            const QList<SourceRecordRow> both = query2.sourceRecords(node2);
            QCOMPARE(both.size(), 2);
            QVERIFY(both.first().primary);
            QVERIFY(!both.last().primary);
            QVERIFY(both.first().sourceId != both.last().sourceId);
            QCOMPARE(both.last().sha256, both.first().sha256);
            QCOMPARE(both.last().record, both.first().record);
            QCOMPARE(both.last().line, both.first().line);
        }

        // A placeholder has no record of its own.
        Statement placeholder(db, "SELECT id FROM process_nodes WHERE placeholder = 1 AND event_id IS NULL LIMIT 1");
        QVERIFY(placeholder.step());
        QVERIFY(query.sourceRecords(placeholder.columnInt(0)).isEmpty());
    }

    void evidenceChainOfRedtail()
    {
        Database db = CaseFile::openReadOnly(m_case);
        ProcessQuery query(db);
        const int64_t redtail = DemoCase::execNode(db, "/.redtail");
        const std::optional<NodeRow> node = query.node(redtail);
        QVERIFY(node);
        QCOMPARE(node->containerId, DemoCase::kAlp);
        QCOMPARE(node->argv.value(0), QByteArray("systemd"));

        const QList<EvidenceStep> steps = query.evidenceChain(redtail);
        QVERIFY(steps.size() >= 3);
        QCOMPARE(steps.first().nodeId, redtail);
        Statement exists(db, "SELECT count(*) FROM process_nodes WHERE id = ?");
        QSet<int64_t> ids;
        for (const EvidenceStep& step : steps) {
            exists.bind(1, step.nodeId);
            QVERIFY(exists.step());
            QVERIFY2(exists.columnInt(0) == 1, qPrintable(QString::number(step.nodeId)));
            exists.reset();
            QVERIFY(!ids.contains(step.nodeId));
            ids.insert(step.nodeId);
            QVERIFY(!step.text.isEmpty());
        }
        // /.redtail replaced the exec session's shell (same pid): the session root decided, under the shim,
        // and the runc exec the shim ran named the container with its positional id.
        QCOMPARE(steps.at(0).kind, EvidenceStep::SameProcess);
        auto find = [&steps](EvidenceStep::Kind kind) {
            for (const EvidenceStep& s : steps) {
                if (s.kind == kind)
                    return s;
            }
            return EvidenceStep{EvidenceStep::Truncated, 0, 0, {}, {}, -1};
        };
        const EvidenceStep decision = find(EvidenceStep::Decision);
        QVERIFY(decision.nodeId);
        QCOMPARE(query.node(decision.nodeId)->role, QStringLiteral("exec-session root"));
        QVERIFY(decision.text.contains(DemoCase::kAlp));
        QCOMPARE(decision.containerRef, DemoCase::containerRef(db, DemoCase::kAlp));

        const EvidenceStep supervisor = find(EvidenceStep::Supervisor);
        QVERIFY(supervisor.nodeId);
        QCOMPARE(query.node(supervisor.nodeId)->exe, QByteArray("/usr/bin/containerd-shim-runc-v2"));
        QVERIFY(supervisor.text.contains(QStringLiteral("containerd-shim-runc-v2")));

        const EvidenceStep anchor = find(EvidenceStep::Anchor);
        QVERIFY(anchor.nodeId);
        QCOMPARE(steps.last().kind, EvidenceStep::Anchor);
        const std::optional<NodeRow> runc = query.node(anchor.nodeId);
        QCOMPARE(runc->runtime, QStringLiteral("runtime"));
        QVERIFY(runc->argv.contains("exec"));
        QVERIFY(anchor.text.contains(QStringLiteral("runc")));
        QVERIFY(anchor.text.contains(QStringLiteral("exec")));
        QCOMPARE(anchor.argument, DemoCase::kAlp);
        QVERIFY(anchor.argumentIndex > 0);
        QCOMPARE(runc->argv.at(anchor.argumentIndex), DemoCase::kAlp.toUtf8());
        QCOMPARE(classifyRuntime(runc->exe, runc->argv).containerId, DemoCase::kAlp.toUtf8());
    }

    void evidenceChainOfHostAndRuntimeProcesses()
    {
        Database db = CaseFile::openReadOnly(m_case);
        ProcessQuery query(db);
        // The shim decided for itself: one step, naming its -id argument.
        const int64_t shim = query.container(DemoCase::containerRef(db, DemoCase::kAlp))->shimNodeId;
        const QList<EvidenceStep> own = query.evidenceChain(shim);
        QCOMPARE(own.size(), 1);
        QCOMPARE(own.first().kind, EvidenceStep::Decision);
        QCOMPARE(own.first().nodeId, shim);
        QCOMPARE(own.first().argument, QStringLiteral("-id ") + DemoCase::kAlp);

        // A host process: inherited answers up to where the host decision was made.
        Statement host(db, "SELECT n.id FROM process_nodes n WHERE n.location = 'host' AND n.evidence IS NULL "
                           "AND n.parent_id IS NOT NULL ORDER BY n.id LIMIT 1");
        QVERIFY(host.step());
        const QList<EvidenceStep> steps = query.evidenceChain(host.columnInt(0));
        QVERIFY(steps.size() >= 2);
        QCOMPARE(steps.first().kind, EvidenceStep::Inherited);
        QVERIFY(steps.last().kind == EvidenceStep::Decision || steps.last().kind == EvidenceStep::Truncated);
        QVERIFY(steps.size() <= ProcessQuery::kMaxEvidenceSteps);
        QVERIFY(query.evidenceChain(999999).isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QString m_case;
};

QTEST_MAIN(TestProcessQuery)
#include "tst_processquery.moc"
