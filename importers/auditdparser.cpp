// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditdparser.h"

#include <QHash>
#include <QString>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <limits>
#include <string_view>
#include <vector>

// Format facts: ../shared/FORMATS.md section 1. The hot path scans raw bytes with pointers: no regular expressions,
// no per-field allocations; values are only copied (and hex-decoded) for the fields an exec event keeps.

namespace ShimScope
{

namespace
{

/// An event is flushed when none of its records was seen for this many lines. auditd skips EOE when it writes its
/// own log file (audit-userspace src/auditd.c, distribute_event), so in real audit.log files this, not EOE, is
/// what closes most events; EOE shows up in dispatcher/plugin streams (laurel fixtures).
constexpr int64_t kIdleWindowLines = 2048;
/// At most this many events (with records kept) are open at once; beyond that the oldest are flushed early.
constexpr int64_t kMaxOpenEvents = 1024;
/// Distinct `node=` names interned (each with its own serial sequence). Names beyond this (a hostile or very odd
/// log) get an id hashed from the name (kOverflowNodeBit set) without lost-event tracking, and their events carry
/// the name themselves, so memory does not grow with the number of names.
constexpr uint32_t kMaxNodes = 16384;
constexpr uint32_t kOverflowNodeBit = 0x80000000u;
/// Emptied per-event buffers kept for reuse, so the steady state allocates no bookkeeping per event.
constexpr size_t kMaxPooledEvents = 64;

constexpr uint64_t kSerialMax = 0xFFFFFFFFull;
/// A jump from near 2^32-1 to below this is a wrap-around of the kernel's 32-bit serial counter, not loss.
constexpr uint64_t kWrapMargin = uint64_t(1) << 16;
/// A backwards jump at least this large starts a new serial sequence (reboot, other log), it is not reordering.
constexpr uint64_t kBigBackwardJump = uint64_t(1) << 16;
/// A backwards jump to a low serial whose time is this much later than anything seen is also a reboot.
constexpr uint64_t kRebootLowSerial = 100000;
constexpr int64_t kRebootTimeSlackNs = int64_t(60) * 1000 * 1000 * 1000;
/// Missing serials are remembered as ranges (so a reordered record can subtract its loss back); bounded.
constexpr size_t kMaxMissingRanges = 256;

/// "sec.frac:serial" is at most 20 + 1 + 9 + 1 + 20 characters.
constexpr int kMaxRecordIdLength = 51;
constexpr int64_t kMaxSeconds = 9223372035; // seconds whose nanoseconds still fit in int64

enum class RecordType : uint8_t
{
    Other,
    Syscall,
    Execve,
    Cwd,
    Path,
    Proctitle,
    Eoe,
    Daemon, ///< written by auditd itself with its own serial counter: not part of the kernel sequence
};

// ---------------------------------------------------------------------------------------------------------------
// Byte helpers

inline bool startsWith(const char* p, const char* end, const char* lit, size_t n)
{
    return size_t(end - p) >= n && std::memcmp(p, lit, n) == 0;
}

template<size_t N>
inline bool equals(QByteArrayView v, const char (&lit)[N])
{
    return v.size() == qsizetype(N - 1) && std::memcmp(v.data(), lit, N - 1) == 0;
}

inline bool sameBytes(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && (a.isEmpty() || std::memcmp(a.data(), b.data(), size_t(a.size())) == 0);
}

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

struct HexTable
{
    std::array<int8_t, 256> upper{}; ///< kernel style: 0-9 A-F only
    std::array<int8_t, 256> any{};   ///< also a-f
    constexpr HexTable()
    {
        for (int i = 0; i < 256; ++i) {
            upper[i] = -1;
            any[i] = -1;
        }
        for (int i = 0; i < 10; ++i) {
            upper['0' + i] = int8_t(i);
            any['0' + i] = int8_t(i);
        }
        for (int i = 0; i < 6; ++i) {
            upper['A' + i] = int8_t(10 + i);
            any['A' + i] = int8_t(10 + i);
            any['a' + i] = int8_t(10 + i);
        }
    }
};
constexpr HexTable kHex;

/// Decodes even-length hex into bytes. Returns false (and leaves out unspecified) when v is not such hex.
bool hexDecode(QByteArrayView v, QByteArray& out, bool allowLowerCase)
{
    const qsizetype n = v.size();
    if (n == 0 || (n & 1))
        return false;
    const std::array<int8_t, 256>& table = allowLowerCase ? kHex.any : kHex.upper;
    out.resize(n / 2);
    char* dst = out.data();
    const auto* src = reinterpret_cast<const unsigned char*>(v.data());
    for (qsizetype i = 0; i < n; i += 2) {
        const int hi = table[src[i]];
        const int lo = table[src[i + 1]];
        if ((hi | lo) < 0)
            return false;
        *dst++ = char((hi << 4) | lo);
    }
    return true;
}

/// Parses an optionally negative decimal integer; false on anything else or overflow.
bool parseInt(QByteArrayView v, int64_t& out)
{
    const char* p = v.data();
    const char* end = p + v.size();
    bool negative = false;
    if (p < end && *p == '-') {
        negative = true;
        ++p;
    }
    if (p == end || end - p > 19)
        return false;
    uint64_t value = 0;
    for (; p < end; ++p) {
        if (!isDigit(*p))
            return false;
        value = value * 10 + uint64_t(*p - '0');
    }
    if (value > uint64_t(std::numeric_limits<int64_t>::max()))
        return false;
    out = negative ? -int64_t(value) : int64_t(value);
    return true;
}

bool parseHex32(QByteArrayView v, uint32_t& out)
{
    if (v.isEmpty() || v.size() > 8)
        return false;
    uint32_t value = 0;
    for (char c : v) {
        const int d = kHex.any[static_cast<unsigned char>(c)];
        if (d < 0)
            return false;
        value = (value << 4) | uint32_t(d);
    }
    out = value;
    return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Field tokenizer

/// One `key=value` value: a view into the line. `quoted` values had their double quotes removed.
struct Value
{
    const char* data = nullptr;
    qsizetype size = 0;
    bool quoted = false;
    bool set = false;

    QByteArrayView view() const { return {data, size}; }
};

enum class FieldsEnd
{
    Complete,
    Stopped,
    Unterminated, ///< a `"` value without its closing quote: the record was cut
};

/**
 * Calls onField(key, value) for each `key=value` of a record body; stops early when it returns false.
 * Words without '=' (`(enforce)` after `subj=docker-default`) are skipped; a value that starts with '='
 * (`subj==unconfined`) keeps it. Double-quoted values end at the next quote (auditd has no escapes); `{…}`
 * values (ENRICHED SADDR, when 0x1D was replaced by a space) are brace-balanced.
 */
template<typename F>
FieldsEnd forEachField(const char* p, const char* end, F&& onField, QByteArrayView* cutKey = nullptr)
{
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t'))
            ++p;
        const char* keyBegin = p;
        while (p < end && *p != '=' && *p != ' ')
            ++p;
        if (p >= end)
            break;
        if (*p == ' ')
            continue;
        const QByteArrayView key(keyBegin, p - keyBegin);
        ++p;
        Value value;
        value.set = true;
        if (p < end && *p == '"') {
            const auto* close = static_cast<const char*>(std::memchr(p + 1, '"', size_t(end - p - 1)));
            if (!close) {
                if (cutKey)
                    *cutKey = key;
                return FieldsEnd::Unterminated;
            }
            value.data = p + 1;
            value.size = close - p - 1;
            value.quoted = true;
            p = close + 1;
            while (p < end && *p != ' ') // junk glued to the closing quote
                ++p;
        } else if (p < end && *p == '{') {
            const char* begin = p;
            int depth = 0;
            for (; p < end; ++p) {
                if (*p == '{')
                    ++depth;
                else if (*p == '}' && --depth == 0) {
                    ++p;
                    break;
                }
            }
            value.data = begin;
            value.size = p - begin;
        } else {
            const auto* space = static_cast<const char*>(std::memchr(p, ' ', size_t(end - p)));
            const char* valueEnd = space ? space : end;
            value.data = p;
            value.size = valueEnd - p;
            p = valueEnd;
        }
        if (!onField(key, value))
            return FieldsEnd::Stopped;
    }
    return FieldsEnd::Complete;
}

bool isNullToken(QByteArrayView v)
{
    return equals(v, "(null)") || equals(v, "(none)") || equals(v, "?");
}

/// Untrusted string fields (comm, exe, cwd, name, aK, key): quoted = literal, token = empty, hex = decoded.
QByteArray decodeUntrusted(const Value& v, bool allowLowerCaseHex = false)
{
    if (v.quoted)
        return v.view().toByteArray();
    if (v.size == 0 || isNullToken(v.view()))
        return {};
    QByteArray out;
    if (hexDecode(v.view(), out, allowLowerCaseHex))
        return out;
    return v.view().toByteArray();
}

/**
 * Values that repeat from event to event (comm, exe, cwd, tty, key, PATH name and device, short arguments), shared
 * instead of allocated again: a value equal to the one cached in its hash slot is returned as a reference-counted
 * copy. Each ExecEvent held ~20 separate allocations, and the parsing thread, which limits the 1M-event import once
 * the writer stopped freeing batches, spent ~15 % of its instructions in malloc/free and QByteArray construction.
 * Bounded: a fixed number of slots, values up to kMaxBytes.
 */
class RepeatCache
{
public:
    QByteArray get(QByteArrayView bytes)
    {
        // Empty stays as QByteArrayView::toByteArray() makes it (empty, not null): NULL and '' differ in the case.
        if (bytes.isEmpty() || bytes.size() > kMaxBytes)
            return bytes.toByteArray();
        QByteArray& cached = m_slots[qHash(bytes) & (kSlots - 1)];
        if (!sameBytes(cached, bytes))
            cached = bytes.toByteArray();
        return cached;
    }

private:
    static constexpr size_t kSlots = 4096;
    static constexpr qsizetype kMaxBytes = 256;
    std::array<QByteArray, kSlots> m_slots;
};

/// decodeUntrusted() for a value that often repeats: the undecoded result comes from the cache.
QByteArray decodeRepeated(const Value& v, RepeatCache& cache)
{
    if (v.quoted)
        return cache.get(v.view());
    if (v.size == 0 || isNullToken(v.view()))
        return {};
    QByteArray out;
    if (hexDecode(v.view(), out, false))
        return out;
    return cache.get(v.view());
}

bool parseNumber(const Value& v, int64_t& out)
{
    return v.set && parseInt(v.view(), out);
}

int64_t numberOr(const Value& v, int64_t fallback)
{
    int64_t out = 0;
    return parseNumber(v, out) ? out : fallback;
}

// ---------------------------------------------------------------------------------------------------------------
// Architectures

struct ArchInfo
{
    uint32_t code;
    const char* name;
    int64_t execve;
    int64_t execveat;
};

// AUDIT_ARCH_* values and their exec syscall numbers (FORMATS.md 1.4).
constexpr ArchInfo kArches[] = {
    {0xc000003e, "x86_64", 59, 322},   {0x40000003, "i386", 11, 358},         {0xc00000b7, "aarch64", 221, 281},
    {0xc00000f3, "riscv64", 221, 281}, {0xc0000102, "loongarch64", 221, 281}, {0x80000015, "ppc64", 11, 362},
    {0xc0000015, "ppc64le", 11, 362},  {0x80000016, "s390x", 11, 354},        {0x40000028, "arm", 11, 387},
};

const ArchInfo* archByCode(uint32_t code)
{
    for (const ArchInfo& a : kArches) {
        if (a.code == code)
            return &a;
    }
    return nullptr;
}

const ArchInfo* archByName(QByteArrayView name)
{
    for (const ArchInfo& a : kArches) {
        if (sameBytes(name, QByteArrayView(a.name)))
            return &a;
    }
    return nullptr;
}

QByteArray staticBytes(const char* s)
{
    return QByteArray::fromRawData(s, qsizetype(std::strlen(s)));
}

// ---------------------------------------------------------------------------------------------------------------
// Line shapes

struct Header
{
    RecordType type = RecordType::Other;
    QByteArrayView node;
    bool hasId = false; ///< false for `type=UNKNOWN[1329] msg=?`
    uint64_t sec = 0;
    uint32_t fracNs = 0;
    uint64_t serial = 0;
    const char* idBegin = nullptr; ///< "sec.frac:serial"
    int idLength = 0;
    const char* body = nullptr; ///< first byte after "):" (or after ")")
};

enum class Located
{
    Record,
    NotAudit,
    BadHeader,
};

RecordType classify(QByteArrayView t)
{
    switch (t.size()) {
    case 3:
        if (equals(t, "CWD"))
            return RecordType::Cwd;
        if (equals(t, "EOE"))
            return RecordType::Eoe;
        break;
    case 4:
        if (equals(t, "PATH"))
            return RecordType::Path;
        if (t[0] == '1' && isDigit(t[1]) && isDigit(t[2]) && isDigit(t[3])) {
            // kernel printk lines carry the numeric type
            const int n = (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
            switch (n) {
            case 300:
                return RecordType::Syscall;
            case 302:
                return RecordType::Path;
            case 307:
                return RecordType::Cwd;
            case 309:
                return RecordType::Execve;
            case 320:
                return RecordType::Eoe;
            case 327:
                return RecordType::Proctitle;
            default:
                return (n >= 200 && n < 300) ? RecordType::Daemon : RecordType::Other;
            }
        }
        break;
    case 6:
        if (equals(t, "EXECVE"))
            return RecordType::Execve;
        break;
    case 7:
        if (equals(t, "SYSCALL"))
            return RecordType::Syscall;
        break;
    case 9:
        if (equals(t, "PROCTITLE"))
            return RecordType::Proctitle;
        break;
    default:
        break;
    }
    if (t.size() > 7 && std::memcmp(t.data(), "DAEMON_", 7) == 0)
        return RecordType::Daemon;
    return RecordType::Other;
}

/// Digits [p, end) as an unsigned number with at most maxDigits digits.
bool scanDigits(const char*& p, const char* end, int maxDigits, uint64_t& value, int& digits)
{
    value = 0;
    digits = 0;
    while (p < end && isDigit(*p)) {
        if (++digits > maxDigits)
            return false;
        value = value * 10 + uint64_t(*p - '0');
        ++p;
    }
    return digits > 0;
}

/// Parses the record that starts with "type=" at typeAt (`type=X msg=audit(sec.frac:serial): body`).
Located parseAt(const char* begin, const char* typeAt, const char* end, Header& h)
{
    const char* p = typeAt + 5;
    const char* typeBegin = p;
    while (p < end && *p != ' ')
        ++p;
    if (p == typeBegin)
        return Located::BadHeader;
    const QByteArrayView type(typeBegin, p - typeBegin);
    while (p < end && *p == ' ')
        ++p;
    if (startsWith(p, end, "msg=audit(", 10)) {
        p += 10;
    } else if (startsWith(p, end, "audit(", 6)) { // kernel printk: `audit: type=1300 audit(…): …`
        p += 6;
    } else if (startsWith(p, end, "msg=", 4)) { // `type=UNKNOWN[1329] msg=?`
        h.type = classify(type);
        h.hasId = false;
        return Located::Record;
    } else {
        return Located::BadHeader;
    }
    const char* idBegin = p;
    uint64_t sec = 0;
    uint64_t frac = 0;
    uint64_t serial = 0;
    int secDigits = 0;
    int fracDigits = 0;
    int serialDigits = 0;
    if (!scanDigits(p, end, 19, sec, secDigits) || p == end || *p != '.')
        return Located::BadHeader;
    ++p;
    if (!scanDigits(p, end, 9, frac, fracDigits) || p == end || *p != ':')
        return Located::BadHeader;
    ++p;
    if (!scanDigits(p, end, 19, serial, serialDigits) || p == end || *p != ')')
        return Located::BadHeader;
    if (sec > uint64_t(kMaxSeconds) || p - idBegin > kMaxRecordIdLength)
        return Located::BadHeader;
    for (int i = fracDigits; i < 9; ++i)
        frac *= 10;
    h.idBegin = idBegin;
    h.idLength = int(p - idBegin);
    ++p; // ')'
    if (p < end && *p == ':')
        ++p;
    h.body = p;
    h.sec = sec;
    h.fracNs = uint32_t(frac);
    h.serial = serial;
    h.hasId = true;
    h.type = classify(type);
    // `node=` is the token right before `type=` (auditd name_format, audisp-remote, syslog forwarding)
    h.node = {};
    if (typeAt > begin) {
        const char* q = typeAt;
        while (q > begin && q[-1] == ' ')
            --q;
        const char* tokenEnd = q;
        while (q > begin && q[-1] != ' ')
            --q;
        if (tokenEnd - q > 5 && std::memcmp(q, "node=", 5) == 0)
            h.node = QByteArrayView(q + 5, tokenEnd - q - 5);
    }
    return Located::Record;
}

/**
 * Finds the audit record in a line: plain (`type=…`), node-tagged (`node=… type=…`) or wrapped in anything (syslog,
 * printk). With strictPrefix (content sniffing), text before the record must not look like JSON/XML/quoted data.
 */
Located locate(QByteArrayView line, Header& h, bool strictPrefix = false)
{
    const char* begin = line.data();
    const char* end = begin + line.size();
    if (startsWith(begin, end, "type=", 5))
        return parseAt(begin, begin, end, h);
    if (startsWith(begin, end, "node=", 5)) {
        const auto* space = static_cast<const char*>(std::memchr(begin, ' ', size_t(end - begin)));
        if (space && startsWith(space + 1, end, "type=", 5))
            return parseAt(begin, space + 1, end, h);
    }
    const std::string_view text(begin, size_t(end - begin));
    Located result = Located::NotAudit;
    size_t from = 0;
    while (true) {
        const size_t at = text.find("type=", from);
        if (at == std::string_view::npos)
            return result;
        from = at + 5;
        if (at > 0 && begin[at - 1] != ' ')
            continue;
        if (strictPrefix) {
            for (size_t i = 0; i < at; ++i) {
                const char c = begin[i];
                if (c == '"' || c == '{' || c == '<' || c == '\'')
                    return Located::NotAudit;
            }
        }
        const Located r = parseAt(begin, begin + at, end, h);
        if (r == Located::Record)
            return r;
        result = r;
    }
}

QByteArrayView trimLine(QByteArrayView line)
{
    qsizetype n = line.size();
    while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == '\n'))
        --n;
    return line.first(n);
}

/// Blank lines, `#` comments and ausearch's `----` / `time->…` separators carry no record and are no error.
bool isIgnorable(QByteArrayView line)
{
    qsizetype i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
        ++i;
    if (i == line.size())
        return true;
    const char c = line[i];
    if (c == '#')
        return true;
    const QByteArrayView rest = line.sliced(i);
    if (rest.startsWith("----"))
        return rest.size() == 4 || std::all_of(rest.begin(), rest.end(), [](char x) { return x == '-'; });
    return rest.startsWith("time->");
}

// ---------------------------------------------------------------------------------------------------------------
// Event grouping

struct EventKey
{
    uint64_t serial = 0;
    uint64_t sec = 0;
    uint32_t fracNs = 0;
    uint32_t node = 0;

    friend bool operator==(const EventKey& a, const EventKey& b)
    {
        return a.serial == b.serial && a.sec == b.sec && a.fracNs == b.fracNs && a.node == b.node;
    }
};

size_t qHash(const EventKey& k, size_t seed) noexcept
{
    uint64_t h = k.serial * 0x9E3779B97F4A7C15ull;
    h ^= (k.sec + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    h ^= ((uint64_t(k.fracNs) << 32) | k.node) * 0x165667B19E3779F9ull;
    h ^= h >> 29;
    return size_t(h) ^ seed;
}

/// One EXECVE `aK=` / `aK[i]=` value; chunk is -1 for a whole argument.
struct ArgPiece
{
    uint32_t index = 0;
    int32_t chunk = -1;
    QByteArray bytes;
};

/// Records of one event seen so far (only events that may still turn out to be execs).
struct Pending
{
    ExecEvent ev;
    int64_t firstLine = 0;
    uint64_t sec = 0;
    uint32_t fracNs = 0;
    uint64_t serial = 0;
    std::array<char, kMaxRecordIdLength + 1> recordId{}; ///< "sec.frac:serial" as logged
    int recordIdLength = 0;
    bool hasSyscall = false;
    bool hasExecve = false;
    bool hasCwd = false;
    bool hasPath0 = false;
    bool hasProctitle = false;
    bool hasOrphanRecords = false; ///< EXECVE/CWD/PATH/PROCTITLE (need a SYSCALL to mean anything)
    int64_t argc = -1;
    std::vector<ArgPiece> pieces;
    std::vector<std::pair<uint32_t, int64_t>> hexLengths; ///< aK_len
    QByteArray proctitle;
    QByteArray nodeName; ///< only for events of the overflow node id

    void reset()
    {
        ev = ExecEvent();
        firstLine = 0;
        recordIdLength = 0;
        hasSyscall = hasExecve = hasCwd = hasPath0 = hasProctitle = hasOrphanRecords = false;
        argc = -1;
        pieces.clear();
        hexLengths.clear();
        proctitle.clear();
        nodeName.clear();
    }
};

/// Map value: pending == nullptr marks a closed or non-exec event whose late records are ignored.
struct Slot
{
    Pending* pending = nullptr;
    int64_t lastSeen = 0; ///< internal line counter of its last record
};

struct FifoEntry
{
    EventKey key;
    int64_t pushedAt = 0;
};

/// Kernel serial bookkeeping for one node: forward gaps are lost events; reordered records give them back.
struct SerialTrack
{
    struct Range
    {
        uint64_t lo;
        uint64_t hi;
    };

    bool started = false;
    uint64_t max = 0;
    int64_t maxTimeNs = 0;
    std::vector<Range> missing; ///< sorted by lo, disjoint

    /// Returns the change of the lost-event count.
    int64_t observe(uint64_t serial, int64_t timeNs)
    {
        if (!started || serial > kSerialMax) {
            restart(serial, timeNs);
            return 0;
        }
        if (serial == max) {
            maxTimeNs = std::max(maxTimeNs, timeNs);
            return 0;
        }
        // Direction and distance on the 32-bit counter: only near its ends does a jump count as a wrap-around.
        const bool maxNearTop = max >= kSerialMax - kWrapMargin;
        const bool maxNearBottom = max < kWrapMargin;
        uint64_t behind = 0;
        if (serial > max) {
            if (!(maxNearBottom && serial >= kSerialMax - kWrapMargin))
                return advance(serial, timeNs, serial - max - 1);
            behind = max + (kSerialMax - serial) + 1; // a late record from before the wrap
        } else {
            if (maxNearTop && serial < kWrapMargin) // 4294967295 -> 0
                return advance(serial, timeNs, (kSerialMax - max) + serial);
            behind = max - serial;
        }
        if (fill(serial))
            return -1;
        if (behind >= kBigBackwardJump || (serial < kRebootLowSerial && timeNs > maxTimeNs + kRebootTimeSlackNs)) {
            restart(serial, timeNs);
        }
        return 0; // otherwise another record of an event already seen (interleaving / reordering)
    }

private:
    void restart(uint64_t serial, int64_t timeNs)
    {
        started = true;
        max = serial;
        maxTimeNs = timeNs;
        missing.clear();
    }

    int64_t advance(uint64_t serial, int64_t timeNs, uint64_t gap)
    {
        if (gap > 0) {
            const uint64_t lo = (max + 1) & kSerialMax;
            if (lo + gap - 1 <= kSerialMax) {
                addMissing(lo, lo + gap - 1);
            } else { // the gap wraps
                addMissing(lo, kSerialMax);
                addMissing(0, serial - 1);
            }
        }
        max = serial;
        maxTimeNs = std::max(maxTimeNs, timeNs);
        return int64_t(std::min<uint64_t>(gap, uint64_t(std::numeric_limits<int64_t>::max())));
    }

    void addMissing(uint64_t lo, uint64_t hi)
    {
        const auto at =
            std::lower_bound(missing.begin(), missing.end(), lo, [](const Range& r, uint64_t v) { return r.lo < v; });
        missing.insert(at, Range{lo, hi});
        if (missing.size() > kMaxMissingRanges)
            missing.erase(missing.begin()); // the oldest gap stays counted; it can no longer be filled
    }

    bool fill(uint64_t serial)
    {
        if (missing.empty())
            return false;
        auto it = std::upper_bound(missing.begin(), missing.end(), serial,
                                   [](uint64_t v, const Range& r) { return v < r.lo; });
        if (it == missing.begin())
            return false;
        --it;
        if (serial > it->hi)
            return false;
        if (it->lo == it->hi) {
            missing.erase(it);
        } else if (serial == it->lo) {
            ++it->lo;
        } else if (serial == it->hi) {
            --it->hi;
        } else {
            const Range upper{serial + 1, it->hi};
            it->hi = serial - 1;
            missing.insert(it + 1, upper);
            if (missing.size() > kMaxMissingRanges)
                missing.erase(missing.begin());
        }
        return true;
    }
};

/// SYSCALL fields an exec event keeps (views into the line until the event is known to be an exec).
struct SyscallFields
{
    Value arch, syscall, success, exit, ppid, pid, auid, uid, euid, ses, tty, comm, exe, key;
};

inline void setOnce(Value& slot, const Value& v)
{
    if (!slot.set)
        slot = v;
}

QString latin1Key(QByteArrayView key)
{
    return QString::fromLatin1(key.first(std::min<qsizetype>(key.size(), 40)));
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------

class AuditdParser::Private
{
public:
    Private(Sink sink, QByteArray defaultHost)
        : m_sink(std::move(sink))
        , m_defaultHost(std::move(defaultHost))
    {
        m_nodeNames.append(QByteArray()); // id 0: no node= on the line
        m_serials.emplace_back();
    }

    ~Private()
    {
        for (auto it = m_slots.begin(); it != m_slots.end(); ++it)
            delete it->pending;
        for (Pending* p : m_pool)
            delete p;
    }

    void feedLine(QByteArrayView rawLine, int64_t lineNumber);
    void finish();

    SourceStats m_stats;

private:
    uint32_t nodeId(QByteArrayView node);
    void handleRecord(const Header& h, QByteArrayView line, int64_t lineNumber, uint32_t node);
    QByteArray hostOf(uint32_t node, const Pending& p) const;
    Pending* acquire();
    Pending* startPending(Slot& slot, const Header& h, int64_t lineNumber, uint32_t node);
    void release(Pending* p);
    void emitPending(Pending& p, uint32_t node);
    void closeAndErase(QHash<EventKey, Slot>::iterator it);
    void evictIdle();
    void evictOverCap();

    bool parseSyscall(Pending*& pending, Slot& slot, const Header& h, const char* body, const char* end,
                      int64_t lineNumber, uint32_t node);
    void parseExecve(Pending& p, const char* body, const char* end, int64_t lineNumber);
    void parseCwd(Pending& p, const char* body, const char* end, int64_t lineNumber);
    void parsePath(Pending& p, const char* body, const char* end, int64_t lineNumber);
    void parseProctitle(Pending& p, const char* body, const char* end, int64_t lineNumber);
    void reportCut(int64_t lineNumber, const char* recordType, QByteArrayView key);
    void buildArgv(Pending& p);

    Sink m_sink;
    QByteArray m_defaultHost;
    RepeatCache m_repeats;
    int64_t m_lineCounter = 0;

    QList<QByteArray> m_nodeNames;
    QHash<QByteArray, uint32_t> m_nodeIds;
    uint32_t m_lastNode = 0;
    std::vector<SerialTrack> m_serials;

    QHash<EventKey, Slot> m_slots;
    std::deque<FifoEntry> m_fifo;
    std::vector<Pending*> m_pool;
    int64_t m_open = 0;
};

uint32_t AuditdParser::Private::nodeId(QByteArrayView node)
{
    if (node.isEmpty())
        return 0;
    if (m_lastNode != 0 && sameBytes(m_nodeNames.at(m_lastNode), node))
        return m_lastNode;
    const auto it = m_nodeIds.constFind(QByteArray::fromRawData(node.data(), node.size()));
    if (it != m_nodeIds.constEnd()) {
        m_lastNode = *it;
        return m_lastNode;
    }
    if (m_nodeNames.size() >= qsizetype(kMaxNodes))
        return kOverflowNodeBit | (uint32_t(qHash(node, 0)) & ~kOverflowNodeBit);
    const auto id = uint32_t(m_nodeNames.size());
    m_nodeNames.append(node.toByteArray());
    m_nodeIds.insert(m_nodeNames.constLast(), id);
    m_serials.emplace_back();
    m_lastNode = id;
    return id;
}

void AuditdParser::Private::feedLine(QByteArrayView rawLine, int64_t lineNumber)
{
    ++m_stats.linesRead;
    ++m_lineCounter;
    const QByteArrayView line = trimLine(rawLine);

    Header h;
    const Located located = locate(line, h);
    if (located != Located::Record) {
        if (!isIgnorable(line)) {
            ++m_stats.recordsSkipped;
            m_stats.addError(lineNumber, located == Located::BadHeader
                                             ? QStringLiteral("malformed audit record header (type=… msg=audit(…))")
                                             : QStringLiteral("not an audit record"));
        }
    } else {
        ++m_stats.recordsRead;
        if (h.hasId) {
            const uint32_t node = nodeId(h.node);
            const int64_t timeNs = int64_t(h.sec) * 1000000000 + int64_t(h.fracNs);
            if (h.type != RecordType::Daemon && !(node & kOverflowNodeBit))
                m_stats.lostEvents += m_serials[node].observe(h.serial, timeNs);
            if (h.type != RecordType::Other && h.type != RecordType::Daemon)
                handleRecord(h, line, lineNumber, node);
        }
    }
    if (!m_fifo.empty() && m_fifo.front().pushedAt + kIdleWindowLines < m_lineCounter)
        evictIdle();
}

void AuditdParser::Private::handleRecord(const Header& h, QByteArrayView line, int64_t lineNumber, uint32_t node)
{
    const EventKey key{h.serial, h.sec, h.fracNs, node};
    auto it = m_slots.find(key);
    if (it == m_slots.end()) {
        if (h.type == RecordType::Eoe)
            return; // nothing of it was kept
        it = m_slots.insert(key, Slot{});
        m_fifo.push_back({key, m_lineCounter});
    } else if (!it->pending) {
        it->lastSeen = m_lineCounter; // closed or not an exec: late records are ignored
        return;
    }
    Slot& slot = *it;
    slot.lastSeen = m_lineCounter;

    // ENRICHED: the raw record ends at the first 0x1D; what follows are translations (never ground truth).
    const char* body = h.body;
    const char* end = line.data() + line.size();
    if (const auto* gs = static_cast<const char*>(std::memchr(body, 0x1D, size_t(end - body))))
        end = gs;

    if (h.type == RecordType::Eoe) {
        Pending* p = slot.pending;
        slot.pending = nullptr;
        --m_open;
        emitPending(*p, node);
        release(p);
        return;
    }

    Pending* p = slot.pending;
    if (h.type == RecordType::Syscall) {
        if (!parseSyscall(p, slot, h, body, end, lineNumber, node)) {
            if (p) { // records seen before this SYSCALL belong to a non-exec event
                slot.pending = nullptr;
                --m_open;
                release(p);
            }
            return;
        }
    } else {
        if (!p)
            p = startPending(slot, h, lineNumber, node);
        p->firstLine = std::min(p->firstLine, lineNumber);
        switch (h.type) {
        case RecordType::Execve:
            parseExecve(*p, body, end, lineNumber);
            break;
        case RecordType::Cwd:
            parseCwd(*p, body, end, lineNumber);
            break;
        case RecordType::Path:
            parsePath(*p, body, end, lineNumber);
            break;
        case RecordType::Proctitle:
            parseProctitle(*p, body, end, lineNumber);
            break;
        default:
            break;
        }
    }
    if (m_open > kMaxOpenEvents)
        evictOverCap();
}

/// Returns false when the SYSCALL is not an exec (the event is then dropped).
bool AuditdParser::Private::parseSyscall(Pending*& pending, Slot& slot, const Header& h, const char* body,
                                         const char* end, int64_t lineNumber, uint32_t node)
{
    SyscallFields f;
    const ArchInfo* arch = nullptr;
    const char* syscallName = nullptr;
    bool decided = false;

    const auto decide = [&]() {
        decided = true;
        const QByteArrayView sc = f.syscall.view();
        if (equals(sc, "execve") || equals(sc, "execveat")) { // interpreted logs
            syscallName = equals(sc, "execve") ? "execve" : "execveat";
        }
        uint32_t code = 0;
        if (parseHex32(f.arch.view(), code))
            arch = archByCode(code);
        if (!arch)
            arch = archByName(f.arch.view());
        int64_t nr = -1;
        if (!syscallName && arch && parseInt(sc, nr)) {
            if (nr == arch->execve)
                syscallName = "execve";
            else if (nr == arch->execveat)
                syscallName = "execveat";
        }
        return syscallName != nullptr;
    };

    QByteArrayView cutKey;
    const FieldsEnd result = forEachField(
        body, end,
        [&](QByteArrayView key, const Value& v) {
            switch (key.size()) {
            case 3:
                if (equals(key, "pid"))
                    setOnce(f.pid, v);
                else if (equals(key, "uid"))
                    setOnce(f.uid, v);
                else if (equals(key, "ses"))
                    setOnce(f.ses, v);
                else if (equals(key, "tty"))
                    setOnce(f.tty, v);
                else if (equals(key, "exe"))
                    setOnce(f.exe, v);
                else if (equals(key, "key"))
                    setOnce(f.key, v);
                break;
            case 4:
                if (equals(key, "arch"))
                    setOnce(f.arch, v);
                else if (equals(key, "exit"))
                    setOnce(f.exit, v);
                else if (equals(key, "ppid"))
                    setOnce(f.ppid, v);
                else if (equals(key, "auid"))
                    setOnce(f.auid, v);
                else if (equals(key, "euid"))
                    setOnce(f.euid, v);
                else if (equals(key, "comm"))
                    setOnce(f.comm, v);
                break;
            case 7:
                if (equals(key, "syscall"))
                    setOnce(f.syscall, v);
                else if (equals(key, "success"))
                    setOnce(f.success, v);
                break;
            default:
                break;
            }
            // Cheap reject of the many non-exec SYSCALL records: arch and syscall come first.
            if (!decided && f.arch.set && f.syscall.set && !decide())
                return false;
            return true;
        },
        &cutKey);
    if (!decided && !decide())
        return false;
    if (!syscallName)
        return false;
    if (result == FieldsEnd::Unterminated)
        reportCut(lineNumber, "SYSCALL", cutKey);

    if (!pending)
        pending = startPending(slot, h, lineNumber, node);
    Pending& p = *pending;
    p.firstLine = std::min(p.firstLine, lineNumber);
    if (p.hasSyscall)
        return true; // a duplicated SYSCALL line: the first one wins
    p.hasSyscall = true;
    ExecEvent& ev = p.ev;
    ev.syscall = staticBytes(syscallName);
    ev.arch = arch ? staticBytes(arch->name) : f.arch.view().toByteArray();
    int64_t exitCode = 0;
    const bool hasExit = parseNumber(f.exit, exitCode);
    ev.exitCode = hasExit ? exitCode : 0;
    if (f.success.set)
        ev.success = equals(f.success.view(), "yes");
    else
        ev.success = !hasExit || exitCode >= 0;
    ev.pid = numberOr(f.pid, kUnknownId);
    ev.ppid = numberOr(f.ppid, kUnknownId);
    ev.uid = numberOr(f.uid, kUnknownId);
    ev.euid = numberOr(f.euid, kUnknownId);
    ev.auid = numberOr(f.auid, kUnknownId);
    ev.ses = numberOr(f.ses, kUnknownId);
    // Some tools print the unset id as -1; auditd's own spelling is 4294967295.
    if (f.auid.set && ev.auid == -1)
        ev.auid = 4294967295;
    if (f.ses.set && ev.ses == -1)
        ev.ses = 4294967295;
    if (f.tty.set && !isNullToken(f.tty.view()))
        ev.tty = m_repeats.get(f.tty.view());
    if (f.comm.set)
        ev.comm = decodeRepeated(f.comm, m_repeats);
    if (f.exe.set)
        ev.exe = decodeRepeated(f.exe, m_repeats);
    if (f.key.set && !isNullToken(f.key.view()))
        ev.key = decodeRepeated(f.key, m_repeats); // hex when several keys are joined by 0x01
    return true;
}

void AuditdParser::Private::parseExecve(Pending& p, const char* body, const char* end, int64_t lineNumber)
{
    p.hasExecve = true;
    p.hasOrphanRecords = true;
    QByteArrayView cutKey;
    const FieldsEnd result = forEachField(
        body, end,
        [&](QByteArrayView key, const Value& v) {
            if (key.isEmpty() || key[0] != 'a')
                return true;
            if (equals(key, "argc")) {
                int64_t argc = 0;
                if (p.argc < 0 && parseNumber(v, argc) && argc >= 0)
                    p.argc = argc;
                return true;
            }
            const char* k = key.data() + 1;
            const char* kend = key.data() + key.size();
            uint64_t index = 0;
            int digits = 0;
            if (!scanDigits(k, kend, 9, index, digits))
                return true;
            if (k == kend) {
                p.pieces.push_back({uint32_t(index), -1, decodeRepeated(v, m_repeats)});
            } else if (*k == '[') {
                ++k;
                uint64_t chunk = 0;
                if (!scanDigits(k, kend, 9, chunk, digits) || k == kend || *k != ']' || k + 1 != kend)
                    return true;
                p.pieces.push_back({uint32_t(index), int32_t(chunk), decodeUntrusted(v)});
            } else if (equals(QByteArrayView(k, kend - k), "_len")) {
                int64_t hexLength = 0;
                if (parseNumber(v, hexLength))
                    p.hexLengths.emplace_back(uint32_t(index), hexLength);
            }
            return true;
        },
        &cutKey);
    if (result == FieldsEnd::Unterminated)
        reportCut(lineNumber, "EXECVE", cutKey);
}

void AuditdParser::Private::parseCwd(Pending& p, const char* body, const char* end, int64_t lineNumber)
{
    p.hasOrphanRecords = true;
    if (p.hasCwd)
        return;
    QByteArrayView cutKey;
    const FieldsEnd result = forEachField(
        body, end,
        [&](QByteArrayView key, const Value& v) {
            if (!equals(key, "cwd"))
                return true;
            p.ev.cwd = decodeRepeated(v, m_repeats);
            p.hasCwd = true;
            return false;
        },
        &cutKey);
    if (result == FieldsEnd::Unterminated)
        reportCut(lineNumber, "CWD", cutKey);
}

void AuditdParser::Private::parsePath(Pending& p, const char* body, const char* end, int64_t lineNumber)
{
    p.hasOrphanRecords = true;
    if (p.hasPath0)
        return;
    Value item, name, inode, dev;
    QByteArrayView cutKey;
    const FieldsEnd result = forEachField(
        body, end,
        [&](QByteArrayView key, const Value& v) {
            if (equals(key, "item")) {
                setOnce(item, v);
                return equals(v.view(), "0"); // only item 0 (the file as named by the caller) is kept
            }
            if (equals(key, "name"))
                setOnce(name, v);
            else if (equals(key, "inode"))
                setOnce(inode, v);
            else if (equals(key, "dev"))
                setOnce(dev, v);
            return true;
        },
        &cutKey);
    if (!item.set || !equals(item.view(), "0"))
        return;
    if (result == FieldsEnd::Unterminated)
        reportCut(lineNumber, "PATH", cutKey);
    p.hasPath0 = true;
    if (name.set)
        p.ev.path = decodeRepeated(name, m_repeats);
    p.ev.inode = numberOr(inode, kUnknownId);
    if (dev.set && !isNullToken(dev.view()))
        p.ev.dev = m_repeats.get(dev.view());
}

void AuditdParser::Private::parseProctitle(Pending& p, const char* body, const char* end, int64_t lineNumber)
{
    p.hasOrphanRecords = true;
    if (p.hasProctitle || p.hasExecve)
        return; // PROCTITLE only stands in for a missing EXECVE
    QByteArrayView cutKey;
    const FieldsEnd result = forEachField(
        body, end,
        [&](QByteArrayView key, const Value& v) {
            if (!equals(key, "proctitle"))
                return true;
            if (v.quoted || isNullToken(v.view())) {
                p.proctitle = v.quoted ? v.view().toByteArray() : QByteArray();
                p.hasProctitle = v.quoted;
            } else {
                // Unquoted proctitle is always hex from the kernel; accept lower case too (seen in fixtures).
                p.proctitle = decodeUntrusted(v, true);
                p.hasProctitle = true;
            }
            return false;
        },
        &cutKey);
    if (result == FieldsEnd::Unterminated)
        reportCut(lineNumber, "PROCTITLE", cutKey);
}

void AuditdParser::Private::reportCut(int64_t lineNumber, const char* recordType, QByteArrayView key)
{
    m_stats.addError(lineNumber, QStringLiteral("%1 record cut inside the quoted value of %2; the rest was ignored")
                                     .arg(QLatin1String(recordType), latin1Key(key)));
}

void AuditdParser::Private::buildArgv(Pending& p)
{
    ExecEvent& ev = p.ev;
    if (p.hasExecve) {
        ev.argvOrigin = ArgvOrigin::Execve;
        std::stable_sort(p.pieces.begin(), p.pieces.end(), [](const ArgPiece& a, const ArgPiece& b) {
            return a.index != b.index ? a.index < b.index : a.chunk < b.chunk;
        });
        const bool argcKnown = p.argc >= 0;
        bool truncated = !argcKnown; // no record said how many arguments there were
        size_t i = 0;
        for (int64_t index = 0; !argcKnown || index < p.argc; ++index) {
            while (i < p.pieces.size() && int64_t(p.pieces[i].index) < index) // duplicates of a used index
                ++i;
            if (i == p.pieces.size() || int64_t(p.pieces[i].index) != index) {
                truncated = truncated || argcKnown; // aK missing (its EXECVE record was lost or cut)
                break;
            }
            if (p.pieces[i].chunk < 0) {
                ev.argv.append(std::move(p.pieces[i].bytes));
                ++i;
                continue;
            }
            // aK[0], aK[1], ... reassembled in index order; aK_len is their total length in hex characters
            QByteArray whole;
            int32_t expected = 0;
            for (; i < p.pieces.size() && int64_t(p.pieces[i].index) == index; ++i) {
                if (p.pieces[i].chunk < expected)
                    continue; // the same chunk twice
                if (p.pieces[i].chunk != expected) {
                    truncated = true;
                    break;
                }
                whole.append(p.pieces[i].bytes);
                ++expected;
            }
            bool lengthKnown = false;
            for (const auto& [lenIndex, hexLength] : p.hexLengths) {
                if (int64_t(lenIndex) == index) {
                    lengthKnown = true;
                    if (hexLength != int64_t(whole.size()) * 2)
                        truncated = true;
                    break;
                }
            }
            if (!lengthKnown)
                truncated = true;
            ev.argv.append(std::move(whole));
        }
        ev.argvTruncated = truncated;
    } else if (p.hasProctitle) {
        ev.argvOrigin = ArgvOrigin::Proctitle;
        ev.argvTruncated = p.proctitle.size() >= 128; // the kernel cuts proctitle at 128 bytes
        QByteArray title = std::move(p.proctitle);
        if (title.endsWith('\0'))
            title.chop(1);
        if (!title.isEmpty())
            ev.argv = title.split('\0');
    }
}

void AuditdParser::Private::emitPending(Pending& p, uint32_t node)
{
    const QByteArray recordId(p.recordId.data(), p.recordIdLength);
    if (!p.hasSyscall) {
        if (p.hasOrphanRecords) {
            ++m_stats.incompleteEvents;
            m_stats.addError(p.firstLine, QStringLiteral("event %1 has no SYSCALL record; its other records were "
                                                         "not used")
                                              .arg(QString::fromLatin1(recordId)));
        }
        return;
    }
    ExecEvent& ev = p.ev;
    buildArgv(p);
    if (p.hasExecve && ev.argvTruncated) {
        ++m_stats.incompleteEvents;
        m_stats.addError(p.firstLine, QStringLiteral("event %1: EXECVE records hold %2 of %3 arguments")
                                          .arg(QString::fromLatin1(recordId))
                                          .arg(ev.argv.size())
                                          .arg(p.argc >= 0 ? QString::number(p.argc) : QStringLiteral("?")));
    }
    ev.line = p.firstLine;
    ev.record = recordId;
    ev.serial = int64_t(std::min<uint64_t>(p.serial, uint64_t(std::numeric_limits<int64_t>::max())));
    ev.timeNs = int64_t(p.sec) * 1000000000 + int64_t(p.fracNs);
    ev.host = hostOf(node, p);
    ev.kind = EventKind::Exec;
    ++m_stats.events;
    if (!ev.success)
        ++m_stats.failedExecs;
    m_sink(std::move(ev));
}

QByteArray AuditdParser::Private::hostOf(uint32_t node, const Pending& p) const
{
    if (node == 0)
        return m_defaultHost;
    if (node & kOverflowNodeBit)
        return p.nodeName;
    return m_nodeNames.at(node);
}

Pending* AuditdParser::Private::startPending(Slot& slot, const Header& h, int64_t lineNumber, uint32_t node)
{
    Pending* p = acquire();
    slot.pending = p;
    ++m_open;
    p->firstLine = lineNumber;
    p->sec = h.sec;
    p->fracNs = h.fracNs;
    p->serial = h.serial;
    std::memcpy(p->recordId.data(), h.idBegin, size_t(h.idLength));
    p->recordIdLength = h.idLength;
    if (node & kOverflowNodeBit)
        p->nodeName = h.node.toByteArray();
    return p;
}

Pending* AuditdParser::Private::acquire()
{
    if (m_pool.empty())
        return new Pending;
    Pending* p = m_pool.back();
    m_pool.pop_back();
    return p;
}

void AuditdParser::Private::release(Pending* p)
{
    if (m_pool.size() >= kMaxPooledEvents) {
        delete p;
        return;
    }
    p->reset();
    m_pool.push_back(p);
}

void AuditdParser::Private::closeAndErase(QHash<EventKey, Slot>::iterator it)
{
    Pending* p = it->pending;
    const uint32_t node = it.key().node;
    m_slots.erase(it);
    if (p) {
        --m_open;
        emitPending(*p, node);
        release(p);
    }
}

void AuditdParser::Private::evictIdle()
{
    while (!m_fifo.empty() && m_fifo.front().pushedAt + kIdleWindowLines < m_lineCounter) {
        const FifoEntry entry = m_fifo.front();
        m_fifo.pop_front();
        const auto it = m_slots.find(entry.key);
        if (it == m_slots.end())
            continue;
        if (it->lastSeen + kIdleWindowLines >= m_lineCounter) { // touched since: look again later
            m_fifo.push_back({entry.key, it->lastSeen});
            continue;
        }
        closeAndErase(it);
    }
}

void AuditdParser::Private::evictOverCap()
{
    // Flush the oldest events (FIFO order) until a quarter of the room is free again.
    while (m_open > kMaxOpenEvents * 3 / 4 && !m_fifo.empty()) {
        const FifoEntry entry = m_fifo.front();
        m_fifo.pop_front();
        const auto it = m_slots.find(entry.key);
        if (it != m_slots.end())
            closeAndErase(it);
    }
}

void AuditdParser::Private::finish()
{
    struct Open
    {
        int64_t firstLine;
        Pending* pending;
        uint32_t node;
    };
    std::vector<Open> open;
    for (auto it = m_slots.begin(); it != m_slots.end(); ++it) {
        if (it->pending)
            open.push_back({it->pending->firstLine, it->pending, it.key().node});
    }
    m_slots.clear();
    m_fifo.clear();
    m_open = 0;
    std::sort(open.begin(), open.end(), [](const Open& a, const Open& b) { return a.firstLine < b.firstLine; });
    for (const Open& o : open) {
        emitPending(*o.pending, o.node);
        release(o.pending);
    }
}

// ---------------------------------------------------------------------------------------------------------------

AuditdParser::AuditdParser(Sink sink, QByteArray defaultHost)
    : d(std::make_unique<Private>(std::move(sink), std::move(defaultHost)))
{
}

AuditdParser::~AuditdParser() = default;

void AuditdParser::feedLine(QByteArrayView line, int64_t lineNumber)
{
    d->feedLine(line, lineNumber);
}

void AuditdParser::finish()
{
    d->finish();
}

const SourceStats& AuditdParser::stats() const
{
    return d->m_stats;
}

bool AuditdParser::looksLikeAudit(QByteArrayView firstLines)
{
    constexpr int kLinesToExamine = 32;
    int examined = 0;
    qsizetype pos = 0;
    while (pos < firstLines.size() && examined < kLinesToExamine) {
        qsizetype nl = firstLines.indexOf('\n', pos);
        if (nl < 0)
            nl = firstLines.size();
        const QByteArrayView line = trimLine(firstLines.sliced(pos, nl - pos));
        pos = nl + 1;
        if (isIgnorable(line))
            continue;
        ++examined;
        Header h;
        if (locate(line, h, true) == Located::Record && h.hasId)
            return true;
    }
    return false;
}

} // namespace ShimScope
