/* Tight syscall loop for the probe overhead benchmark: ns per getpid(2), measured with the
 * monotonic clock. Usage: getpid_loop [iterations] [rate per second, 0 = as fast as possible] [open]
 * With "open", each iteration is openat(/dev/null) + close instead: two events rules look at. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <string.h>

static int use_open;

static void one(void) {
	if (use_open) {
		int fd = open("/dev/null", O_RDONLY);
		if (fd >= 0) {
			close(fd);
		}
	} else {
		syscall(SYS_getpid);
	}
}

static long long now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
	long n = argc > 1 ? atol(argv[1]) : 10000000L;
	long rate = argc > 2 ? atol(argv[2]) : 0;
	use_open = argc > 3 && strcmp(argv[3], "open") == 0;
	long long start = now_ns();
	if (rate <= 0) {
		for (long i = 0; i < n; i++) {
			one();
		}
	} else {
		/* bursts of 1 ms worth of calls, then wait for the schedule */
		long burst = rate / 1000 > 0 ? rate / 1000 : 1;
		for (long i = 0; i < n; i += burst) {
			for (long j = 0; j < burst; j++) {
				one();
			}
			long long due = start + (long long)((i + burst) * 1e9 / rate);
			long long wait = due - now_ns();
			if (wait > 0) {
				struct timespec t = { wait / 1000000000LL, wait % 1000000000LL };
				nanosleep(&t, NULL);
			}
		}
	}
	long long elapsed = now_ns() - start;
	printf("%ld calls in %.3f s: %.1f ns per call, %.0f calls/s\n", n, elapsed / 1e9, (double)elapsed / n,
	       n / (elapsed / 1e9));
	return 0;
}
