// SPDX-License-Identifier: GPL-3.0-or-later
#include "laurelparser.h"

#include "jsonlinesplitter.h"

#include <QJsonArray>
#include <QJsonObject>

#include <limits>

namespace ShimScope
{

namespace
{

struct ArchInfo
{
    uint32_t code;
    const char* name;
    int64_t execve;
    int64_t execveat;
};

// AUDIT_ARCH_* values and their exec syscall numbers (FORMATS.md 1.4), for laurel output written without the
// ENRICHED "SYSCALL" name (plain RAW auditd input or `translate.universal = false` with RAW logs).
constexpr ArchInfo kArches[] = {
    {0xc000003e, "x86_64", 59, 322},   {0x40000003, "i386", 11, 358},         {0xc00000b7, "aarch64", 221, 281},
    {0xc00000f3, "riscv64", 221, 281}, {0xc0000102, "loongarch64", 221, 281}, {0x80000015, "ppc64", 11, 362},
    {0xc0000015, "ppc64le", 11, 362},  {0x80000016, "s390x", 11, 354},        {0x40000028, "arm", 11, 387},
};

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// laurel writes bytes < 0x20, 0x7f, '%', '+' and non-ASCII bytes as %XX (its doc/json-format.md); undo that.
QByteArray percentDecode(const QByteArray& text)
{
    if (!text.contains('%'))
        return text;
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hexDigit(text[i + 1]) >= 0 && hexDigit(text[i + 2]) >= 0) {
            out.append(char(hexDigit(text[i + 1]) * 16 + hexDigit(text[i + 2])));
            i += 2;
        } else {
            out.append(text[i]);
        }
    }
    return out;
}

/// A laurel string value as the logged bytes; numbers as their decimal text; null/absent as empty.
QByteArray laurelBytes(const QJsonValue& value)
{
    if (value.isString())
        return percentDecode(value.toString().toUtf8());
    return jsonBytes(value);
}

int64_t laurelInt(const QJsonValue& value)
{
    int64_t v = kUnknownId;
    return jsonToInt64(value, &v) ? v : kUnknownId;
}

QList<QByteArray> laurelArgv(const QJsonArray& array)
{
    QList<QByteArray> argv;
    argv.reserve(array.size());
    for (const QJsonValue& v : array)
        argv.append(laurelBytes(v));
    return argv;
}

/// "sec.msec:serial" → time and serial.
bool parseAuditId(QByteArrayView id, int64_t& timeNs, int64_t& serial)
{
    const qsizetype dot = id.indexOf('.');
    const qsizetype colon = id.indexOf(':');
    if (dot <= 0 || colon <= dot + 1 || colon + 1 >= id.size() || dot > 12 || colon - dot - 1 > 9)
        return false;
    int64_t sec = 0, frac = 0, ser = 0;
    for (qsizetype i = 0; i < dot; ++i) {
        if (id[i] < '0' || id[i] > '9')
            return false;
        sec = sec * 10 + (id[i] - '0');
    }
    for (qsizetype i = dot + 1; i < colon; ++i) {
        if (id[i] < '0' || id[i] > '9')
            return false;
        frac = frac * 10 + (id[i] - '0');
    }
    for (qsizetype k = colon - dot - 1; k < 9; ++k)
        frac *= 10;
    if (id.size() - colon - 1 > 18)
        return false;
    for (qsizetype i = colon + 1; i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9')
            return false;
        ser = ser * 10 + (id[i] - '0');
    }
    timeNs = sec * 1000000000 + frac;
    serial = ser;
    return true;
}

} // namespace

void LaurelParser::onRecord(const QByteArray& text, int64_t line)
{
    QJsonObject event;
    QString error;
    if (!parseJsonRecord(text, &event, &error)) {
        skip(line, QStringLiteral("line %1: not a laurel event (%2)").arg(line).arg(error));
        return;
    }
    const QByteArray id = event.value(QLatin1String("ID")).toString().toLatin1();
    ExecEvent ev;
    if (!parseAuditId(id, ev.timeNs, ev.serial)) {
        skip(line, QStringLiteral("line %1: laurel event without a valid \"ID\"").arg(line));
        return;
    }
    ++mutableStats().recordsRead;
    const QJsonValue syscallValue = event.value(QLatin1String("SYSCALL"));
    if (!syscallValue.isObject())
        return; // user-space records (LOGIN, DAEMON_*, CONFIG_CHANGE…) carry no process exec
    const QJsonObject sc = syscallValue.toObject();

    // Exec or not: the ENRICHED name when laurel kept it, else the number in the arch's table.
    const QJsonValue archValue = sc.value(QLatin1String("arch"));
    const ArchInfo* arch = nullptr;
    QByteArray archText = laurelBytes(archValue);
    if (archText.startsWith("0x") || archText.startsWith("0X"))
        archText.remove(0, 2);
    bool archOk = false;
    const uint32_t archCode = archText.toUInt(&archOk, 16);
    for (const ArchInfo& a : kArches) {
        if ((archOk && a.code == archCode) || archText == a.name)
            arch = &a;
    }
    QByteArray name = laurelBytes(sc.value(QLatin1String("SYSCALL")));
    const QJsonValue number = sc.value(QLatin1String("syscall"));
    if (name.isEmpty() && number.isString())
        name = laurelBytes(number); // a producer that already translated the raw field
    if (name.isEmpty() && arch) {
        const int64_t nr = laurelInt(number);
        if (nr == arch->execve)
            name = QByteArrayLiteral("execve");
        else if (nr == arch->execveat)
            name = QByteArrayLiteral("execveat");
    }
    if (name != "execve" && name != "execveat")
        return;

    ev.line = line;
    ev.record = id;
    ev.syscall = name;
    const QByteArray archName = laurelBytes(sc.value(QLatin1String("ARCH")));
    ev.arch = arch ? QByteArray(arch->name) : (archName.isEmpty() ? archText : archName);
    ev.host = laurelBytes(event.value(QLatin1String("NODE")));
    const QJsonValue success = sc.value(QLatin1String("success"));
    ev.success = success.isBool() ? success.toBool() : laurelBytes(success) != "no";
    int64_t exitCode = 0;
    if (jsonToInt64(sc.value(QLatin1String("exit")), &exitCode))
        ev.exitCode = exitCode;
    ev.pid = laurelInt(sc.value(QLatin1String("pid")));
    ev.ppid = laurelInt(sc.value(QLatin1String("ppid")));
    ev.uid = laurelInt(sc.value(QLatin1String("uid")));
    ev.euid = laurelInt(sc.value(QLatin1String("euid")));
    ev.auid = laurelInt(sc.value(QLatin1String("auid")));
    ev.ses = laurelInt(sc.value(QLatin1String("ses")));
    ev.tty = laurelBytes(sc.value(QLatin1String("tty")));
    ev.comm = laurelBytes(sc.value(QLatin1String("comm")));
    ev.exe = laurelBytes(sc.value(QLatin1String("exe")));
    const QJsonValue key = sc.value(QLatin1String("key"));
    if (key.isArray()) {
        QList<QByteArray> keys = laurelArgv(key.toArray());
        ev.key = keys.join('\x01'); // the kernel's own separator for several keys
    } else {
        ev.key = laurelBytes(key);
    }

    const QJsonValue execve = event.value(QLatin1String("EXECVE"));
    if (execve.isObject()) {
        const QJsonObject ex = execve.toObject();
        const int64_t argc = laurelInt(ex.value(QLatin1String("argc")));
        const QJsonValue args = ex.value(QLatin1String("ARGV"));
        if (args.isArray()) {
            ev.argv = laurelArgv(args.toArray());
        } else if (args.isString()) {
            // execve-argv = ["string"]: laurel joined the arguments with spaces, which cannot be undone.
            ev.argv = {laurelBytes(args)};
            ev.argvTruncated = argc > 1;
        } else {
            // execve-argv = ["none"]: the raw a0…aN fields.
            for (int64_t k = 0; argc > 0 && k < argc; ++k) {
                const QJsonValue a = ex.value(QStringLiteral("a%1").arg(k));
                if (a.isUndefined())
                    break;
                ev.argv.append(laurelBytes(a));
            }
        }
        ev.argvOrigin = ArgvOrigin::Execve;
        if (argc > int64_t(ev.argv.size()) && !ev.argvTruncated) {
            ev.argvTruncated = true;
            ++mutableStats().incompleteEvents;
            mutableStats().addError(line, QStringLiteral("event %1: EXECVE holds %2 of %3 arguments")
                                              .arg(QString::fromLatin1(id))
                                              .arg(ev.argv.size())
                                              .arg(argc));
        }
    } else {
        const QJsonValue title = event.value(QLatin1String("PROCTITLE"));
        if (title.isObject()) {
            const QJsonObject pt = title.toObject();
            const QJsonValue args = pt.value(QLatin1String("ARGV"));
            if (args.isArray())
                ev.argv = laurelArgv(args.toArray());
            else if (pt.value(QLatin1String("proctitle")).isString())
                ev.argv = laurelBytes(pt.value(QLatin1String("proctitle"))).split('\0');
            if (!ev.argv.isEmpty()) {
                ev.argvOrigin = ArgvOrigin::Proctitle;
                // The kernel cuts proctitle at 128 bytes (arguments plus their NUL separators).
                ev.argvTruncated = joinArgv(ev.argv).size() >= 128;
            }
        }
    }

    const QJsonValue cwd = event.value(QLatin1String("CWD"));
    if (cwd.isObject())
        ev.cwd = laurelBytes(cwd.toObject().value(QLatin1String("cwd")));
    const QJsonValue paths = event.value(QLatin1String("PATH"));
    if (paths.isArray()) {
        for (const QJsonValue& item : paths.toArray()) {
            const QJsonObject p = item.toObject();
            if (laurelInt(p.value(QLatin1String("item"))) != 0)
                continue;
            ev.path = laurelBytes(p.value(QLatin1String("name")));
            ev.dev = laurelBytes(p.value(QLatin1String("dev")));
            ev.inode = laurelInt(p.value(QLatin1String("inode")));
            break;
        }
    }

    emitEvent(std::move(ev));
}

LaurelParser::LaurelParser(Sink sink, const QByteArray& defaultHost)
    : JsonRecordParser(std::move(sink), defaultHost)
{
}

void LaurelParser::feedLine(QByteArrayView line, int64_t lineNumber)
{
    ++mutableStats().linesRead;
    if (line.endsWith('\r'))
        line.chop(1);
    const QByteArrayView trimmed = line.trimmed();
    // laurel writes exactly one event per line, so each line is parsed on its own: a damaged line cannot take
    // the following ones with it.
    if (trimmed.isEmpty() || trimmed.startsWith('#'))
        return;
    if (trimmed.size() > JsonLineSplitter::kMaxRecordBytes) {
        skip(lineNumber, QStringLiteral("line %1 is larger than 16 MiB; skipped").arg(lineNumber));
        return;
    }
    onRecord(trimmed.toByteArray(), lineNumber);
}

bool sniffLaurel(QByteArrayView firstLines, const QString&)
{
    qsizetype pos = 0;
    while (pos < firstLines.size()) {
        qsizetype end = firstLines.indexOf('\n', pos);
        if (end < 0)
            end = firstLines.size();
        const QByteArrayView line = firstLines.sliced(pos, end - pos).trimmed();
        pos = end + 1;
        if (line.isEmpty())
            continue;
        static constexpr QByteArrayView kPrefix = "{\"ID\":\"";
        if (!line.startsWith(kPrefix))
            return false;
        const QByteArrayView rest = line.sliced(kPrefix.size());
        const qsizetype quote = rest.indexOf('"');
        int64_t timeNs = 0, serial = 0;
        return quote > 0 && parseAuditId(rest.first(quote), timeNs, serial);
    }
    return false;
}

} // namespace ShimScope
