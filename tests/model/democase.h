// SPDX-License-Identifier: GPL-3.0-or-later
// The demo bundle (resources/demo/bundle, a real lab capture) imported the way demo.sh does: host name "lab".
#pragma once

#include "database.h"
#include "importjob.h"

#include <QString>
#include <QStringList>

#include <cstdint>

namespace ShimScope::DemoCase
{
inline const QString kBundle = QStringLiteral(SHIMSCOPE_SOURCE_DIR "/resources/demo/bundle");
inline const QString kHost = QStringLiteral("lab");
/// lab-alp (lab/alpinelike), where /.redtail ran as "systemd"; lab-web (lab/busybox), where docker exec sessions ran;
/// lab-b64, whose entrypoint pipes base64 into sh (resources/demo/README.md, tests/data/lab/main/timeline.tsv).
inline const QString kAlp = QStringLiteral("40a5654221131f1e079c712b6f0c9457d1fd36afc6429041754d30496c52ab17");
inline const QString kWeb = QStringLiteral("2fe5bf26fd899a7280b1b37d28083c70db3ed4a4adde1975e6ae989c2587c29c");
inline const QString kB64 = QStringLiteral("fc56deb138c323beb6a360e1583e248b7de59db0e92e2321cbcc9a8f2dc9fc6f");

inline ImportReport import(const QString& casePath, const QStringList& inputs = {kBundle},
                           const QString& host = kHost)
{
    ImportOptions options;
    options.host = host;
    return ImportJob(casePath, inputs, options).run();
}

/// containers.id of a container by its full id, 0 if none.
inline int64_t containerRef(Database& db, const QString& containerId)
{
    Statement s(db, "SELECT id FROM containers WHERE container_id = ?");
    s.bind(1, containerId);
    return s.step() ? s.columnInt(0) : 0;
}

/// The node of the exec of an executable (first in time), 0 if none.
inline int64_t execNode(Database& db, const QByteArray& exe)
{
    Statement s(db, "SELECT n.id FROM process_nodes n JOIN exec_events e ON e.id = n.event_id "
                    "JOIN strings x ON x.id = e.exe_id WHERE x.value = ? ORDER BY n.start_ts, n.id LIMIT 1");
    s.bindBlob(1, exe);
    return s.step() ? s.columnInt(0) : 0;
}
} // namespace ShimScope::DemoCase
