#!/usr/bin/env python3
"""Live engine benchmark (root, BTF, built distribution): probe overhead per syscall, events/s without
drops, alert latency under load and peak RSS of ./peregrine on modern_ebpf.

Usage: benchmarks/live/live_bench.py [--partitions N] [--generators K] [--rates R1,R2,...]
       (from the worktree root; compiles getpid_loop.c). K generator processes share each step's rate, so
       with N > 1 the load lands in several rings (their pids' tgid % N is printed).
"""
import argparse, calendar, json, os, re, subprocess, sys, tempfile, threading, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LOOP_SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "getpid_loop.c")
LOOP = os.path.join(tempfile.gettempdir(), "peregrine_getpid_loop")
RULE = """- rule: Peregrine bench latency probe
  desc: opens of the latency marker files
  condition: evt.type in (open, openat, openat2) and fd.name startswith /tmp/peregrine-lat-
  output: "latency marker opened (file=%fd.name)"
  priority: NOTICE
- rule: Peregrine bench getpid load
  desc: names getpid so the probe captures the load generator's calls (the live drivers capture only
    the syscalls the rules and the state need); never fires
  condition: evt.type = getpid and proc.name = peregrine-never-matches
  output: "unexpected (proc=%proc.name)"
  priority: DEBUG
"""


def loop(n, rate=0):
    out = subprocess.run([LOOP, str(n), str(rate)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"([\d.]+) ns per call, (\d+) calls/s", out)
    return float(m.group(1)), int(m.group(2))


def drop_counter_maps():
    """Ids of the loaded drop_counters maps (other probes may be loaded too: the caller keeps ours)."""
    out = subprocess.run(["bpftool", "-j", "map", "show"], capture_output=True, text=True).stdout
    return {m["id"] for m in json.loads(out or "[]") if m.get("name") == "drop_counters"}


OURS = set()


def counters():
    """Sums struct drop_counters (n_evts, n_drops_buffer: its first two u64) over CPUs of our probe's map."""
    total = {}
    for map_id in OURS:
        out = subprocess.run(["bpftool", "-j", "map", "dump", "id", str(map_id)], capture_output=True,
                             text=True).stdout
        for entry in json.loads(out or "[]"):
            for cpu in entry.get("values", []):
                raw = bytes(int(b, 16) for b in cpu["value"][:16])
                total["n_evts"] = total.get("n_evts", 0) + int.from_bytes(raw[:8], "little")
                total["n_drops_buffer"] = total.get("n_drops_buffer", 0) + int.from_bytes(raw[8:16], "little")
    return total


def parse_iso_ns(text):
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d+)", text)
    secs = calendar.timegm(time.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"))
    frac = (m.group(2) + "000000000")[:9]
    return secs * 1_000_000_000 + int(frac)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--partitions", type=int, default=0)
    ap.add_argument("--iterations", type=int, default=3_000_000)
    ap.add_argument("--generators", type=int, default=1)
    ap.add_argument("--rates", default="50000,100000,200000,300000,400000")
    ap.add_argument("--skip-overhead", action="store_true")
    ap.add_argument("--open", action="store_true", help="generators open+close /dev/null instead of getpid")
    args = ap.parse_args()
    subprocess.run(["gcc", "-O2", "-o", LOOP, LOOP_SRC], check=True)

    base = 0 if args.skip_overhead else min(loop(args.iterations)[0] for _ in range(3))
    print(f"getpid without Peregrine: {base:.1f} ns/call", flush=True)

    work = tempfile.mkdtemp(prefix="peregrine-bench")
    rules = os.path.join(work, "bench_rules.yaml")
    with open(rules, "w") as f:
        f.write(RULE)
    upstream = os.path.join(ROOT, "..", "shared", "compat", "upstream-rules", "falco_rules.yaml")
    cmd = [os.path.join(ROOT, "peregrine"), "-v", "-o", "engine.kind=modern_ebpf", "-o", "json_output=true",
           "-o", f"engine.modern_ebpf.partitions={args.partitions}", "-r", upstream, "-r", rules]
    others = drop_counter_maps()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    arrivals, errlines = [], []
    attached = threading.Event()

    def read_out():
        for line in proc.stdout:
            now = time.time_ns()
            if line.startswith("{") and "latency marker opened" in line:
                arrivals.append((now, json.loads(line)["time"]))

    def read_err():
        for line in proc.stderr:
            errlines.append(line)
            if "probe attached" in line:
                attached.set()

    threading.Thread(target=read_out, daemon=True).start()
    threading.Thread(target=read_err, daemon=True).start()
    if not attached.wait(120):
        print("peregrine did not attach:\n" + "".join(errlines))
        proc.kill()
        return 1
    time.sleep(2)
    OURS.update(drop_counter_maps() - others)

    if not args.skip_overhead:
        with_p = min(loop(args.iterations)[0] for _ in range(3))
        print(f"getpid with Peregrine attached: {with_p:.1f} ns/call (+{with_p - base:.1f} ns)", flush=True)

    tick = os.sysconf("SC_CLK_TCK")

    def cpu_seconds():
        fields = open(f"/proc/{proc.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    for rate in (int(r) for r in args.rates.split(",")):
        before = counters()
        cpu0, wall0 = cpu_seconds(), time.time()
        each = rate // args.generators
        gens = [subprocess.Popen([LOOP, str(each * 5), str(each)] + (["open"] if args.open else []),
                                 stdout=subprocess.PIPE, text=True)
                for _ in range(args.generators)]
        outs = [g.communicate()[0] for g in gens]
        achieved = sum(int(re.search(r"(\d+) calls/s", o).group(1)) for o in outs)
        time.sleep(1)
        cpu1, wall1 = cpu_seconds(), time.time()
        after = counters()
        evts = after.get("n_evts", 0) - before.get("n_evts", 0)
        drops = after.get("n_drops_buffer", 0) - before.get("n_drops_buffer", 0)
        rings = sorted(g.pid % max(1, args.partitions) for g in gens) if args.partitions > 1 else []
        load = open("/proc/loadavg").read().split()[0]
        print(f"rate {rate}/s asked, {achieved}/s achieved by {args.generators} generator(s) (rings {rings}): "
              f"{evts} events written, {drops} buffer drops, daemon CPU {100 * (cpu1 - cpu0) / (wall1 - wall0):.0f}%"
              f" of one core, load {load}", flush=True)

    # Alert latency under load: markers opened every 20 ms while a getpid loop runs at 100k/s.
    load = subprocess.Popen([LOOP, str(100_000 * 15), "100000"], stdout=subprocess.DEVNULL)
    for i in range(500):
        path = f"/tmp/peregrine-lat-{i}"
        with open(path, "w"):
            pass
        os.unlink(path)
        time.sleep(0.02)
    load.wait()
    time.sleep(2)
    lat = sorted((now - parse_iso_ns(t)) / 1e6 for now, t in arrivals)
    if lat:
        p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
        print(f"alert latency over {len(lat)} alerts (ms): p50 {p(0.5):.2f}  p99 {p(0.99):.2f}  max {lat[-1]:.2f}")
    rss = open(f"/proc/{proc.pid}/status").read()
    hwm = re.search(r"VmHWM:\s+(\d+) kB", rss).group(1)
    print(f"peak RSS (VmHWM): {int(hwm) // 1024} MiB")
    proc.send_signal(2)
    proc.wait(60)
    time.sleep(0.5)
    print("".join(l for l in errlines if l.startswith(("Driver", "Elapsed"))), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
