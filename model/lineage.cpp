// SPDX-License-Identifier: GPL-3.0-or-later
#include "lineage.h"

#include "boundedqueue.h"
#include "casereader.h"
#include "execevent.h"
#include "runtimecommand.h"
#include "spillfile.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <deque>
#include <exception>
#include <initializer_list>
#include <limits>
#include <string>
#include <unordered_map>
#include <memory>
#include <optional>
#include <queue>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

namespace ShimScope
{

namespace
{

constexpr int32_t kNone = -1;
/// A runtime launch (runc create/run/exec) is matched to the first program that appears under it within this time.
constexpr int64_t kLaunchWindowNs = int64_t(10) * 1000 * 1000 * 1000;
/// conmon forks its long-lived copy right after its exec: the copy's pid follows closely and soon.
constexpr int64_t kConmonForkWindowNs = int64_t(30) * 1000 * 1000 * 1000;
constexpr int64_t kConmonMaxPidGap = 3;
/// runc's nsexec clones the container process two levels below the pid that exec'd `runc init`.
constexpr int64_t kInitMaxPidGap = 3;
/// Device fingerprints are bound in time: overlay device numbers are reused after a container's rootfs goes.
constexpr int64_t kDeviceWindowNs = int64_t(120) * 1000 * 1000 * 1000;
/// Two sources' records of one exec are this close in time (duplicateOfOtherSource).
constexpr int64_t kSameExecNs = int64_t(50) * 1000 * 1000;
/// Recent conmon execs and hand-run creates remembered per host.
constexpr size_t kMaxRecent = 256;
/// Process listings (`ps -o lstart`) give start times cut to the whole second, and earlier than the truth by up to
/// two: procps adds the process's start offset, in whole seconds, to the boot time of /proc/stat `btime`, which is
/// itself cut to the second. So a process listed as started at S started in [S, S + 2 s); its exec follows the
/// fork (in the lab captures 0.1 to 1.2 s after the listed second: runc init waits for `runc start` to exec).
constexpr int64_t kListedWindowNs = int64_t(2) * 1000 * 1000 * 1000;
/// auditd stamps with the coarse clock, which lags the real one by up to a jiffy.
constexpr int64_t kListedSlackNs = int64_t(50) * 1000 * 1000;

enum class Location : uint8_t
{
    Host,
    Container,
    Unknown,
};

enum class Confidence : uint8_t
{
    Certain,
    Likely,
    Unknown,
};

enum class Role : uint8_t
{
    HostProcess,
    Engine,
    Cli,
    ShimLauncher,
    Shim,
    Runtime,
    RuntimeInit,
    RuntimeHook,
    Entrypoint,
    ExecSessionRoot,
    ContainerProcess,
};

const char* roleName(Role role)
{
    switch (role) {
    case Role::HostProcess:
        return "host process";
    case Role::Engine:
        return "engine";
    case Role::Cli:
        return "runtime cli";
    case Role::ShimLauncher:
        return "shim launcher";
    case Role::Shim:
        return "shim";
    case Role::Runtime:
        return "runtime";
    case Role::RuntimeInit:
        return "runtime init";
    case Role::RuntimeHook:
        return "runtime hook";
    case Role::Entrypoint:
        return "entrypoint";
    case Role::ExecSessionRoot:
        return "exec-session root";
    case Role::ContainerProcess:
        return "container process";
    }
    return "";
}

const char* locationName(Location location)
{
    switch (location) {
    case Location::Host:
        return "host";
    case Location::Container:
        return "container";
    case Location::Unknown:
        return "unknown";
    }
    return "";
}

const char* confidenceName(Confidence confidence)
{
    switch (confidence) {
    case Confidence::Certain:
        return "certain";
    case Confidence::Likely:
        return "likely";
    case Confidence::Unknown:
        return "unknown";
    }
    return "";
}

/// What a new child of a node inherits.
enum class ContextKind : uint8_t
{
    Host,       ///< an ordinary host process
    Broken,     ///< a placeholder whose own parent is unknown: no proof either way
    Supervisor, ///< a shim or conmon: children are runtimes, entrypoints, re-parented container processes
    Launch,     ///< a runtime command (runc create/run/exec): its first program is an entrypoint or session root
    Container,  ///< inside a container
};

/// What the build knows of a process image, all of it plain values, so that a node it has not used lately can be
/// kept on disk as these bytes (NodeTable's cold records). Wide fields first, so no padding goes between them.
struct NodeFields
{
    int64_t hostId = 0; ///< never 0 for a node (host ids start at 1): a cold record of zeros is no node
    int64_t pid = 0;
    int64_t ppid = kUnknownId;
    int64_t ts = 0;
    int64_t eventId = 0;     ///< 0 for a placeholder
    int64_t listedStart = 0; ///< the start time a listing row gave this node (made or filled from it)
    int64_t exitTs = 0;      ///< when an exit record ended this image, 0 if none did
    int64_t sourceId = 0;    ///< the file the record came from
    const char* link = nullptr; ///< one of the ParentLink constants
    int32_t parent = kNone;
    int32_t predecessor = kNone;
    int32_t runtime = kNone; ///< index into the runtime commands, when the process is a runtime component
    int32_t container = kNone;
    int32_t anchor = kNone; ///< the node whose command named the container (or made the host decision)
    int32_t dev = kNone;    ///< interned PATH item 0 device
    int32_t stated = kNone; ///< index of the container the log itself states, if any
    int32_t name = kNone;   ///< interned program name (exe basename, or argv[0]) for evidence text
    bool placeholder = false;
    bool failed = false;
    bool snapshot = false;       ///< made from a process listing row, not an exec record
    bool launchConsumed = false; ///< for Launch contexts: the first program below has been seen
    Location location = Location::Unknown;
    Role role = Role::HostProcess;
    Confidence confidence = Confidence::Unknown;
    ContextKind childContext = ContextKind::Host;
};
static_assert(std::is_trivially_copyable_v<NodeFields>);

/// A process image as the build holds it (136 bytes: a long log's lineage holds one per pid it can still reach).
struct Node : NodeFields
{
    QString rule; ///< the rule that decided, in words; empty when simply inherited from the parent
};
static_assert(sizeof(Node) <= 136, "a node's size is what a long log's lineage costs per process");

struct Container
{
    int64_t hostId = 0;
    QByteArray id;
    QByteArray runtime;
    QByteArray engine;
    QByteArray namespace_;
    QByteArray sandbox;
    QByteArray name;
    QByteArray image;
    int32_t namedBy = kNone; ///< the CLI command the name and image came from
    int32_t shim = kNone;
    int32_t entrypoint = kNone;
    int32_t entrypointName = kNone; ///< the entrypoint's interned program name (its node may be dropped by then)
    int64_t firstTs = 0;
    int64_t lastTs = 0;
    QList<int32_t> shims;
    int64_t execSessions = 0;
};

/// A stable colour slot for a container id: the same id gets the same colour in every case and every view.
int colourIndex(const QByteArray& id)
{
    uint32_t hash = 2166136261u;
    for (const char c : id)
        hash = (hash ^ static_cast<uint8_t>(c)) * 16777619u;
    return static_cast<int>(hash % 16);
}

/// A cheap superset of what classifyRuntime() recognises: runtime components by executable basename, or by
/// argv[0] when the image has no usable path (fd or memfd execs).
bool mayBeRuntime(QByteArrayView exe, QByteArrayView argv0)
{
    static const char* const kPrefixes[] = {"containerd", "docker", "runc", "crun", "runsc", "youki", "conmon",
                                            "tini", "catatonit", "podman", "ctr", "nerdctl", "crictl",
                                            "kubectl", "kubelet", "k3s", "rke2", "crio", "memfd"};
    // Views, not basename(): this runs for every exec, and a copy of each name cost an allocation per event.
    auto matches = [](QByteArrayView path) {
        const QByteArrayView name = path.sliced(path.lastIndexOf('/') + 1);
        for (const char* prefix : kPrefixes) {
            if (name.startsWith(prefix))
                return true;
        }
        return false;
    };
    const bool pathless = exe.isEmpty() || exe == "/" || exe.startsWith("/proc/") || exe.startsWith("/dev/fd/")
        || exe.startsWith("/memfd:");
    return matches(exe) || (pathless && (matches(argv0) || argv0.startsWith("/proc/") || argv0.startsWith("/dev/fd/")));
}

/// pid → node of one host, for the lookups the lineage makes several times per event. Open addressing with linear
/// probing over 64-bit keys: one cache line per lookup where QHash took two dependent loads and a seeded hash (the
/// QHash lookups were a third of the lineage build's time at 1M events). The subset of QHash's API the builder uses.
class PidMap
{
public:
    struct Iterator
    {
        const PidMap* map;
        size_t slot;
        int32_t operator*() const { return map->m_values[slot]; }
        bool operator==(const Iterator& other) const { return slot == other.slot; }
        bool operator!=(const Iterator& other) const { return slot != other.slot; }
    };

    Iterator constEnd() const { return {this, kNoSlot}; }

    /// Calls f(pid, value) for every entry, in no particular order.
    template<typename F>
    void forEach(F&& f) const
    {
        for (size_t slot = 0; slot < m_keys.size(); ++slot) {
            if (m_keys[slot] != kEmpty)
                f(m_keys[slot], m_values[slot]);
        }
    }

    Iterator constFind(int64_t pid) const
    {
        if (m_size == 0)
            return constEnd();
        for (size_t slot = home(pid);; slot = (slot + 1) & m_mask) {
            if (m_keys[slot] == pid)
                return {this, slot};
            if (m_keys[slot] == kEmpty)
                return constEnd();
        }
    }

    void insert(int64_t pid, int32_t value)
    {
        if ((m_size + 1) * 2 > m_keys.size())
            grow();
        size_t slot = home(pid);
        while (m_keys[slot] != kEmpty && m_keys[slot] != pid)
            slot = (slot + 1) & m_mask;
        if (m_keys[slot] == kEmpty)
            ++m_size;
        m_keys[slot] = pid;
        m_values[slot] = value;
    }

    void erase(Iterator it)
    {
        // Backward-shift deletion: later entries of the probe run move up, so lookups never need tombstones.
        size_t hole = it.slot;
        for (size_t next = (hole + 1) & m_mask; m_keys[next] != kEmpty; next = (next + 1) & m_mask) {
            const size_t want = home(m_keys[next]);
            // Move next into the hole unless its home lies cyclically in (hole, next].
            const bool stays = hole <= next ? (want > hole && want <= next) : (want > hole || want <= next);
            if (!stays) {
                m_keys[hole] = m_keys[next];
                m_values[hole] = m_values[next];
                hole = next;
            }
        }
        m_keys[hole] = kEmpty;
        --m_size;
    }

private:
    static constexpr int64_t kEmpty = std::numeric_limits<int64_t>::min(); // no pid is this
    static constexpr size_t kNoSlot = std::numeric_limits<size_t>::max();

    size_t home(int64_t pid) const
    {
        return static_cast<size_t>((static_cast<uint64_t>(pid) * 0x9E3779B97F4A7C15ull) >> m_shift) & m_mask;
    }

    void grow()
    {
        std::vector<int64_t> keys = std::move(m_keys);
        std::vector<int32_t> values = std::move(m_values);
        const size_t capacity = keys.empty() ? 1024 : keys.size() * 2;
        m_keys.assign(capacity, kEmpty);
        m_values.assign(capacity, 0);
        m_mask = capacity - 1;
        m_shift = 64 - static_cast<int>(std::countr_zero(capacity));
        m_size = 0;
        for (size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] != kEmpty)
                insert(keys[i], values[i]);
        }
    }

    std::vector<int64_t> m_keys;
    std::vector<int32_t> m_values;
    size_t m_size = 0;
    size_t m_mask = 0;
    int m_shift = 64;
};

/// A bounded build reached a node or table entry it had dropped: a path of the lineage its collection does not
/// know. Never expected; caught by buildFromCase(), which builds again with every node in memory.
struct DroppedEntry : std::logic_error
{
    using std::logic_error::logic_error;
};

/// Values handed out by index in order, each dropped when the build is done with it, so that a long log's runtime
/// commands, stated containers and strong links do not stay in memory. Indices keep counting across drops.
template<typename T>
class Pool
{
public:
    int32_t add(T value)
    {
        const int32_t index = m_next++;
        m_items.emplace(index, std::move(value));
        return index;
    }

    /// Adds a value made elsewhere with its index (a feed's, received in chunks).
    void put(int32_t index, T value)
    {
        m_items.insert_or_assign(index, std::move(value));
        m_next = std::max(m_next, index + 1);
    }

    const T& at(int32_t index) const
    {
        const auto it = m_items.find(index);
        if (it == m_items.end())
            throw DroppedEntry("lineage: table entry " + std::to_string(index) + " used after it was dropped");
        return it->second;
    }

    void drop(int32_t index)
    {
        if (index != kNone)
            m_items.erase(index);
    }

    /// Every value held, with its index, moved out (what a feed sends its worker).
    std::vector<std::pair<int32_t, T>> takeAll()
    {
        std::vector<std::pair<int32_t, T>> out;
        out.reserve(m_items.size());
        for (auto& [index, value] : m_items)
            out.emplace_back(index, std::move(value));
        m_items.clear();
        return out;
    }

private:
    std::unordered_map<int32_t, T> m_items;
    int32_t m_next = 0;
};

/// One event as the lineage reads it. Rows are processed in (ts, serial, id) order, the order of exec_events_ts.
struct LineageRow
{
    int64_t id = 0;
    int64_t hostId = 0;
    int64_t pid = kUnknownId;
    int64_t ppid = kUnknownId;
    int64_t ts = 0;
    int64_t serial = std::numeric_limits<int64_t>::min(); ///< none sorts first, as SQL sorts NULL
    int64_t sourceId = 0;
    int64_t startTs = 0;
    int32_t name = kNone;
    int32_t dev = kNone;
    int32_t runtime = kNone;
    int32_t stated = kNone;
    int32_t extra = kNone; ///< index into EventTables::extras when the event has a strong link or is a listing row
    EventKind kind = EventKind::Exec;
    bool failed = false;
};

/// The order rows are processed in: exec_events_ts order. Ids are unique, so no two rows tie.
bool rowBefore(const LineageRow& a, const LineageRow& b)
{
    return a.ts != b.ts ? a.ts < b.ts : a.serial != b.serial ? a.serial < b.serial : a.id < b.id;
}

/// The rare, larger parts of a row: strong links, and a listing row's arguments.
struct RowExtra
{
    QByteArray guid;
    QByteArray parentGuid;
    QByteArray argv;
};

/// What rows point into: interned program names and devices, runtime commands, stated containers.
struct EventTables
{
    std::vector<QString> names;
    QHash<QByteArray, int32_t> nameIndex;
    std::vector<QByteArray> devices;
    QHash<QByteArray, int32_t> deviceIndex;
    Pool<RuntimeCommand> commands;                   ///< dropped with the last node that is the command
    Pool<std::pair<QByteArray, QByteArray>> stated;  ///< stated container id and the field that stated it; dropped once checked
    Pool<RowExtra> extras;                           ///< dropped once its row is built

    // Looked up through a raw-data key, copied only when new: a feed interns 1M names without allocating each.
    int32_t internName(QByteArrayView name)
    {
        if (name.isEmpty())
            return kNone;
        const QByteArray key = QByteArray::fromRawData(name.data(), name.size());
        if (const auto it = nameIndex.constFind(key); it != nameIndex.constEnd())
            return *it;
        const int32_t index = static_cast<int32_t>(names.size());
        names.push_back(QString::fromUtf8(name));
        nameIndex.insert(QByteArray(name.data(), name.size()), index);
        return index;
    }

    int32_t internDev(QByteArrayView dev)
    {
        if (dev.isEmpty())
            return kNone;
        const QByteArray key = QByteArray::fromRawData(dev.data(), dev.size());
        if (const auto it = deviceIndex.constFind(key); it != deviceIndex.constEnd())
            return *it;
        const int32_t index = static_cast<int32_t>(devices.size());
        devices.push_back(QByteArray(dev.data(), dev.size()));
        deviceIndex.insert(devices.back(), index);
        return index;
    }

    /// Fills what an exec or listing row's program gives: its name, device, runtime command and stated container.
    /// argv() gives the arguments; it is called only for programs that may be runtime components.
    template<typename Argv>
    void describe(LineageRow& row, const QByteArray& exe, QByteArrayView argv0, QByteArrayView dev,
                  const QByteArray& syscall, Argv&& argv, const QByteArray* statedId, const QByteArray& statedSource)
    {
        const bool pathless = exe.isEmpty() || exe == "/";
        const qsizetype slash = exe.lastIndexOf('/');
        row.name = internName(pathless ? argv0 : QByteArrayView(exe).sliced(slash + 1));
        row.dev = internDev(dev);
        // Only programs whose name could be a runtime component are parsed in full.
        if (mayBeRuntime(exe, argv0)) {
            RuntimeCommand command = classifyRuntime(exe, argv(), syscall);
            if (command.kind != RuntimeKind::None)
                row.runtime = commands.add(std::move(command));
        }
        if (statedId)
            row.stated = stated.add({*statedId, statedSource});
    }
};

/// Nodes in fixed blocks. Growing never moves them: a vector's doubling held the old and the new array at once, up
/// to three times the nodes' bytes at that moment, and kept up to half its capacity unused.
class NodeBlocks
{
public:
    Node& operator[](size_t slot) { return m_blocks[slot / kBlock][slot % kBlock]; }
    const Node& operator[](size_t slot) const { return m_blocks[slot / kBlock][slot % kBlock]; }
    size_t size() const { return m_size; }

    void push_back(Node&& node)
    {
        if (m_size == m_blocks.size() * kBlock)
            m_blocks.push_back(std::make_unique<Node[]>(kBlock));
        (*this)[m_size++] = std::move(node);
    }

    /// Shrinks to size nodes: the blocks past them are freed, the nodes left in the last one cleared.
    void shrink(size_t size)
    {
        for (size_t slot = size; slot < m_size && slot % kBlock != 0; ++slot)
            (*this)[slot] = Node();
        m_size = size;
        m_blocks.resize((size + kBlock - 1) / kBlock);
    }

private:
    static constexpr size_t kBlock = 4096;
    std::vector<std::unique_ptr<Node[]>> m_blocks;
    size_t m_size = 0;
};

/// The nodes of a build by index (an index is the node's id less one). Until the first collect() every node is in
/// memory; after it, only those the build can still reach: collect() drops the others, whose stored columns the
/// builder has written out already. Lookups stay O(1) for the nodes made since the last collection and are a binary
/// search over the kept older ones.
///
/// Reachable nodes past a budget go cold: collect() writes the oldest of them, every kept node below an index, to a
/// file of fixed-size records (their NodeFields, at index × size) and lets them go. A cold node is read back when
/// the build uses it (a child of a long-lived shell, say) and written again at the next collection. All of a cold
/// node's ancestors are older, so cold too: marking can stop at the first cold node. Memory then holds the budget,
/// whatever the number of processes a log's pid space keeps reachable (millions on hosts with a 4M pid_max).
///
/// A reference into the table stays valid until the next collect().
class NodeTable
{
public:
    Node& operator[](int32_t index) { return index < m_coldBelow ? thawed(index) : m_slots[slotOf(index)]; }
    const Node& operator[](int32_t index) const { return index < m_coldBelow ? thawed(index) : m_slots[slotOf(index)]; }

    /// How many indices have been handed out (the next node's index).
    int32_t size() const { return m_count; }
    /// How many nodes are in memory, cold ones read back included.
    size_t resident() const { return m_slots.size() + m_thawed.size(); }
    /// Nodes in memory that are not cold.
    size_t hot() const { return m_slots.size(); }
    /// Nodes made since the last collection.
    size_t recent() const { return m_slots.size() - m_kept.size(); }
    /// Whether a node lives in the cold file (or, if the build never needed it again, nowhere).
    bool isCold(int32_t index) const { return index < m_coldBelow; }
    /// Where the cold file goes; before the first collect() that makes nodes cold.
    void setColdFolder(const QString& folder) { m_coldFolder = folder; }

    int32_t add(Node&& node)
    {
        if (m_count == std::numeric_limits<int32_t>::max())
            throw std::length_error("lineage: too many process nodes");
        m_slots.push_back(std::move(node));
        return m_count++;
    }

    /// The slot of a node in memory that is not cold.
    size_t slotOf(int32_t index) const
    {
        if (index >= m_tailBase)
            return m_kept.size() + static_cast<size_t>(index - m_tailBase);
        const auto it = std::lower_bound(m_kept.begin(), m_kept.end(), index);
        if (it == m_kept.end() || *it != index)
            throw DroppedEntry("lineage: process node " + std::to_string(index + 1) + " used after it was dropped");
        return static_cast<size_t>(it - m_kept.begin());
    }

    /// The index of the node in a slot.
    int32_t indexAt(size_t slot) const
    {
        return slot < m_kept.size() ? m_kept[slot] : m_tailBase + static_cast<int32_t>(slot - m_kept.size());
    }

    /// The node in a slot (slots run from 0 to hot(), in index order).
    const Node& atSlot(size_t slot) const { return m_slots[slot]; }

    /// Keeps the nodes whose slot is marked, in index order; dropped(index, node) sees each one dropped first. Kept
    /// nodes below coldBelow (which only grows) go cold; frozen(index, node) sees each. Cold nodes read back since
    /// the last collection are written again and let go.
    template<typename Dropped, typename Frozen>
    void collect(const std::vector<uint8_t>& keep, int32_t coldBelow, Dropped&& dropped, Frozen&& frozen)
    {
        for (const auto& [index, node] : m_thawed)
            cold().writeAt(offsetOf(index), static_cast<const NodeFields*>(&node), sizeof(NodeFields));
        m_thawed.clear();
        ColdRun run(*this);
        std::vector<int32_t> kept;
        size_t to = 0;
        for (size_t slot = 0; slot < m_slots.size(); ++slot) {
            const int32_t index = indexAt(slot);
            if (!keep[slot]) {
                dropped(index, m_slots[slot]);
                continue;
            }
            if (index < coldBelow) {
                if (m_slots[slot].hostId == 0)
                    throw std::logic_error("lineage: a node without a host");
                frozen(index, m_slots[slot]);
                run.add(index, m_slots[slot]);
                continue;
            }
            kept.push_back(index);
            if (to != slot)
                m_slots[to] = std::move(m_slots[slot]);
            ++to;
        }
        run.flush();
        m_slots.shrink(to);
        m_kept = std::move(kept);
        m_tailBase = m_count;
        m_coldBelow = std::max(m_coldBelow, coldBelow);
    }

private:
    static constexpr int64_t kRecord = sizeof(NodeFields);
    static int64_t offsetOf(int32_t index) { return static_cast<int64_t>(index) * kRecord; }

    SpillFile& cold() const
    {
        if (!m_cold)
            m_cold = std::make_unique<SpillFile>(m_coldFolder);
        return *m_cold;
    }

    Node& thawed(int32_t index) const
    {
        if (const auto it = m_thawed.find(index); it != m_thawed.end())
            return it->second;
        Node node;
        if (!cold().readAt(offsetOf(index), static_cast<NodeFields*>(&node), sizeof(NodeFields)) || node.hostId == 0)
            throw DroppedEntry("lineage: process node " + std::to_string(index + 1) + " used after it was dropped");
        return m_thawed.emplace(index, std::move(node)).first->second;
    }

    /// Nodes going cold, ascending: written as runs of records (zeros between them: nodes no longer reachable).
    struct ColdRun
    {
        explicit ColdRun(NodeTable& t)
            : table(t)
        {
        }

        NodeTable& table;
        std::vector<char> bytes;
        int32_t first = kNone;
        int32_t next = kNone;

        void add(int32_t index, const Node& node)
        {
            constexpr int32_t kMaxGap = 64;
            if (first != kNone && (index - next > kMaxGap || bytes.size() >= (size_t(1) << 20)))
                flush();
            if (first == kNone)
                first = next = index;
            bytes.resize(bytes.size() + static_cast<size_t>(index - next) * kRecord, 0);
            const auto* fields = reinterpret_cast<const char*>(static_cast<const NodeFields*>(&node));
            bytes.insert(bytes.end(), fields, fields + kRecord);
            next = index + 1;
        }

        void flush()
        {
            if (first != kNone)
                table.cold().writeAt(offsetOf(first), bytes.data(), bytes.size());
            bytes.clear();
            first = next = kNone;
        }
    };

    NodeBlocks m_slots; ///< the kept older nodes (indices in m_kept), then every node since index m_tailBase
    std::vector<int32_t> m_kept; ///< ascending
    int32_t m_tailBase = 0;
    int32_t m_count = 0;
    int32_t m_coldBelow = 0; ///< nodes below this index are cold (or dropped)
    QString m_coldFolder;
    mutable std::unique_ptr<SpillFile> m_cold;
    mutable std::unordered_map<int32_t, Node> m_thawed; ///< cold nodes read back since the last collection
};

/// A finished node as the bounded build spills it and the writer binds it: its fields, then what is needed of the
/// rest once the node may be gone (its evidence's size, the text following the record, and its runtime's kind).
/// The link is a pointer to one of the ParentLink constants: the file is read back by the process that wrote it.
constexpr int32_t kNoEvidence = -1;

struct StoredNode : NodeFields
{
    int32_t index = kNone;
    int32_t evidenceSize = kNoEvidence; ///< bytes of evidence JSON that follow the record, kNoEvidence for NULL
    uint8_t runtimeKind = 0;            ///< 0 for none, else RuntimeKind + 1
    uint8_t unused[7] = {};             ///< no padding left undefined in the file
};
static_assert(std::is_trivially_copyable_v<StoredNode> && sizeof(StoredNode) == sizeof(NodeFields) + 16);
/// Record tags of the spill file: a node (StoredNode then its evidence) or a merged record (event id, node).
constexpr char kNodeRecord = 'N';
constexpr char kMergedRecord = 'M';

} // namespace

namespace
{

class Builder
{
public:
    explicit Builder(Database& db)
        : m_db(db)
    {
    }

    /// Reads the events from the case, builds and attributes the nodes, stores them.
    LineageStats run(const std::atomic_bool* cancel)
    {
        QElapsedTimer clock;
        clock.start();
        load(cancel);
        finishLoad();
        m_stats.loadMs = clock.restart();
        return store();
    }

    /// One row of a feed, in (ts, serial, id) order.
    void addFeedRow(const LineageRow& row)
    {
        static const QByteArray none;
        const RowExtra* extra = row.extra == kNone ? nullptr : &m_tables.extras.at(row.extra);
        addRow(row, extra ? extra->guid : none, extra ? extra->parentGuid : none, extra ? extra->argv : none);
        m_tables.extras.drop(row.extra);
    }

    /// After the last row: the decisions that wait for the whole log. (Attribution by device waits for the store.)
    void finishLoad()
    {
        decideListingRows(INT64_MAX);
        followListedReexecs();
        m_stats.residentNodes = std::max<int64_t>(m_stats.residentNodes, static_cast<int64_t>(m_nodes.resident()));
    }

    /// Writes nodes, containers and merged records into the case (the connection's thread).
    LineageStats store()
    {
        QElapsedTimer clock;
        clock.start();
        write();
        inferHostOs();
        m_stats.writeMs = clock.elapsed();
        return m_stats;
    }

    EventTables& tables() { return m_tables; }
    /// Whether each pid's images are kept for listing rows. Without them, nodes the build can no longer reach are
    /// written out and dropped from memory as it goes (see collect()). Set before the first row.
    void setTrackImages(bool on)
    {
        m_trackImages = on;
        m_evict = !on && !m_keepEveryNode && s_collectEvery.load() > 0;
    }
    /// Never drops a node, whatever the case holds.
    void keepEveryNode()
    {
        m_keepEveryNode = true;
        m_evict = false;
    }
    void setLoadMs(int64_t ms) { m_stats.loadMs = ms; }

    /// Nodes made between two collections at least (tests make it small; 0 keeps every node in memory).
    static inline std::atomic<int32_t> s_collectEvery{65536};

private:
    struct PendingLaunch
    {
        int32_t runtimeNode;
        int64_t ts;
    };
    struct RecentRun
    {
        int32_t node;
        int64_t ts;
    };
    struct RecentCreate
    {
        int32_t createNode;
        int64_t initPid;
        int64_t ts;
    };

    // ---- loading and lineage -------------------------------------------------------------------------------

    /// Reads every event of the case in time order.
    void load(const std::atomic_bool* cancel)
    {
        auto checkCancel = [cancel] {
            if (cancel && cancel->load(std::memory_order_relaxed))
                throw DatabaseError(0, "lineage rebuild cancelled");
        };
        {
            // Every image of every pid is kept only for listing rows to be matched against.
            Statement listing(m_db, "SELECT EXISTS (SELECT 1 FROM exec_events WHERE kind = ?)");
            listing.bind(1, static_cast<int64_t>(EventKind::Snapshot));
            setTrackImages(listing.step() && listing.columnInt(0) != 0);
        }
        {
            // Time order straight from the exec_events_ts index: no sort of the event rows (argv blobs included).
            Statement select(m_db, "SELECT e.id, e.host_id, e.pid, e.ppid, e.ts, e.success, e.syscall, se.value, "
                                   "e.argc, e.argv, e.dev, e.kind, e.guid, e.parent_guid, e.stated_container, "
                                   "e.stated_container_source, e.start_ts, e.source_id FROM exec_events e "
                                   "INDEXED BY exec_events_ts LEFT JOIN strings se ON se.id = e.exe_id "
                                   "ORDER BY e.ts, e.serial, e.id");
            while (select.step()) {
                checkCancel();
                LineageRow row;
                row.id = select.columnInt(0);
                row.hostId = select.columnInt(1);
                row.pid = select.isNull(2) ? kUnknownId : select.columnInt(2);
                row.ppid = select.isNull(3) ? kUnknownId : select.columnInt(3);
                row.ts = select.columnInt(4);
                row.failed = select.columnInt(5) == 0;
                row.kind = static_cast<EventKind>(select.columnInt(11));
                row.startTs = select.isNull(16) ? 0 : select.columnInt(16);
                row.sourceId = select.columnInt(17);
                const QByteArray argvBlob = select.columnBytes(9);
                if (row.kind == EventKind::Exec || row.kind == EventKind::Snapshot) {
                    const QByteArray exe = select.columnBytes(7);
                    const qsizetype nul = argvBlob.indexOf('\0');
                    const QByteArray statedId = select.columnBytes(14);
                    const QByteArrayView argv0 = QByteArrayView(argvBlob).first(nul < 0 ? argvBlob.size() : nul);
                    m_tables.describe(row, exe, argv0, select.columnBytes(10), select.columnBytes(6),
                                      [&] { return splitArgv(argvBlob, select.columnInt(8)); },
                                      select.isNull(14) ? nullptr : &statedId, select.columnBytes(15));
                }
                addRow(row, select.columnBytes(12), select.columnBytes(13), argvBlob);
            }
        }
    }

    /// One event, in time order (the loop of load()).
    void addRow(const LineageRow& row, const QByteArray& guid, const QByteArray& parentGuid, const QByteArray& argvBlob)
    {
        collectIfDue(); // between events: no reference into m_nodes is held here
        m_now = row.ts;
        decideListingRows(row.ts);
        m_state = &m_hostStates[row.hostId];
        if (row.kind == EventKind::Exit) {
            // "Not known to have exited": an exit ends the pid's current image, so a reused pid starts afresh.
            if (const auto it = m_state->current.constFind(row.pid); it != m_state->current.constEnd()) {
                m_nodes[*it].exitTs = row.ts;
                m_state->current.erase(it);
            }
            return;
        }
        if (row.kind != EventKind::Exec && row.kind != EventKind::Snapshot)
            return;
        ++m_stats.events;
        Node node;
        node.hostId = row.hostId;
        node.eventId = row.id;
        node.pid = row.pid;
        node.ppid = row.ppid;
        node.ts = row.ts;
        node.failed = row.failed;
        node.snapshot = row.kind == EventKind::Snapshot;
        node.name = row.name;
        node.dev = row.dev;
        node.runtime = row.runtime;
        node.stated = row.stated;
        node.sourceId = row.sourceId;
        if (node.snapshot && node.ts == 0) {
            // A listing row with neither a start time nor a snapshot time (`ps aux`) cannot be placed on the
            // timeline, so it could attach to any process that ever had its pid: it stays an event only.
            ++m_stats.unplacedSnapshots;
            forget(node);
            return;
        }
        if (node.snapshot) {
            listingRow(std::move(node), row.startTs, argvBlob, guid);
            return;
        }
        if (duplicateOfOtherSource(node)) {
            forget(node);
            return;
        }
        addExec(std::move(node), parentGuid, guid);
    }

    /// A record that makes no node: the table entries it was given go.
    void forget(const Node& node)
    {
        m_tables.commands.drop(node.runtime);
        m_tables.stated.drop(node.stated);
    }

    /// The same exec recorded by two sources of one host (auditd and an exec tracer, say) is one process: the
    /// second record adds nothing. Same pid, a few milliseconds apart, different files. The program name is not
    /// compared: for a script, auditd names the interpreter and exec tracers the script.
    bool duplicateOfOtherSource(const Node& node)
    {
        // lastRecord, not current: failed execs are never a pid's current image but are recorded by both sources.
        const auto it = m_state->lastRecord.constFind(node.pid);
        if (it == m_state->lastRecord.constEnd())
            return false;
        const Node& existing = m_nodes[*it];
        if (existing.placeholder || existing.snapshot || existing.sourceId == node.sourceId
            || std::llabs(existing.ts - node.ts) > kSameExecNs)
            return false;
        ++m_stats.mergedDuplicates;
        addMerged(node.eventId, *it);
        return true;
    }

    // ---- process listings ------------------------------------------------------------------------------------

    /// A process listing row (`ps`, ECS "already running") whose decision may have to wait for the execs that
    /// follow it in the stream.
    struct ListingRow
    {
        Node row;
        int64_t start = 0;      ///< the listed start time (whole seconds for ps), 0 when the row has none
        int64_t listedAt = 0;   ///< the snapshot time when the listing gave it, else 0
        int64_t decideAt = 0;   ///< stream time at which every exec the row could show has been read
        QByteArray argv;        ///< the listed command line, normalised (argvText)
        QByteArray guid;        ///< the log's own process id (strong link), if any
    };

    /// A listing row merged into an exec image, kept to the end so a later re-exec can take it (followListedReexecs).
    struct ListedMerge
    {
        size_t merged;    ///< index in m_merged
        int64_t listedAt; ///< snapshot time, 0 if unknown
        QByteArray argv;
    };

    /// A listing row is an observation of a process, not an exec: "pid P, parent Q, running ARGV, started at S,
    /// alive at T". It belongs to the exec image of P that started in S's second (or, when the listing states its
    /// own time T, the newest image of P alive at T): then it is merged into that image's node. Only a row of a
    /// process never seen exec'ing makes or fills a node.
    ///
    /// Without a snapshot time the row's timestamp is S itself: a row "started at 17:35:46" sorts before the exec
    /// at 17:35:46.632 it shows. So such a row waits until the stream has passed S + kListedWindowNs (every exec
    /// that could be its process's has been read by then), unless a child of P needs P's node sooner (nodeOfPid).
    void listingRow(Node row, int64_t start, const QByteArray& argvBlob, const QByteArray& guid)
    {
        ListingRow listed;
        listed.guid = guid;
        listed.start = start;
        listed.listedAt = start == 0 || row.ts != start ? row.ts : 0;
        listed.argv = argvText(argvBlob);
        if (start > 0 && row.pid != kUnknownId) {
            // The listed process has held its pid since S: an image of that pid that started earlier had gone by
            // then (PID reuse), even if no exit record says so. Children of P from now on are not its children.
            if (const auto it = m_state->current.constFind(row.pid); it != m_state->current.constEnd()
                && m_nodes[*it].ts < start - kListedSlackNs)
                m_state->current.erase(it);
        }
        listed.row = std::move(row);
        if (listed.listedAt != 0) {
            // The listing's own time is known: the stream has read every exec up to it.
            decideListingRow(listed);
            return;
        }
        listed.decideAt = start + kListedWindowNs;
        m_listingRows.push_back(std::move(listed)); // decideAt grows with the stream: the deque stays in order
    }

    /// Decides the waiting listing rows whose window the stream has passed (all of them for INT64_MAX).
    void decideListingRows(int64_t now)
    {
        while (!m_listingRows.empty() && m_listingRows.front().decideAt <= now) {
            ListingRow listed = std::move(m_listingRows.front());
            m_listingRows.pop_front();
            m_state = &m_hostStates[listed.row.hostId];
            decideListingRow(listed);
        }
    }

    void decideListingRow(ListingRow& listed)
    {
        Node& row = listed.row;
        if (const int32_t image = listedImage(listed); image != kNone) {
            m_merged.push_back({row.eventId, image});
            m_listedMerges.push_back({m_merged.size() - 1, listed.listedAt, listed.argv});
            ++m_stats.mergedListingRows;
            return;
        }
        // A process never seen exec'ing (or one whose exec the log does not have).
        if (const auto it = m_state->current.constFind(row.pid); it != m_state->current.constEnd()) {
            Node& existing = m_nodes[*it];
            if (existing.placeholder && existing.eventId == 0
                && (listed.start == 0 || existing.ts >= listed.start - kListedSlackNs)) {
                // A parent never seen exec'ing: the row gives its program and its own parent. (A placeholder made
                // before the listed start was another process that had the pid: current no longer holds it.)
                fillPlaceholder(*it, listed);
                return;
            }
            // The same process in another listing (or in a row that has no start time): seen again.
            const bool sameListed = (existing.snapshot || existing.listedStart != 0)
                && (listed.start == 0 || existing.listedStart == 0
                    || std::llabs(existing.listedStart - listed.start) < startResolution(listed.start));
            // A row without a start time is the pid's newest image at the listing's time, as good as it gets.
            if (sameListed || (listed.start == 0 && !existing.placeholder)) {
                m_merged.push_back({row.eventId, *it});
                return;
            }
        }
        const RuntimeCommand* own = command(row);
        if (own && own->kind == RuntimeKind::Conmon) {
            if (const int32_t conmon = conmonForkedAs(row.pid, row.ts); conmon != kNone) {
                // The long-lived copy an exec'd conmon forks, listed re-parented to init: the same supervisor, so
                // the node a child would have made for it (linked to that conmon), filled from the row. A node of
                // its own would count as a second shim of the container: a restart that never happened.
                const int64_t forkedAt = std::max(row.ts, m_nodes[conmon].ts);
                fillPlaceholder(addPlaceholder(row.hostId, row.pid, forkedAt), listed);
                return;
            }
        }
        row.listedStart = listed.start;
        addExec(std::move(row), {}, listed.guid);
    }

    void fillPlaceholder(int32_t index, const ListingRow& listed)
    {
        const Node& row = listed.row;
        Node& existing = m_nodes[index];
        existing.eventId = row.eventId;
        existing.name = row.name;
        existing.ppid = row.ppid;
        existing.listedStart = listed.start;
        if (existing.parent == kNone && row.ppid > 0 && row.ppid != row.pid) {
            // nodeOfPid may add a node: no reference into m_nodes across it.
            const int32_t parent = nodeOfPid(row.hostId, row.ppid, row.ts);
            m_nodes[index].parent = parent;
            m_nodes[index].link = ParentLink::kSnapshot;
        }
        ++m_stats.filledPlaceholders;
    }

    /// How far apart two listed start times of one process can be: ps `lstart` is exact to the second (the
    /// window), but `start`/`START` of `ps aux` give only the minute (or the day) for older processes.
    static int64_t startResolution(int64_t start)
    {
        constexpr int64_t kMinute = int64_t(60) * 1000 * 1000 * 1000;
        constexpr int64_t kDay = 24 * 60 * kMinute;
        if (start % kDay == 0)
            return kDay + kListedWindowNs;
        if (start % kMinute == 0)
            return kMinute + kListedWindowNs;
        return kListedWindowNs;
    }

    /// The exec image of the listed pid the row shows, or kNone.
    ///
    /// Candidates are the pid's successful images that started in the row's window, [S, S + 2 s) or, when the
    /// listing's time T is known, [S, T] and not ended before T: by pid uniqueness the listed process, alive from S
    /// to T, is the only one that can have exec'd as that pid then. An image from before S belongs to an earlier
    /// process that had the pid: never a candidate, however alike. Within the window a pid can still be reused
    /// (a short-lived process, then another), and a process can re-exec: the row shows the CURRENT command line and
    /// parent, so each candidate scores 2 when its argv is the listed one and 1 when the listed parent is its logged
    /// parent or one of that parent's ancestors (orphans are re-parented to a subreaper or to init). The best score
    /// wins, the newest image on a tie; a candidate that matches neither is another process, not this one.
    int32_t listedImage(const ListingRow& listed)
    {
        if (listed.start == 0 || listed.row.pid == kUnknownId)
            return kNone;
        const auto images = m_state->images.constFind(listed.row.pid);
        if (images == m_state->images.constEnd())
            return kNone;
        const int64_t from = listed.start - kListedSlackNs;
        const int64_t to = listed.listedAt ? listed.listedAt : listed.start + kListedWindowNs;
        int32_t best = kNone;
        int bestScore = 0;
        for (auto it = images->crbegin(); it != images->crend(); ++it) { // newest first
            const Node& image = m_nodes[*it];
            if (image.ts < from)
                break;
            if (image.ts >= to || (listed.listedAt && image.exitTs && image.exitTs <= listed.listedAt))
                continue;
            const int score =
                (argvMatches(listed.argv, image) ? 2 : 0) + (parentConsistent(listed.row.ppid, image) ? 1 : 0);
            if (score > bestScore) {
                best = *it;
                bestScore = score;
            }
        }
        return best;
    }

    /// A listed parent agrees with an image when it is the logged parent or one of that parent's ancestors.
    bool parentConsistent(int64_t listedPpid, const Node& image) const
    {
        if (listedPpid == image.ppid)
            return true;
        int32_t ancestor = image.parent;
        for (int depth = 0; ancestor != kNone && depth < 64; ++depth) {
            const Node& a = m_nodes[ancestor];
            if (a.pid == listedPpid)
                return true;
            ancestor = a.parent;
        }
        return listedPpid == 1; // init adopts the orphans of a chain the log does not show to its top
    }

    /// A row merged into an image whose command line it does not show, or that was re-exec'd later with the same
    /// command line (runc's memfd re-exec), belongs to the newest later image of the same process (predecessor
    /// links) whose argv it shows: a listing shows the command line of the image current when it was taken. Done at
    /// the end, when every later image is known; when the listing's time is known, images after it are out.
    void followListedReexecs()
    {
        if (m_listedMerges.empty())
            return;
        std::vector<int32_t> successor(m_nodes.size(), kNone);
        for (int32_t i = 0; i < static_cast<int32_t>(m_nodes.size()); ++i) {
            const Node& n = m_nodes[i];
            if (n.predecessor != kNone && !n.snapshot && !n.placeholder
                && successor[static_cast<size_t>(n.predecessor)] == kNone)
                successor[static_cast<size_t>(n.predecessor)] = i;
        }
        for (const ListedMerge& listed : m_listedMerges) {
            int32_t& target = m_merged[listed.merged].second;
            for (int32_t next = successor[static_cast<size_t>(target)]; next != kNone;
                 next = successor[static_cast<size_t>(next)]) {
                const Node& image = m_nodes[next];
                if (listed.listedAt && image.ts > listed.listedAt)
                    break;
                if (argvMatches(listed.argv, image))
                    target = next;
            }
        }
    }

    /// A command line as ps prints it: arguments joined by single spaces.
    static QByteArray argvText(const QByteArray& argvBlob)
    {
        QByteArray text = argvBlob;
        text.replace('\0', ' ');
        return text.simplified();
    }

    /// True when the listed command line is the image's. ps and the exec record may each cut a long one.
    bool argvMatches(const QByteArray& listed, const Node& image)
    {
        if (listed.isEmpty() || image.eventId == 0)
            return false;
        if (!m_argvOf.isValid())
            m_argvOf = Statement(m_db, "SELECT argv FROM exec_events WHERE id = ?");
        m_argvOf.reset();
        m_argvOf.bind(1, image.eventId);
        const QByteArray exec = m_argvOf.step() ? argvText(m_argvOf.columnBytes(0)) : QByteArray();
        m_argvOf.reset();
        if (exec == listed)
            return true;
        constexpr qsizetype kCutLength = 64;
        const QByteArray& shorter = exec.size() < listed.size() ? exec : listed;
        const QByteArray& longer = exec.size() < listed.size() ? listed : exec;
        return shorter.size() >= kCutLength && longer.startsWith(shorter);
    }

    /// guid is the log's own id of the process (its strong link), if any.
    void addExec(Node node, const QByteArray& parentGuid = {}, const QByteArray& guid = {})
    {
        // Parent: the log's own strong link when it has one; else the newest image of the logged ppid on this host
        // (events arrive in time order, so "newest so far" is "started at or before this exec"), else a placeholder
        // that keeps its children together.
        if (!parentGuid.isEmpty()) {
            if (const auto it = m_state->byGuid.constFind(parentGuid); it != m_state->byGuid.constEnd()) {
                node.parent = *it;
                node.link = ParentLink::kLogged;
            }
        }
        if (node.parent == kNone && node.ppid > 0) {
            node.parent = nodeOfPid(node.hostId, node.ppid, node.ts);
            node.link = node.snapshot ? ParentLink::kSnapshot : ParentLink::kPidMatch;
        }
        // Predecessor: an earlier image of the same pid that this exec replaced. Its parent is the same process, or
        // the old parent has gone and the process was re-parented to one of its ancestors (a subreaper). The same
        // ppid number alone is not enough: that pid may have been reused too.
        if (!node.failed && node.pid != kUnknownId) {
            if (const auto it = m_state->current.constFind(node.pid); it != m_state->current.constEnd()) {
                const Node& old = m_nodes[*it];
                if (old.placeholder || (node.parent != kNone && isAncestor(old.parent, node.parent)))
                    node.predecessor = *it;
            }
        }
        // After the parent lookup, which may have added a placeholder.
        const int32_t index = m_nodes.add(std::move(node));
        attribute(index);
        crossCheckStatedContainer(index);
        Node& added = m_nodes[index];
        finishNode(index, added);
        if (!added.failed && added.pid != kUnknownId) {
            m_state->current.insert(added.pid, index);
            if (!added.snapshot && m_trackImages)
                m_state->images[added.pid].push_back(index);
        }
        if (added.pid != kUnknownId)
            m_state->lastRecord.insert(added.pid, index);
        if (!guid.isEmpty())
            m_state->byGuid.insert(guid, index);
    }

    /// A log that states a container outright (Tetragon, Falco, ECS, cgroup paths) is used, and checked against what
    /// the lineage found: agreement is noted, disagreement is shown in the evidence. The statement is used up.
    void crossCheckStatedContainer(int32_t index)
    {
        Node& node = m_nodes[index];
        if (node.stated == kNone)
            return;
        const auto [statedId, source] = m_tables.stated.at(node.stated);
        m_tables.stated.drop(node.stated);
        node.stated = kNone;
        const QString statedText =
            QStringLiteral("the log states container %1 (%2)").arg(QString::fromUtf8(statedId), QString::fromUtf8(source));
        if (node.location == Location::Container) {
            const QByteArray& found = m_containers[static_cast<size_t>(node.container)].id;
            if (found.startsWith(statedId) || statedId.startsWith(found)) {
                node.rule = (node.rule.isEmpty() ? QStringLiteral("the lineage agrees") : node.rule)
                    + QStringLiteral("; ") + statedText + QStringLiteral(", which agrees");
                return;
            }
        }
        const QString lineageSaid = node.location == Location::Container
            ? QStringLiteral("container %1").arg(QString::fromUtf8(m_containers[static_cast<size_t>(node.container)].id))
            : QString::fromLatin1(locationName(node.location));
        // Prefer a container already known whose id the stated one is a prefix of (Tetragon gives prefixes).
        int32_t container = kNone;
        for (int32_t c = 0; c < static_cast<int32_t>(m_containers.size()) && container == kNone; ++c) {
            const Container& known = m_containers[static_cast<size_t>(c)];
            if (known.hostId == node.hostId && known.id.startsWith(statedId))
                container = c;
        }
        if (container == kNone)
            container = containerFor(node.hostId, statedId, nullptr, node.ts);
        // Only a lineage answer that was certain can disagree; a broken chain's "likely host" just lacked evidence.
        const bool disagreement = node.confidence == Confidence::Certain;
        setContainer(node, container, node.role == Role::HostProcess ? Role::ContainerProcess : node.role,
                     Confidence::Certain, kNone,
                     statedText + (disagreement ? QStringLiteral("; DISAGREEMENT: the lineage alone said %1").arg(lineageSaid)
                                                : QString()));
        if (disagreement)
            ++m_stats.disagreements;
    }

    /// True when candidate is node or one of its ancestors.
    bool isAncestor(int32_t node, int32_t candidate) const
    {
        for (int depth = 0; node != kNone && depth < 64; ++depth) {
            if (node == candidate)
                return true;
            node = m_nodes[node].parent;
        }
        return false;
    }

    int32_t nodeOfPid(int64_t hostId, int64_t pid, int64_t ts)
    {
        if (const auto it = m_state->current.constFind(pid); it != m_state->current.constEnd())
            return *it;
        // A listing row of this pid still waiting for its window: the pid has not exec'd since the listed start
        // (or current would hold the image), so the listed process is this parent. Decide it now, so the child gets
        // the listed program as its parent rather than a placeholder.
        for (auto it = m_listingRows.begin(); it != m_listingRows.end(); ++it) {
            if (it->row.hostId == hostId && it->row.pid == pid && it->row.ts <= ts) {
                ListingRow listed = std::move(*it);
                m_listingRows.erase(it);
                decideListingRow(listed);
                if (const auto again = m_state->current.constFind(pid); again != m_state->current.constEnd())
                    return *again;
                break;
            }
        }
        return addPlaceholder(hostId, pid, ts);
    }

    /// conmon daemonizes by fork without exec: its long-lived copy is a pid right after the exec'd conmon.
    int32_t conmonForkedAs(int64_t pid, int64_t ts) const
    {
        for (auto it = m_state->conmons.rbegin(); it != m_state->conmons.rend(); ++it) {
            const Node& conmon = m_nodes[*it];
            if (ts - conmon.ts > kConmonForkWindowNs)
                break;
            if (pid > conmon.pid && pid - conmon.pid <= kConmonMaxPidGap)
                return *it;
        }
        return kNone;
    }

    /// A node for a pid never seen exec'ing, so its children stay together.
    int32_t addPlaceholder(int64_t hostId, int64_t pid, int64_t ts)
    {
        Node placeholder;
        placeholder.hostId = hostId;
        placeholder.pid = pid;
        placeholder.ts = ts;
        placeholder.placeholder = true;
        ++m_stats.placeholders;
        if (const int32_t conmonIndex = conmonForkedAs(pid, ts); conmonIndex != kNone) {
            const Node& conmon = m_nodes[conmonIndex];
            placeholder.parent = conmonIndex;
            placeholder.link = ParentLink::kInferred;
            placeholder.runtime = conmon.runtime;
            placeholder.rule = QStringLiteral("pid %1 was never seen exec'ing; conmon (pid %2) daemonizes by "
                                              "fork and this pid follows it %3 s later")
                                   .arg(pid)
                                   .arg(conmon.pid)
                                   .arg(double(ts - conmon.ts) / 1e9, 0, 'f', 3);
        }
        const int32_t index = m_nodes.add(std::move(placeholder));
        attribute(index);
        finishNode(index, m_nodes[index]);
        m_state->current.insert(pid, index);
        return index;
    }

    // ---- attribution -----------------------------------------------------------------------------------------

    const RuntimeCommand* command(const Node& node) const
    {
        return node.runtime == kNone ? nullptr : &m_tables.commands.at(node.runtime);
    }

    void setHost(Node& node, Role role, Confidence confidence, ContextKind childContext, const QString& rule)
    {
        node.location = Location::Host;
        node.role = role;
        node.confidence = confidence;
        node.childContext = childContext;
        node.rule = rule;
    }

    void setContainer(Node& node, int32_t container, Role role, Confidence confidence, int32_t anchor,
                      const QString& rule)
    {
        node.location = Location::Container;
        node.container = container;
        node.role = role;
        node.confidence = confidence;
        node.anchor = anchor;
        node.childContext = ContextKind::Container;
        node.rule = rule;
        Container& c = m_containers[static_cast<size_t>(container)];
        if (c.firstTs == 0 || node.ts < c.firstTs)
            c.firstTs = node.ts;
        c.lastTs = std::max(c.lastTs, node.ts);
    }

    int32_t containerFor(int64_t hostId, const QByteArray& id, const RuntimeCommand* source, int64_t ts)
    {
        const QByteArray key = QByteArray::number(hostId) + ':' + id;
        auto it = m_containerIndex.constFind(key);
        int32_t index;
        if (it == m_containerIndex.constEnd()) {
            index = static_cast<int32_t>(m_containers.size());
            Container c;
            c.hostId = hostId;
            c.id = id;
            nameFromCli(c, ts);
            m_containers.push_back(c);
            m_containerIndex.insert(key, index);
        } else {
            index = *it;
            // First seen in a process listing (whole-second start times, so before the `docker run` that made
            // it): the first runtime command that names it, milliseconds after the run, can still take the name.
            Container& c = m_containers[static_cast<size_t>(index)];
            if (c.name.isEmpty() && c.namedBy == kNone && source)
                nameFromCli(c, ts);
        }
        if (source) {
            Container& c = m_containers[static_cast<size_t>(index)];
            if (c.runtime.isEmpty() && source->kind == RuntimeKind::Runtime)
                c.runtime = source->program;
            if (c.engine.isEmpty())
                c.engine = source->engine;
            if (c.namespace_.isEmpty())
                c.namespace_ = source->namespace_;
            if (c.name.isEmpty())
                c.name = source->name;
        }
        return index;
    }

    /// The CLI talks to the engine over a socket, so no lineage links `docker run --name web IMAGE` to the
    /// container it creates: the first new container on the host shortly after an unclaimed `run` takes its name
    /// and image.
    void nameFromCli(Container& container, int64_t ts)
    {
        auto& runs = m_state->runs;
        for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
            if (ts - it->ts > kLaunchWindowNs)
                break;
            if (it->ts > ts)
                continue;
            const int32_t runtime = m_nodes[it->node].runtime;
            const RuntimeCommand& run = m_tables.commands.at(runtime);
            container.name = run.name;
            container.image = run.image;
            container.namedBy = it->node;
            runs.erase(std::next(it).base());
            return;
        }
    }

    /// The container's first program, unless it has one.
    void setEntrypoint(Container& container, int32_t index)
    {
        if (container.entrypoint != kNone)
            return;
        container.entrypoint = index;
        container.entrypointName = m_nodes[index].name;
    }

    QString describe(int32_t index) const
    {
        const Node& n = m_nodes[index];
        if (n.placeholder)
            return QStringLiteral("pid %1 (not seen exec'ing)").arg(n.pid);
        const QString name = n.name == kNone ? QString() : m_tables.names[static_cast<size_t>(n.name)];
        return QStringLiteral("pid %1 %2").arg(n.pid).arg(name);
    }

    /// The id a supervisor or launch names, and the sandbox when a Kubernetes shim's id is the pod's.
    static QByteArray namedId(const RuntimeCommand& command) { return command.containerId; }

    void attribute(int32_t index)
    {
        Node& node = m_nodes[index];
        const RuntimeCommand* own = command(node);
        if (own && own->kind == RuntimeKind::Conmon && !node.placeholder) {
            m_state->conmons.push_back(index);
            if (m_state->conmons.size() > kMaxRecent)
                m_state->conmons.erase(m_state->conmons.begin());
        }

        // The forked, long-lived copy of an exec'd conmon is the supervisor itself.
        if (node.placeholder && node.parent != kNone && own && own->kind == RuntimeKind::Conmon) {
            setHost(node, Role::Shim, Confidence::Likely, ContextKind::Supervisor, node.rule);
            return;
        }

        // A later image of a process stays where the process was.
        if (node.predecessor != kNone) {
            const Node& before = m_nodes[node.predecessor];
            if (before.location == Location::Container) {
                setContainer(node, before.container, Role::ContainerProcess, before.confidence, before.anchor,
                             QStringLiteral("same process as the earlier image %1").arg(describe(node.predecessor)));
                return;
            }
        }

        if (node.parent == kNone) {
            if (node.placeholder && node.pid > 2) {
                node.location = Location::Unknown;
                node.confidence = Confidence::Unknown;
                node.childContext = ContextKind::Broken;
                node.rule = QStringLiteral("pid %1 was never seen exec'ing and its parent is unknown").arg(node.pid);
                return;
            }
            if (!node.placeholder && node.ppid == kUnknownId) {
                // The log does not give the parent (Falco alerts, some ECS documents): no chain to judge.
                node.location = Location::Unknown;
                node.confidence = Confidence::Unknown;
                node.childContext = ContextKind::Broken;
                node.rule = QStringLiteral("the log does not name this process's parent");
                return;
            }
            attributeOnHost(index, ContextKind::Host);
            return;
        }

        Node& parent = m_nodes[node.parent];
        switch (parent.childContext) {
        case ContextKind::Container: {
            // The commonest case by far: the text is made when the evidence is written.
            setContainer(node, parent.container, Role::ContainerProcess, parent.confidence, parent.anchor, {});
            return;
        }
        case ContextKind::Supervisor:
            attributeUnderSupervisor(index);
            return;
        case ContextKind::Launch:
            attributeUnderLaunch(index);
            return;
        case ContextKind::Host:
        case ContextKind::Broken:
            attributeOnHost(index, parent.childContext);
            return;
        }
    }

    /// A node whose parent is a host process (or a broken chain): runtime components become host processes with
    /// their role; everything else is a host process unless a detached runc start explains it.
    void attributeOnHost(int32_t index, ContextKind parentContext)
    {
        Node& node = m_nodes[index];
        const RuntimeCommand* own = command(node);
        const Confidence confidence = parentContext == ContextKind::Broken ? Confidence::Likely : Confidence::Certain;
        const QString chain = parentContext == ContextKind::Broken
            ? QStringLiteral("no runtime ancestor; the chain breaks at a parent never seen exec'ing")
            : QStringLiteral("no runtime ancestor up to the top of the chain");
        if (!own) {
            if (detachedStart(index))
                return;
            // Inherited from the parent (text made when written), unless this node starts the chain.
            setHost(node, Role::HostProcess, confidence,
                    parentContext == ContextKind::Broken ? ContextKind::Broken : ContextKind::Host,
                    node.parent == kNone ? chain : QString());
            return;
        }
        switch (own->kind) {
        case RuntimeKind::Shim:
        case RuntimeKind::Conmon:
            setHost(node, Role::Shim, Confidence::Certain, ContextKind::Supervisor,
                    QStringLiteral("%1 is a container supervisor; it runs on the host")
                        .arg(QString::fromUtf8(own->program)));
            if (!own->containerId.isEmpty()) {
                const int32_t c = containerFor(node.hostId, own->containerId, own, node.ts);
                Container& container = m_containers[static_cast<size_t>(c)];
                if (!node.placeholder)
                    container.shims.append(index);
                if (container.shim == kNone && !node.placeholder)
                    container.shim = index;
            }
            return;
        case RuntimeKind::ShimLauncher:
            setHost(node, Role::ShimLauncher, Confidence::Certain, ContextKind::Host,
                    QStringLiteral("shim launcher (%1): starts the shim and exits").arg(QString::fromUtf8(own->subcommand)));
            return;
        case RuntimeKind::Runtime:
            attributeRuntime(index, *own);
            return;
        case RuntimeKind::RuntimeInit:
            setHost(node, Role::RuntimeInit, Confidence::Certain, parentContext,
                    QStringLiteral("runtime init exec'd in the host's namespaces before it enters the container"));
            return;
        case RuntimeKind::Engine:
            setHost(node, Role::Engine, Confidence::Certain, ContextKind::Host,
                    QStringLiteral("container engine %1").arg(QString::fromUtf8(own->program)));
            return;
        case RuntimeKind::Cli:
            setHost(node, Role::Cli, confidence, ContextKind::Host,
                    QStringLiteral("container tool %1 run on the host").arg(QString::fromUtf8(own->program)));
            if (own->subcommand == "run" && !node.failed && (!own->name.isEmpty() || !own->image.isEmpty())) {
                m_state->runs.push_back({index, node.ts});
                if (m_state->runs.size() > kMaxRecent)
                    m_state->runs.erase(m_state->runs.begin());
            }
            return;
        case RuntimeKind::InitHelper:
        case RuntimeKind::None:
            if (detachedStart(index))
                return;
            setHost(node, Role::HostProcess, confidence, ContextKind::Host, chain);
            return;
        }
    }

    void attributeRuntime(int32_t index, const RuntimeCommand& own)
    {
        Node& node = m_nodes[index];
        const QByteArray& sub = own.subcommand;
        const bool launches = sub == "create" || sub == "run" || sub == "exec";
        setHost(node, Role::Runtime, Confidence::Certain, launches ? ContextKind::Launch : ContextKind::Host,
                QStringLiteral("OCI runtime %1 %2 runs on the host")
                    .arg(QString::fromUtf8(own.program), QString::fromUtf8(sub)));
        if (!launches || own.containerId.isEmpty())
            return;
        const int32_t c = containerFor(node.hostId, own.containerId, &own, node.ts);
        node.container = c; // the runtime command names this container; it is not in it
        // Under a supervisor, the program that appears next under the supervisor belongs to this launch.
        if (node.parent != kNone && m_nodes[node.parent].childContext == ContextKind::Supervisor)
            m_state->pending[node.parent].push_back({index, node.ts});
        // A create or exec outside any supervisor was run by hand: its program may start detached under PID 1
        // (`runc create` + `runc start`, `runc exec -d`).
        if ((sub == "create" || sub == "exec") && (node.parent == kNone
                                || m_nodes[node.parent].childContext != ContextKind::Supervisor)) {
            m_state->creates.push_back({index, kUnknownId, node.ts});
            if (m_state->creates.size() > kMaxRecent)
                m_state->creates.erase(m_state->creates.begin());
        }
    }

    void attributeUnderSupervisor(int32_t index)
    {
        Node& node = m_nodes[index];
        const int32_t supervisor = node.parent;
        const RuntimeCommand* own = command(node);
        if (own && (own->kind == RuntimeKind::Runtime || own->kind == RuntimeKind::RuntimeInit)) {
            if (own->kind == RuntimeKind::Runtime)
                attributeRuntime(index, *own);
            else
                setHost(node, Role::RuntimeInit, Confidence::Certain, ContextKind::Supervisor,
                        QStringLiteral("runtime init exec'd in the host's namespaces"));
            return;
        }
        // Supervisors also run engine tooling on the host: conmon runs `podman container cleanup`, a v1 shim runs
        // `containerd publish`. Those are not a container's first process.
        if (own && own->kind != RuntimeKind::InitHelper) {
            attributeOnHost(index, ContextKind::Host);
            node.rule = QStringLiteral("%1 run by the supervisor %2: container tooling runs on the host")
                            .arg(QString::fromUtf8(own->program), describe(supervisor));
            return;
        }
        // The program is a container's first process or a session's: take the supervisor's latest pending launch.
        auto& pending = m_state->pending[supervisor];
        while (!pending.empty() && node.ts - pending.front().ts > kLaunchWindowNs)
            pending.pop_front();
        if (!pending.empty()) {
            const PendingLaunch launch = pending.back();
            pending.pop_back();
            Node& runtime = m_nodes[launch.runtimeNode];
            runtime.launchConsumed = true;
            const RuntimeCommand& rc = m_tables.commands.at(runtime.runtime);
            const bool session = rc.subcommand == "exec";
            const int32_t c = runtime.container;
            Container& container = m_containers[static_cast<size_t>(c)];
            if (session)
                ++container.execSessions;
            else
                setEntrypoint(container, index);
            const RuntimeCommand* sup = command(m_nodes[supervisor]);
            if (sup && !sup->containerId.isEmpty() && sup->containerId != rc.containerId)
                container.sandbox = sup->containerId;
            setContainer(node, c, session ? Role::ExecSessionRoot : Role::Entrypoint, Confidence::Certain,
                         launch.runtimeNode,
                         QStringLiteral("ppid %1 is the container supervisor; the %2 it ran %3 s earlier (%4) "
                                        "names container %5")
                             .arg(describe(supervisor), QString::fromUtf8(rc.program + ' ' + rc.subcommand))
                             .arg(double(node.ts - launch.ts) / 1e9, 0, 'f', 3)
                             .arg(describe(launch.runtimeNode), QString::fromUtf8(rc.containerId)));
            return;
        }
        // Re-parented to the subreaper after its own parent exited: the supervisor's container.
        const Node& sup = m_nodes[supervisor];
        const RuntimeCommand* supCommand = command(sup);
        if (supCommand && !supCommand->containerId.isEmpty()) {
            const int32_t c = containerFor(node.hostId, supCommand->containerId, supCommand, node.ts);
            const bool pod = supCommand->engine == "kubernetes";
            setContainer(node, c, Role::ContainerProcess, pod ? Confidence::Likely : Confidence::Certain, supervisor,
                         QStringLiteral("ppid %1 is the container supervisor (subreaper) and names %2 with %3%4")
                             .arg(describe(supervisor), QString::fromUtf8(supCommand->containerId),
                                  QString::fromUtf8(supCommand->idSource),
                                  pod ? QStringLiteral(" (a Kubernetes shim serves the whole pod)") : QString()));
            return;
        }
        node.location = Location::Unknown;
        node.confidence = Confidence::Unknown;
        node.childContext = ContextKind::Broken;
        node.rule = QStringLiteral("child of the supervisor %1, which names no container").arg(describe(supervisor));
    }

    void attributeUnderLaunch(int32_t index)
    {
        Node& node = m_nodes[index];
        Node& launch = m_nodes[node.parent];
        const RuntimeCommand& rc = m_tables.commands.at(launch.runtime);
        const RuntimeCommand* own = command(node);
        if (own && own->kind == RuntimeKind::RuntimeInit) {
            setHost(node, Role::RuntimeInit, Confidence::Certain, ContextKind::Launch,
                    QStringLiteral("runtime init exec'd in the host's namespaces by %1").arg(describe(node.parent)));
            node.container = launch.container;
            for (RecentCreate& create : m_state->creates) {
                if (create.createNode == node.parent && create.initPid == kUnknownId)
                    create.initPid = node.pid;
            }
            return;
        }
        // `runc create` returns before the container's first program runs (it is exec'd after `runc start`, under
        // the supervisor or PID 1): what runs as its child is an OCI hook, and hooks run on the host.
        if (rc.subcommand == "create") {
            setHost(node, Role::RuntimeHook, Confidence::Likely, ContextKind::Host,
                    QStringLiteral("child of %1: programs run by runc create are OCI hooks, which run on the host")
                        .arg(describe(node.parent)));
            return;
        }
        const bool session = rc.subcommand == "exec";
        const int32_t c = launch.container;
        if (c == kNone) {
            setHost(node, Role::HostProcess, Confidence::Likely, ContextKind::Host,
                    QStringLiteral("child of %1, which names no container").arg(describe(node.parent)));
            return;
        }
        Role role = Role::ContainerProcess;
        if (!launch.launchConsumed) {
            launch.launchConsumed = true;
            role = session ? Role::ExecSessionRoot : Role::Entrypoint;
            Container& container = m_containers[static_cast<size_t>(c)];
            if (session)
                ++container.execSessions;
            else
                setEntrypoint(container, index);
            // Drop the launch from its supervisor's queue: it found its program.
            if (launch.parent != kNone) {
                auto& pending = m_state->pending[launch.parent];
                for (auto it = pending.begin(); it != pending.end(); ++it) {
                    if (it->runtimeNode == node.parent) {
                        pending.erase(it);
                        break;
                    }
                }
            }
        }
        setContainer(node, c, role, Confidence::Certain, node.parent,
                     QStringLiteral("ppid %1 is `%2 %3`, which names container %4")
                         .arg(describe(node.parent), QString::fromUtf8(rc.program), QString::fromUtf8(rc.subcommand),
                              QString::fromUtf8(rc.containerId)));
    }

    /// `runc create` + `runc start` launched by hand leave the container's first program under PID 1 with no
    /// runtime ancestor. runc's init clones the container process a pid or two after the pid that exec'd `runc init`.
    bool detachedStart(int32_t index)
    {
        Node& node = m_nodes[index];
        if (node.ppid != 1)
            return false;
        for (auto it = m_state->creates.rbegin(); it != m_state->creates.rend(); ++it) {
            if (node.ts - it->ts > kLaunchWindowNs * 6)
                break;
            if (it->initPid == kUnknownId || node.pid <= it->initPid || node.pid - it->initPid > kInitMaxPidGap)
                continue;
            Node& create = m_nodes[it->createNode];
            if (create.launchConsumed || create.container == kNone)
                continue;
            create.launchConsumed = true;
            Container& container = m_containers[static_cast<size_t>(create.container)];
            const RuntimeCommand& rc = m_tables.commands.at(create.runtime);
            const bool session = rc.subcommand == "exec";
            if (session)
                ++container.execSessions;
            else
                setEntrypoint(container, index);
            setContainer(node, create.container, session ? Role::ExecSessionRoot : Role::Entrypoint,
                         Confidence::Likely, it->createNode,
                         QStringLiteral("ppid 1 and no runtime ancestor, but pid %1 follows the runtime init pid %2 of "
                                        "%3 (`%4 %5 … %6`, %7 s earlier): a detached %8")
                             .arg(node.pid)
                             .arg(it->initPid)
                             .arg(describe(it->createNode), QString::fromUtf8(rc.program),
                                  QString::fromUtf8(rc.subcommand), QString::fromUtf8(rc.containerId))
                             .arg(double(node.ts - it->ts) / 1e9, 0, 'f', 3)
                             .arg(session ? QStringLiteral("exec") : QStringLiteral("create/start")));
            return true;
        }
        return false;
    }

    // ---- finished nodes ----------------------------------------------------------------------------------------

    /// A node whose stored columns are final (all but a broken chain's attribution by device, decided when written):
    /// counted for attribution by device and, in the bounded mode, written to the spill file.
    void finishNode(int32_t index, Node& node)
    {
        if (node.dev != kNone && !node.placeholder && node.confidence == Confidence::Certain) {
            if (node.location == Location::Container) {
                QList<DeviceSpan>& spans = m_deviceSpans[node.dev];
                const auto span = std::find_if(spans.begin(), spans.end(),
                                               [&node](const DeviceSpan& s) { return s.container == node.container; });
                if (span == spans.end()) {
                    spans.append({node.container, node.ts, node.ts, 1});
                } else {
                    span->first = std::min(span->first, node.ts);
                    span->last = std::max(span->last, node.ts);
                    ++span->count;
                }
            } else if (node.location == Location::Host) {
                m_hostDevices.insert(node.dev);
            }
        }
        if (!m_evict)
            return;
        QByteArray evidence;
        StoredNode record = storedNode(index, node, evidence);
        spill().append(&kNodeRecord, 1);
        spill().append(&record, sizeof record);
        if (record.evidenceSize != kNoEvidence)
            spill().append(evidence.constData(), static_cast<size_t>(evidence.size()));
        node.rule.clear(); // written out; only readers of the case need the words
    }

    /// A record of a process another source already gave: it shows that node.
    void addMerged(int64_t eventId, int32_t node)
    {
        if (!m_evict) {
            m_merged.push_back({eventId, node});
            return;
        }
        spill().append(&kMergedRecord, 1);
        spill().append(&eventId, sizeof eventId);
        spill().append(&node, sizeof node);
    }

    SpillFile& spill()
    {
        if (!m_spill)
            m_spill = std::make_unique<SpillFile>(scratchFolder());
        return *m_spill;
    }

    /// The case's folder, on the disk the case goes to (empty, for the temporary folder, when it has none).
    QString scratchFolder() const
    {
        const QString path = m_db.path();
        const bool onDisk = !path.isEmpty() && path != u":memory:";
        return onDisk ? QFileInfo(path).absolutePath() : QString();
    }

    StoredNode storedNode(int32_t index, const Node& n, QByteArray& evidence) const
    {
        StoredNode r;
        static_cast<NodeFields&>(r) = n;
        r.index = index;
        const RuntimeCommand* rc = command(n);
        r.runtimeKind = rc ? static_cast<uint8_t>(static_cast<int>(rc->kind) + 1) : 0;
        r.evidenceSize = evidenceJson(n.rule, n.parent != kNone, evidence)
            ? static_cast<int32_t>(evidence.size())
            : kNoEvidence;
        return r;
    }

    /// Execs whose chain broke at a parent never seen exec'ing: the executable's filesystem device names the
    /// container whose other processes ran from the same overlay device at about the same time. Decided as each
    /// node is written, once every certain exec of the log has been counted; true when it changed the record.
    bool attributeByDevice(StoredNode& r, QByteArray& evidence)
    {
        if (r.dev == kNone || r.placeholder || r.confidence == Confidence::Certain || r.location == Location::Container)
            return false;
        const auto spans = m_deviceSpans.constFind(r.dev);
        if (spans == m_deviceSpans.constEnd() || m_hostDevices.contains(r.dev))
            return false;
        const DeviceSpan* match = nullptr;
        for (const DeviceSpan& span : *spans) {
            if (r.ts >= span.first - kDeviceWindowNs && r.ts <= span.last + kDeviceWindowNs) {
                if (match) // two containers on one device in the window: no answer
                    return false;
                match = &span;
            }
        }
        if (!match)
            return false;
        r.location = Location::Container;
        r.container = match->container;
        r.role = Role::ContainerProcess;
        r.confidence = Confidence::Likely;
        r.anchor = kNone;
        const QString rule =
            QStringLiteral("the chain breaks at a parent never seen exec'ing, but the executable is on device %1, "
                           "from which %2 certain exec(s) of container %3 ran between %4 and %5 and no host process did")
                .arg(QString::fromUtf8(m_tables.devices.at(static_cast<size_t>(r.dev))))
                .arg(match->count)
                .arg(QString::fromUtf8(m_containers[static_cast<size_t>(match->container)].id))
                .arg(formatTimestamp(match->first), formatTimestamp(match->last));
        evidenceJson(rule, true, evidence);
        r.evidenceSize = static_cast<int32_t>(evidence.size());
        Container& c = m_containers[static_cast<size_t>(match->container)];
        if (c.firstTs == 0 || r.ts < c.firstTs)
            c.firstTs = r.ts;
        c.lastTs = std::max(c.lastTs, r.ts);
        return true;
    }

    // ---- collection (bounded mode) ---------------------------------------------------------------------------

    /// Drops the nodes no later event can reach, once as many nodes have been made since the last collection as
    /// were kept by it (and at least s_collectEvery): the work stays proportional to the nodes made.
    void collectIfDue()
    {
        if (!m_evict)
            return;
        const size_t recent = m_nodes.recent();
        if (recent < std::max<size_t>(static_cast<size_t>(s_collectEvery.load()), m_nodes.hot() - recent))
            return;
        m_stats.residentNodes = std::max<int64_t>(m_stats.residentNodes, static_cast<int64_t>(m_nodes.resident()));
        // A node is reachable from the builder's state (what a later event looks up) and, through parent links, up
        // to 64 ancestors of it: isAncestor() walks that far from a pid's current image. A mark is how many more
        // steps up the chain still have to be kept from there.
        constexpr uint8_t kRootMark = 65;
        std::vector<uint8_t> marks(m_nodes.hot(), 0);
        QSet<int32_t> coldReached; // cold runtime nodes still reached: their commands stay
        auto mark = [this, &marks, &coldReached](int32_t index) {
            // A cold node's ancestors are cold too, and stay on disk for as long as the build runs.
            uint8_t left = kRootMark;
            for (; index != kNone && left > 0 && !m_nodes.isCold(index); --left) {
                const size_t slot = m_nodes.slotOf(index);
                if (marks[slot] >= left)
                    return;
                marks[slot] = left;
                index = m_nodes[index].parent;
            }
            if (index != kNone && left > 0 && m_coldCommandOf.contains(index))
                coldReached.insert(index);
        };
        for (auto& [hostId, state] : m_hostStates) {
            state.current.forEach([&](int64_t, int32_t node) { mark(node); });
            // A pid's latest record only matters to a record of another source within kSameExecNs of it, and
            // every record to come is at m_now or later: older ones are forgotten (a map per pid ever seen, else).
            // Cold nodes are only read when one of them may still be recent enough.
            const bool coldAreOld = m_coldNewestTs == std::numeric_limits<int64_t>::min()
                || m_now - m_coldNewestTs > kSameExecNs;
            PidMap recentRecords;
            state.lastRecord.forEach([&](int64_t pid, int32_t node) {
                if (m_nodes.isCold(node) && coldAreOld)
                    return;
                if (m_now - m_nodes[node].ts <= kSameExecNs)
                    recentRecords.insert(pid, node);
            });
            state.lastRecord = std::move(recentRecords);
            state.lastRecord.forEach([&](int64_t, int32_t node) { mark(node); });
            for (const int32_t node : std::as_const(state.byGuid))
                mark(node);
            for (auto it = state.pending.begin(); it != state.pending.end();) {
                // Launches older than the window are never taken (attributeUnderSupervisor drops them first).
                std::deque<PendingLaunch>& launches = it.value();
                while (!launches.empty() && m_now - launches.front().ts > kLaunchWindowNs)
                    launches.pop_front();
                if (launches.empty()) {
                    it = state.pending.erase(it);
                    continue;
                }
                mark(it.key());
                for (const PendingLaunch& launch : launches)
                    mark(launch.runtimeNode);
                ++it;
            }
            for (const RecentCreate& create : state.creates)
                mark(create.createNode);
            for (const int32_t conmon : state.conmons)
                mark(conmon);
            for (const RecentRun& run : state.runs)
                mark(run.node);
        }
        // The oldest reachable nodes go cold past half the budget: the nodes made until the next collection (as
        // many as are kept, or s_collectEvery) then fill the other half.
        const size_t keepHot = 2 * static_cast<size_t>(s_collectEvery.load());
        const size_t reachable = static_cast<size_t>(std::count_if(marks.begin(), marks.end(), [](uint8_t m) { return m > 0; }));
        int32_t coldBelow = 0;
        if (reachable > keepHot) {
            size_t left = reachable;
            for (size_t slot = 0; slot < marks.size() && left > keepHot; ++slot) {
                if (marks[slot]) {
                    --left;
                    coldBelow = m_nodes.indexAt(slot) + 1;
                }
            }
            m_nodes.setColdFolder(scratchFolder());
        }
        std::vector<int32_t> droppedCommands;
        m_nodes.collect(
            marks, coldBelow,
            [&droppedCommands](int32_t, const Node& node) {
                if (node.runtime != kNone)
                    droppedCommands.push_back(node.runtime);
            },
            [this, &coldReached](int32_t index, const Node& node) {
                if (node.runtime != kNone) {
                    m_coldCommandOf.insert(index, node.runtime);
                    coldReached.insert(index); // reachable now; the next collection looks again
                }
                m_coldNewestTs = std::max(m_coldNewestTs, node.ts);
            });
        // Only a root's command is read (as a new node's parent, a pending launch, a recent create, conmon or run),
        // so the command of a cold node no root reaches any more goes, as a dropped node's does.
        for (auto it = m_coldCommandOf.begin(); it != m_coldCommandOf.end();) {
            if (coldReached.contains(it.key())) {
                ++it;
                continue;
            }
            droppedCommands.push_back(it.value());
            it = m_coldCommandOf.erase(it);
        }
        if (!droppedCommands.empty()) {
            // A conmon's forked copy shares its command: dropped only when no kept node is that command.
            QSet<int32_t> kept;
            for (const int32_t command : std::as_const(m_coldCommandOf))
                kept.insert(command);
            for (size_t slot = 0; slot < m_nodes.hot(); ++slot) {
                if (const int32_t runtime = m_nodes.atSlot(slot).runtime; runtime != kNone)
                    kept.insert(runtime);
            }
            for (const int32_t command : droppedCommands) {
                if (!kept.contains(command))
                    m_tables.commands.drop(command);
            }
        }
        ++m_stats.collections;
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    /// Evidence stored with a node where a rule decided: its reason in words. Nodes that only inherit their
    /// parent's answer store none (NULL); readers render "child of …" from the parent link and show the decisive
    /// step through anchor_id. That keeps the store fast and the case small for millions of nodes.
    /// The stored evidence of a node as JSON, in UTF-8, into out (reused from row to row); false for none (NULL).
    static bool evidenceJson(const QString& rule, bool hasParent, QByteArray& out)
    {
        if (rule.isEmpty() && hasParent)
            return false;
        const bool plain = std::none_of(rule.cbegin(), rule.cend(), [](QChar c) {
            return c == u'"' || c == u'\\' || c.unicode() < 0x20;
        });
        // Most rules need no escaping: converted in one go (a character at a time cost ~0.2 s at 1M events).
        out = plain ? QByteArray("[\"" + rule.toUtf8() + "\"]")
                    : QString(QLatin1Char('[') + jsonString(rule) + QLatin1Char(']')).toUtf8();
        return true;
    }

    static QString jsonString(const QString& text)
    {
        QString out = QStringLiteral("\"");
        for (const QChar c : text) {
            switch (c.unicode()) {
            case '"':
                out += QStringLiteral("\\\"");
                break;
            case '\\':
                out += QStringLiteral("\\\\");
                break;
            default:
                if (c.unicode() < 0x20)
                    out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
                else
                    out += c;
            }
        }
        return out + QLatin1Char('"');
    }

    void write()
    {
        m_db.exec("DELETE FROM process_nodes");
        m_db.exec("DELETE FROM containers");
        m_db.exec("DELETE FROM merged_events");
        writeContainers();

        // Multi-row inserts, as for events: one statement per block of rows costs far less than one per row.
        constexpr int kColumns = 17;
        const int rowsPerInsert = std::max(1, std::min(128, m_db.maxVariables() / kColumns));
        auto insertSql = [](int rows) {
            std::string sql = "INSERT INTO process_nodes (id, host_id, pid, start_ts, event_id, placeholder, parent_id, "
                              "parent_link, predecessor_id, container_ref, location, role, confidence, evidence, "
                              "failed, runtime, anchor_id) VALUES ";
            for (int row = 0; row < rows; ++row)
                sql += row ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
            return sql;
        };
        Statement insertMany(m_db, insertSql(rowsPerInsert));
        Statement insertOne(m_db, insertSql(1));
        // Records of a process another source (or a listing) already gave: they show that process. Inserted once
        // the node they show is (node rows go in blocks).
        Statement insertMerged(m_db, "INSERT OR REPLACE INTO merged_events (event_id, node_id) VALUES (?, ?)");
        std::vector<std::pair<int64_t, int32_t>> merges;
        auto flushMerges = [&] {
            for (const auto& [eventId, node] : merges) {
                insertMerged.bind(1, eventId).bind(2, static_cast<int64_t>(node + 1));
                insertMerged.run();
            }
            merges.clear();
        };
        std::vector<StoredNode> block;
        block.reserve(static_cast<size_t>(rowsPerInsert));
        std::vector<QByteArray> evidence(static_cast<size_t>(rowsPerInsert)); // one per row of a multi-row insert
        auto flushBlock = [&] {
            if (block.size() == static_cast<size_t>(rowsPerInsert)) {
                for (int row = 0; row < rowsPerInsert; ++row)
                    bindNode(insertMany, row * kColumns + 1, block[static_cast<size_t>(row)],
                             evidence[static_cast<size_t>(row)]);
                insertMany.run();
            } else {
                for (size_t row = 0; row < block.size(); ++row) {
                    bindNode(insertOne, 1, block[row], evidence[row]);
                    insertOne.run();
                }
            }
            block.clear();
            flushMerges();
        };
        std::vector<int32_t> touchedContainers;
        auto addNode = [&](StoredNode& record) {
            if (attributeByDevice(record, evidence[block.size()]))
                touchedContainers.push_back(record.container);
            countNode(record);
            block.push_back(record);
            if (block.size() == static_cast<size_t>(rowsPerInsert))
                flushBlock();
        };
        if (m_evict) {
            // Every node was spilled as it was made, in index order, with the merges among them.
            spill().rewind();
            StoredNode record;
            while (nextSpilled(record, evidence[block.size()], merges))
                addNode(record);
            m_spill.reset();
        } else {
            for (int32_t i = 0; i < m_nodes.size(); ++i) {
                StoredNode record = storedNode(i, m_nodes[i], evidence[block.size()]);
                addNode(record);
            }
            merges = std::move(m_merged);
        }
        flushBlock();
        flushMerges();
        Statement updateSpan(m_db, "UPDATE containers SET first_ts = ?, last_ts = ? WHERE id = ?");
        std::sort(touchedContainers.begin(), touchedContainers.end());
        touchedContainers.erase(std::unique(touchedContainers.begin(), touchedContainers.end()), touchedContainers.end());
        for (const int32_t c : touchedContainers) {
            const Container& container = m_containers[static_cast<size_t>(c)];
            updateSpan.bind(1, container.firstTs).bind(2, container.lastTs).bind(3, static_cast<int64_t>(c + 1));
            updateSpan.run();
        }
    }

    /// The next node of the spill file into record and its evidence into text; the merged records before it are
    /// appended to merges. False at the end of the file.
    bool nextSpilled(StoredNode& record, QByteArray& text, std::vector<std::pair<int64_t, int32_t>>& merges)
    {
        SpillFile& file = *m_spill;
        char tag;
        while (file.read(&tag, 1)) {
            if (tag == kMergedRecord) {
                std::pair<int64_t, int32_t> merged;
                if (!file.read(&merged.first, sizeof merged.first) || !file.read(&merged.second, sizeof merged.second))
                    throw std::runtime_error("lineage: a temporary file was cut short");
                merges.push_back(merged);
                continue;
            }
            if (tag != kNodeRecord || !file.read(&record, sizeof record))
                throw std::runtime_error("lineage: a temporary file holds an unknown record");
            if (record.evidenceSize != kNoEvidence) {
                text.resize(record.evidenceSize);
                if (record.evidenceSize > 0 && !file.read(text.data(), static_cast<size_t>(record.evidenceSize)))
                    throw std::runtime_error("lineage: a temporary file was cut short");
            }
            return true;
        }
        return false;
    }

    void writeContainers()
    {
        Statement insertContainer(m_db,
                                  "INSERT INTO containers (id, host_id, container_id, short_id, runtime, engine, "
                                  "namespace, sandbox_id, name, shim_node_id, entrypoint_node_id, first_ts, last_ts, "
                                  "restarts, colour_index, image) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        for (size_t i = 0; i < m_containers.size(); ++i) {
            const Container& c = m_containers[i];
            insertContainer.bind(1, static_cast<int64_t>(i + 1))
                .bind(2, c.hostId)
                .bindText(3, c.id)
                .bindText(4, looksLikeContainerId(c.id) ? c.id.left(12) : c.id) // names (ctr, runc) stay whole
                .bindText(5, c.runtime.isEmpty() ? QByteArray() : c.runtime)
                .bindText(6, c.engine.isEmpty() ? QByteArray() : c.engine)
                .bindText(7, c.namespace_.isEmpty() ? QByteArray() : c.namespace_)
                .bindText(8, c.sandbox.isEmpty() ? QByteArray() : c.sandbox)
                .bindText(9, c.name.isEmpty() ? QByteArray() : c.name);
            if (c.shim == kNone)
                insertContainer.bindNull(10);
            else
                insertContainer.bind(10, static_cast<int64_t>(c.shim + 1));
            if (c.entrypoint == kNone)
                insertContainer.bindNull(11);
            else
                insertContainer.bind(11, static_cast<int64_t>(c.entrypoint + 1));
            insertContainer.bind(12, c.firstTs)
                .bind(13, c.lastTs)
                .bind(14, static_cast<int64_t>(std::max<qsizetype>(0, c.shims.size() - 1)))
                .bind(15, static_cast<int64_t>(colourIndex(c.id)))
                .bindText(16, c.image.isEmpty() ? QByteArray() : c.image);
            insertContainer.run();
        }
        m_stats.containers = static_cast<int64_t>(m_containers.size());
        Statement markSandboxes(m_db, "UPDATE containers SET sandbox_id = container_id, name = COALESCE(name, 'POD') "
                                      "WHERE id = ?");
        for (size_t i = 0; i < m_containers.size(); ++i) {
            // A Kubernetes pod's sandbox is the container whose first process is the pause binary.
            const Container& c = m_containers[i];
            if (c.entrypointName != kNone && m_tables.names[static_cast<size_t>(c.entrypointName)] == u"pause") {
                markSandboxes.bind(1, static_cast<int64_t>(i + 1));
                markSandboxes.run();
            }
        }
    }

    /// The figures of a node as stored, and the host-side programs inferHostOs() reads.
    void countNode(const StoredNode& n)
    {
        ++m_stats.nodes;
        switch (n.location) {
        case Location::Host:
            ++m_stats.hostNodes;
            if (!n.placeholder && !n.failed && n.name != kNone)
                m_hostPrograms[n.hostId][n.name] += 1;
            break;
        case Location::Container:
            ++m_stats.containerNodes;
            break;
        case Location::Unknown:
            ++m_stats.unknownNodes;
            break;
        }
    }

    static void bindNode(Statement& s, int b, const StoredNode& n, const QByteArray& evidence)
    {
        s.bind(b, static_cast<int64_t>(n.index + 1)).bind(b + 1, n.hostId).bind(b + 2, n.pid).bind(b + 3, n.ts);
        if (n.eventId)
            s.bind(b + 4, n.eventId);
        else
            s.bindNull(b + 4);
        s.bind(b + 5, static_cast<int64_t>(n.placeholder ? 1 : 0));
        if (n.parent == kNone)
            s.bindNull(b + 6).bindNull(b + 7);
        else
            s.bind(b + 6, static_cast<int64_t>(n.parent + 1)).bindStaticText(b + 7, n.link);
        if (n.predecessor == kNone)
            s.bindNull(b + 8);
        else
            s.bind(b + 8, static_cast<int64_t>(n.predecessor + 1));
        if (n.location == Location::Container && n.container != kNone)
            s.bind(b + 9, static_cast<int64_t>(n.container + 1));
        else
            s.bindNull(b + 9);
        s.bindStaticText(b + 10, locationName(n.location))
            .bindStaticText(b + 11, roleName(n.role))
            .bindStaticText(b + 12, confidenceName(n.confidence))
            .bind(b + 14, static_cast<int64_t>(n.failed ? 1 : 0));
        if (n.evidenceSize != kNoEvidence)
            s.bindTextNoCopy(b + 13, evidence); // the buffer is kept until the statement has run
        else
            s.bindNull(b + 13);
        s.bindStaticText(b + 15, n.runtimeKind ? runtimeKindName(static_cast<RuntimeKind>(n.runtimeKind - 1)) : nullptr);
        if (n.anchor == kNone)
            s.bindNull(b + 16);
        else
            s.bind(b + 16, static_cast<int64_t>(n.anchor + 1));
    }

    /// The host's OS family, inferred from programs that only that family ships, run on the host side (not in
    /// containers, whose images can be anything). Later detections use it ("a BusyBox shell on a Debian host").
    void inferHostOs()
    {
        struct Family
        {
            const char* id;
            const char* name;
            std::initializer_list<const char*> programs;
        };
        static const Family kFamilies[] = {
            {"debian", "Debian family (Debian, Ubuntu, …)", {"dpkg", "dpkg-query", "apt", "apt-get", "apt-cache", "dash",
                                                           "mawk", "run-parts", "update-alternatives", "invoke-rc.d"}},
            {"rhel", "Red Hat family (RHEL, Fedora, CentOS, …)", {"rpm", "yum", "dnf", "microdnf"}},
            {"alpine", "Alpine (BusyBox-based)", {"apk"}},
            {"suse", "SUSE family", {"zypper"}},
            {"arch", "Arch family", {"pacman"}},
        };
        QHash<int64_t, QHash<QString, int>> counts; // host → program → host execs (counted as nodes were written)
        for (auto host = m_hostPrograms.cbegin(); host != m_hostPrograms.cend(); ++host) {
            for (auto program = host->cbegin(); program != host->cend(); ++program)
                counts[host.key()][m_tables.names[static_cast<size_t>(program.key())]] += program.value();
        }
        Statement update(m_db, "UPDATE hosts SET os_id = ?, os_name = ?, os_evidence = ? WHERE id = ?");
        for (auto host = counts.cbegin(); host != counts.cend(); ++host) {
            const Family* best = nullptr;
            int bestScore = 0;
            QStringList bestEvidence;
            for (const Family& family : kFamilies) {
                int score = 0;
                QStringList evidence;
                for (const char* program : family.programs) {
                    const int seen = host->value(QString::fromLatin1(program));
                    if (seen) {
                        score += seen;
                        evidence.append(QStringLiteral("%1 ×%2").arg(QString::fromLatin1(program)).arg(seen));
                    }
                }
                if (score > bestScore) {
                    best = &family;
                    bestScore = score;
                    bestEvidence = evidence;
                }
            }
            if (!best)
                continue;
            update.bindStaticText(1, best->id)
                .bindStaticText(2, best->name)
                .bind(3, QStringLiteral("host-side execs of %1").arg(bestEvidence.join(QStringLiteral(", "))))
                .bind(4, host.key());
            update.run();
        }
    }

    Database& m_db;
    LineageStats m_stats;
    NodeTable m_nodes;
    EventTables m_tables; ///< names, devices, runtime commands and stated containers the nodes point into
    std::vector<Container> m_containers;
    QHash<QByteArray, int32_t> m_containerIndex;
    /// What lineage needs to remember of one host while its events stream by.
    struct HostState
    {
        PidMap current;                                    ///< pid → newest node
        QHash<int32_t, std::deque<PendingLaunch>> pending; ///< supervisor → launches awaiting their program
        std::vector<RecentCreate> creates;                 ///< hand-run runtime creates/execs
        std::vector<int32_t> conmons;                      ///< exec'd conmon nodes
        std::vector<RecentRun> runs;                       ///< `docker run`/`podman run` awaiting their container
        QHash<QByteArray, int32_t> byGuid;                 ///< strong link → node
        PidMap lastRecord;                                 ///< pid → its latest exec record, failed ones included
        QHash<int64_t, std::vector<int32_t>> images;       ///< pid → its successful exec images, in time order
    };
    std::unordered_map<int64_t, HostState> m_hostStates;
    HostState* m_state = nullptr; ///< the state of the host of the event being added
    std::vector<std::pair<int64_t, int32_t>> m_merged;       ///< event id → node it duplicates
    std::deque<ListingRow> m_listingRows;                    ///< listing rows waiting for their window
    std::vector<ListedMerge> m_listedMerges;                 ///< listing rows merged into exec images
    Statement m_argvOf;                                      ///< an event's argv, for listing rows (few)
    bool m_trackImages = true; ///< HostState::images kept (listing rows need them)
    bool m_evict = false;      ///< bounded mode: nodes spilled as they are made, the unreachable ones dropped
    bool m_keepEveryNode = false;
    int64_t m_now = 0;         ///< the time of the row being added
    std::unique_ptr<SpillFile> m_spill; ///< the finished nodes and merges of the bounded mode, in order
    /// Certain container execs by device: the spans attributeByDevice() matches broken chains against.
    struct DeviceSpan
    {
        int32_t container;
        int64_t first;
        int64_t last;
        int64_t count;
    };
    QHash<int32_t, QList<DeviceSpan>> m_deviceSpans;
    QSet<int32_t> m_hostDevices; ///< devices certain host execs ran from
    QHash<int32_t, int32_t> m_coldCommandOf; ///< cold runtime node → its command, while a root may reach it
    int64_t m_coldNewestTs = std::numeric_limits<int64_t>::min(); ///< the latest start of a node gone cold
    QHash<int64_t, QHash<int32_t, int>> m_hostPrograms; ///< host → interned program name → host-side execs written
};

} // namespace

// ---- the feed of a new case: lineage built while the events are stored -----------------------------------------

namespace
{
/// Rows arrive in the order they were stored, which within one log is time order give or take the events a parser
/// completes late (interleaved records). A row is built once no row this much earlier in log time can still come.
constexpr int64_t kReorderWindowNs = int64_t(10) * 1000 * 1000 * 1000;
constexpr size_t kFeedChunkRows = 4096;
constexpr size_t kFeedQueueChunks = 16;

/// Rows handed to the streaming builder, with the table entries they may point at that it has not seen yet.
struct FeedChunk
{
    std::vector<LineageRow> rows;
    std::vector<QString> names;     ///< appended to the builder's, in order
    std::vector<QByteArray> devices; ///< likewise
    std::vector<std::pair<int32_t, RuntimeCommand>> commands;
    std::vector<std::pair<int32_t, std::pair<QByteArray, QByteArray>>> stated;
    std::vector<std::pair<int32_t, RowExtra>> extras;
};

template<typename T>
void appendFrom(std::vector<T>& to, const std::vector<T>& from, size_t& sent)
{
    to.insert(to.end(), from.begin() + static_cast<std::ptrdiff_t>(sent), from.end());
    sent = from.size();
}

template<typename T>
void moveInto(std::vector<T>& to, std::vector<T>& from)
{
    std::move(from.begin(), from.end(), std::back_inserter(to));
}

template<typename T>
void putInto(Pool<T>& to, std::vector<std::pair<int32_t, T>>& from)
{
    for (auto& [index, value] : from)
        to.put(index, std::move(value));
}
} // namespace

/**
 * The writer thread describes each stored event as a compact row (add()); a worker thread builds the lineage from
 * the rows as they come, on the core the parser and the writer leave free, so the commit only stores the result.
 *
 * Building needs the rows in (ts, serial, id) order. The worker holds rows in a reorder window and builds those
 * that can no longer be preceded; a row that arrives earlier than one already built (a second log older than the
 * first, say) or a process listing row (whose matching reads the case) ends the streaming build, and the commit
 * then builds from scratch, reading the events back from the case in time order. No row is kept once built, and the
 * queue to the worker is bounded: the feed's memory does not grow with the log.
 */
struct LineageFeed::Private
{
    explicit Private(Database& db)
        : builder(std::make_unique<Builder>(db))
        , queue(kFeedQueueChunks) // the worker keeps up in practice; if it does not, the writer waits
    {
        builder->setTrackImages(false); // a listing row ends the streaming build: no image lists, bounded mode
        worker = std::thread([this] { work(); });
    }

    ~Private()
    {
        stop = true;
        queue.abort();
        if (worker.joinable())
            worker.join();
    }

    // ---- writer thread -----------------------------------------------------------------------------------------

    void add(const LineageRow& row)
    {
        chunk.rows.push_back(row);
        if (chunk.rows.size() >= kFeedChunkRows)
            send();
    }

    void send()
    {
        appendFrom(chunk.names, tables.names, sentNames);
        appendFrom(chunk.devices, tables.devices, sentDevices);
        chunk.commands = tables.commands.takeAll();
        chunk.stated = tables.stated.takeAll();
        chunk.extras = tables.extras.takeAll();
        queue.push(std::move(chunk));
        chunk = {};
        chunk.rows.reserve(kFeedChunkRows);
    }

    /// No more rows: the worker builds what it holds and finishes.
    void close()
    {
        if (closed)
            return;
        closed = true;
        send();
        queue.close();
    }

    /// Waits for the worker; true when it built the whole lineage.
    bool join()
    {
        close();
        if (worker.joinable())
            worker.join();
        return streaming;
    }

    EventTables tables; ///< written by the writer thread only; the pools are emptied into each chunk sent
    size_t sentNames = 0;
    size_t sentDevices = 0;
    FeedChunk chunk;
    bool closed = false;

    // ---- worker thread (read by the writer thread only after join()) --------------------------------------------

    void work()
    {
        while (std::optional<FeedChunk> next = queue.pop()) {
            if (stop)
                return;
            if (streaming) {
                try {
                    EventTables& t = builder->tables();
                    moveInto(t.names, next->names);
                    moveInto(t.devices, next->devices);
                    putInto(t.commands, next->commands);
                    putInto(t.stated, next->stated);
                    putInto(t.extras, next->extras);
                    for (const LineageRow& row : next->rows) {
                        if (!offer(row))
                            break;
                    }
                } catch (...) {
                    abandon(); // the build from scratch at the commit meets the same problem and reports it
                }
            }
        }
        if (stop || !streaming)
            return;
        try {
            while (!pending.empty()) {
                builder->addFeedRow(pending.top());
                pending.pop();
            }
            builder->finishLoad();
        } catch (...) {
            abandon();
        }
    }

    /// Takes one row in arrival order; false once streaming has been given up.
    bool offer(const LineageRow& row)
    {
        if (row.kind == EventKind::Snapshot || (anyBuilt && rowBefore(row, lastBuilt))) {
            abandon();
            return false;
        }
        pending.push(row);
        newestTs = std::max(newestTs, row.ts);
        while (!pending.empty() && pending.top().ts < newestTs - kReorderWindowNs) {
            lastBuilt = pending.top();
            anyBuilt = true;
            pending.pop();
            builder->addFeedRow(lastBuilt);
        }
        return true;
    }

    void abandon()
    {
        streaming = false;
        pending = {};
        builder.reset(); // frees the nodes built so far
    }

    struct Later
    {
        bool operator()(const LineageRow& a, const LineageRow& b) const { return rowBefore(b, a); }
    };
    std::unique_ptr<Builder> builder;
    std::priority_queue<LineageRow, std::vector<LineageRow>, Later> pending; ///< the reorder window
    LineageRow lastBuilt;
    bool anyBuilt = false;
    int64_t newestTs = std::numeric_limits<int64_t>::min();
    bool streaming = true;
    std::atomic_bool stop{false};
    BoundedQueue<FeedChunk> queue;
    std::thread worker; // last: started once everything above exists
};

LineageFeed::LineageFeed(Database& db)
    : d(std::make_unique<Private>(db))
{
}

LineageFeed::~LineageFeed() = default;

void LineageFeed::close()
{
    if (d)
        d->close();
}

void LineageFeed::add(int64_t eventId, int64_t hostId, int64_t sourceId, const ExecEvent& e)
{
    // The values the rebuild's SELECT would read back: NULL columns are the "unknown" values they were bound from.
    LineageRow row;
    row.id = eventId;
    row.hostId = hostId;
    row.pid = e.pid;
    row.ppid = e.ppid;
    row.ts = e.timeNs;
    row.serial = e.serial == kUnknownId ? std::numeric_limits<int64_t>::min() : e.serial;
    row.sourceId = sourceId;
    row.startTs = e.startTimeNs;
    row.kind = e.kind;
    row.failed = !e.success;
    EventTables& tables = d->tables;
    if (e.kind == EventKind::Exec || e.kind == EventKind::Snapshot) {
        QByteArrayView argv0;
        if (!e.argv.isEmpty()) {
            argv0 = e.argv.first();
            if (const qsizetype nul = argv0.indexOf('\0'); nul >= 0)
                argv0 = argv0.first(nul);
        }
        tables.describe(row, e.exe, argv0, e.dev, e.syscall, [&e] { return e.argv; },
                        e.statedContainerId.isEmpty() ? nullptr : &e.statedContainerId, e.statedContainerSource);
        const bool snapshot = e.kind == EventKind::Snapshot;
        if (!e.guid.isEmpty() || !e.parentGuid.isEmpty() || snapshot) {
            const QByteArray argv = snapshot && !e.argv.isEmpty() ? joinArgv(e.argv) : QByteArray();
            row.extra = tables.extras.add({e.guid, e.parentGuid, argv});
        }
    }
    d->add(row);
}

namespace
{
/// Builds from the events in the case. Should a bounded build ever reach a node it dropped (a bug: a path of the
/// lineage its collection does not know), the lineage is built again with every node in memory, so the case still
/// gets it, at the old cost in memory, and the warning says why.
LineageStats buildFromCase(Database& db, const std::atomic_bool* cancel)
{
    try {
        return Builder(db).run(cancel);
    } catch (const DroppedEntry& e) {
        qWarning("%s; building the lineage again with every node in memory", e.what());
    }
    Builder builder(db);
    builder.keepEveryNode();
    return builder.run(cancel);
}
} // namespace

LineageBuilder::LineageBuilder(Database& db)
    : m_db(db)
{
}

LineageStats LineageBuilder::rebuild(const std::atomic_bool* cancel, LineageFeed* feed)
{
    if (!feed)
        return buildFromCase(m_db, cancel);
    std::unique_ptr<LineageFeed::Private> consumed = std::move(feed->d);
    QElapsedTimer wait;
    wait.start();
    if (consumed->join()) {
        // Built while the events were stored: what is left is the wait for the worker's last rows.
        consumed->builder->setLoadMs(wait.elapsed());
        LineageStats stats = consumed->builder->store();
        stats.streamed = true;
        return stats;
    }
    // The events came out of time order, or with process listings (or the streaming build failed): built from the
    // case, which has them all.
    consumed.reset();
    return buildFromCase(m_db, cancel);
}

void LineageBuilder::setCollectionInterval(int32_t nodes)
{
    Builder::s_collectEvery = std::max(0, nodes);
}

int32_t LineageBuilder::collectionInterval()
{
    return Builder::s_collectEvery;
}

} // namespace ShimScope
