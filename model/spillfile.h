// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ShimScope
{

/**
 * Records written once, in order, and read back once, in the same order: what a build keeps of its results when
 * keeping them in memory would make its memory grow with the log (the lineage's finished process nodes). Or, through
 * writeAt() and readAt(), an array of records on disk (the lineage's nodes it has not used lately).
 *
 * The file has no name: it is unlinked as soon as it is made, so nothing is left behind by a crash or a kill. It is
 * made in the folder given (the case's, on the disk the case goes to) rather than in /tmp, which is RAM on many
 * systems. Writes and reads go through a 1 MiB buffer. Errors throw std::runtime_error naming the folder.
 */
class SpillFile
{
public:
    explicit SpillFile(const QString& folder);
    ~SpillFile();
    SpillFile(const SpillFile&) = delete;
    SpillFile& operator=(const SpillFile&) = delete;

    void append(const void* data, size_t size);
    /// Ends the writing: what follows reads from the start.
    void rewind();
    /// Reads size bytes; false at the end of the file. A record cut short throws.
    bool read(void* data, size_t size);

    int64_t bytesWritten() const { return m_written; }

    /// Unbuffered random access, for a file used as an array of fixed-size records rather than as a stream (not
    /// mixed with append() and read() on the same file). Parts never written read as zeros.
    void writeAt(int64_t offset, const void* data, size_t size);
    /// False when the file ends before offset + size.
    bool readAt(int64_t offset, void* data, size_t size) const;

private:
    void flush();
    [[noreturn]] void fail(const char* what) const;

    QString m_folder;
    int m_fd = -1;
    std::vector<char> m_buffer;
    size_t m_used = 0; ///< bytes in the buffer (writing) or bytes read into it (reading)
    size_t m_pos = 0;  ///< next byte to hand out (reading)
    int64_t m_written = 0;
    bool m_reading = false;
};

} // namespace ShimScope
