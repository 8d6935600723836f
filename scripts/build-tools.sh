# Sourced by ./peregrine and ./run-tests (not run on its own).
# Build tools the first build needs: Maven, and for the live eBPF probe clang + bpftool + libbpf
# headers (compiled against this kernel's BTF) and libbpf at run time. As root on Debian/Ubuntu we
# install what is missing; otherwise we say what to install and build without the probe.
install_build_tools() {  # uses say() of the caller
  local need=()
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  command -v clang >/dev/null 2>&1 || need+=(clang llvm)
  command -v bpftool >/dev/null 2>&1 || [ -x /usr/sbin/bpftool ] || need+=(bpftool)
  [ -e /usr/include/bpf/bpf_helpers.h ] || need+=(libbpf-dev)
  ls /usr/lib/*/libbpf.so.1 >/dev/null 2>&1 || need+=(libbpf1)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing build tools: ${need[*]} (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >&2 \
      || say "could not install ${need[*]}; continuing with what is there"
  else
    say "missing build tools: ${need[*]} (install them as root; without clang/bpftool the live eBPF probe is not built)"
  fi
}

