/* Harmless stand-in for a "masquerading miner" (think /.redtail run as "systemd").
   The lab copies it into a container as /.redtail and runs it with argv[0] = "systemd".
   It forks one child that execs /bin/sh -c 'id; sleep 1', sleeps 4 s, and exits. Static, no libc deps. */
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    pid_t c = fork();
    if (c == 0) { execl("/bin/sh", "sh", "-c", "id; sleep 1", (char *)0); _exit(127); }
    sleep(4);
    if (c > 0) waitpid(c, 0, 0);
    return 0;
}
