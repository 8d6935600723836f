#!/usr/bin/env bash
# Replay throughput side by side with sysdig 0.29 (issue 3). Run from the repository root after
# building the distribution; needs hyperfine and sysdig (apt-get install hyperfine sysdig).
#   benchmarks/replay/replay_vs_sysdig.sh [capture] [runs]
# Builds the 10 M-event capture first when it is missing.
set -euo pipefail
B=${1:-/tmp/big.scap}
RUNS=${2:-5}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$here"
if [ ! -f "$B" ]; then
  python3 plugins/syscall/src/build/repeat_capture.py \
      ../shared/compat/legacy/trace_files/open-multiple-files.scap "$B" 8000
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
C1='proc.name=iShouldNeverAlert'
C4='proc.name != iShouldNeverAlert and fd.num != 99999 and thread.tid != 0 and proc.pname = iShouldNeverAlert'
for n in 1 4; do
  c=C$n
  printf -- '- rule: never%s\n  desc: benchmark rule that never fires\n  condition: %s\n  output: "never %%proc.name"\n  priority: WARNING\n' \
      "$n" "${!c}" > "$work/rule$n.yaml"
done
P="./peregrine -c /dev/null -o engine.kind=replay -o engine.replay.capture_file=$B -o base_syscalls.all=true -o stdout_output.enabled=true"
./peregrine --dry-run >/dev/null 2>&1 || true   # trains the start-up cache outside the timings
uptime
hyperfine -N -w 1 -r "$RUNS" --export-markdown "$work/table.md" \
    -n sysdig-1 "sysdig -r $B '$C1'" -n peregrine-1 "$P -r $work/rule1.yaml" \
    -n sysdig-4 "sysdig -r $B '$C4'" -n peregrine-4 "$P -r $work/rule4.yaml"
cat "$work/table.md"
echo "upstream falco_rules.yaml (events/s from -v, peak RSS):"
/usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" ./peregrine -c distribution/target/peregrine/etc/falco.yaml \
    -r ../shared/compat/upstream-rules/falco_rules.yaml -o engine.kind=replay -o engine.replay.capture_file="$B" \
    -o stdout_output.enabled=true -v 2>&1 >/dev/null | grep -E "Elapsed time|wall"
uptime
