// SPDX-License-Identifier: GPL-3.0-or-later
// Import benchmark: generates a realistic audit.log (genauditlog), imports it into a fresh case file with
// shimscope-cli, and runs ausearch on the same file in the same run, printing wall time, MB/s, events/s and
// peak RSS for each. Every tool runs as a child process so its peak RSS is its own (wait4 rusage).
// Not part of CI: it prints figures, it asserts nothing about time.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace
{
struct Run
{
    std::string name;
    double seconds = 0;
    long peakRssKb = 0;
    int status = -1;
};

/// Runs argv with stdout redirected to outPath (or /dev/null), returning wall time and peak RSS.
Run runChild(const std::string& name, const std::vector<std::string>& argv, const char* outPath = "/dev/null")
{
    Run run{name};
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        const int fd = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            close(fd);
        }
        std::vector<char*> args;
        for (const std::string& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
        _exit(127);
    }
    int status = 0;
    rusage usage = {};
    wait4(pid, &status, 0, &usage);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.peakRssKb = usage.ru_maxrss;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

bool haveCommand(const char* name)
{
    const std::string check = std::string("command -v ") + name + " >/dev/null 2>&1";
    return std::system(check.c_str()) == 0;
}

void usage()
{
    std::puts("usage: bench_import [--events N] [--format raw|enriched] [--log FILE] [--workdir DIR] [--keep]\n"
              "Generates N exec events (default 1000000) unless --log is given, then times shimscope-cli import\n"
              "and ausearch on the same file.");
}
} // namespace

int main(int argc, char** argv)
{
    long long events = 1000000;
    std::string format = "enriched";
    std::string log;
    std::string workdir = std::filesystem::temp_directory_path() / "shimscope-bench";
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage();
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--events")
            events = std::atoll(value().c_str());
        else if (arg == "--format")
            format = value();
        else if (arg == "--log")
            log = value();
        else if (arg == "--workdir")
            workdir = value();
        else if (arg == "--keep")
            keep = true;
        else {
            usage();
            return arg == "--help" ? 0 : 2;
        }
    }
    std::filesystem::create_directories(workdir);
    if (log.empty()) {
        log = workdir + "/bench-" + std::to_string(events) + "-" + format + ".log";
        if (!std::filesystem::exists(log)) {
            const Run gen = runChild("genauditlog", {SHIMSCOPE_GENAUDITLOG_PATH, "--events", std::to_string(events),
                                                     "--format", format, "--out", log});
            if (gen.status != 0) {
                std::fprintf(stderr, "generator failed\n");
                return 1;
            }
            std::printf("generated %lld events in %.1f s\n", events, gen.seconds);
        }
    }
    const double megabytes = static_cast<double>(std::filesystem::file_size(log)) / 1e6;

    // Read the file once so every tool starts from the page cache.
    runChild("warm", {"cat", log});

    std::vector<Run> runs;
    const std::string casePath = workdir + "/bench.shimscope";
    std::filesystem::remove(casePath);
    const std::string importOutput = workdir + "/import.out";
    std::string lineageLine;
    runs.push_back(runChild("shimscope-cli import (new case)", {SHIMSCOPE_CLI_PATH, "import", casePath, log},
                            importOutput.c_str()));
    // The event count as the importer saw it (the generator's N when it made the file).
    if (FILE* out = std::fopen(importOutput.c_str(), "r")) {
        char line[4096];
        while (std::fgets(line, sizeof line, out)) {
            std::sscanf(line, "imported %lld events", &events);
            if (std::strncmp(line, "lineage:", 8) == 0 || std::strncmp(line, "phases:", 7) == 0
                || std::strstr(line, "time:"))
                lineageLine += line; // the importer's own phase figures: parse/write time, lineage build/store
        }
        std::fclose(out);
    }
    // A second import into the now existing case: the WAL + one-transaction path.
    runs.push_back(runChild("shimscope-cli import (existing case)", {SHIMSCOPE_CLI_PATH, "import", casePath, log}));
    if (haveCommand("ausearch")) {
        runs.push_back(runChild("ausearch --format csv", {"ausearch", "--format", "csv", "-if", log}));
        runs.push_back(runChild("ausearch", {"ausearch", "-if", log}));
    } else {
        std::puts("ausearch not found (apt-get install auditd): reference runs skipped");
    }

    std::printf("\ninput: %s, %.1f MB, %lld events (%s)\n", log.c_str(), megabytes, events, format.c_str());
    std::printf("%-38s %9s %9s %12s %12s %6s\n", "tool", "wall s", "MB/s", "events/s", "peak RSS MB", "exit");
    for (const Run& r : runs) {
        std::printf("%-38s %9.2f %9.1f %12.0f %12.1f %6d\n", r.name.c_str(), r.seconds, megabytes / r.seconds,
                    static_cast<double>(events) / r.seconds, static_cast<double>(r.peakRssKb) / 1024.0, r.status);
    }
    if (runs.size() >= 3 && runs[2].seconds > 0) {
        std::printf("\nshimscope import (new case) vs ausearch --format csv: %.2fx the MB/s\n",
                    runs[2].seconds / runs[0].seconds);
    }
    std::printf("importer's phases (new case):\n%s", lineageLine.c_str());
    std::printf("case file: %.1f MB\n", static_cast<double>(std::filesystem::file_size(casePath)) / 1e6);
    if (!keep) {
        std::filesystem::remove(casePath);
        std::filesystem::remove(casePath + "-wal");
        std::filesystem::remove(casePath + "-shm");
    }
    return 0;
}
