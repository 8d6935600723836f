package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.plugin.syscall.state.ThreadInfo;
import dev.peregrine.plugin.syscall.state.ThreadTable;
import java.util.List;
import java.util.function.Function;

/** The {@code proc.*} and {@code thread.*} fields ({@code syscall-state.md} §9). */
final class ProcessFields {

    /** Walk limit of ancestor lists (libsinsp's loop-safe walk). */
    private static final int MAX_ANCESTORS = 256;

    /** The extractor of {@code name}, or null when it is not implemented. */
    StateExtractor bind(String name, FieldArgument argument) {
        return switch (name) {
            case "proc.name" -> text(t -> t.comm());
            case "proc.exe" -> text(t -> t.exe());
            case "proc.exepath" -> text(t -> t.exePath());
            case "proc.cmdline" -> text(ThreadInfo::cmdline);
            case "proc.exeline" -> text(t -> t.args().isEmpty() ? t.exe() : t.exe() + " " + t.argsText());
            case "proc.args" -> argument.isIndex() ? (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null || argument.index() >= t.args().size()) {
                    return false;
                }
                out.addString(t.args().get((int) argument.index()));
                return true;
            } : text(ThreadInfo::argsText);
            case "proc.cmdnargs" -> number(t -> (long) t.args().size());
            case "proc.cmdlenargs" -> number(t -> {
                long total = 0;
                for (String a : t.args()) {
                    total += a.length();
                }
                return total;
            });
            case "proc.env" -> env(argument);
            case "proc.aenv" -> ancestorEnv(argument);
            case "proc.loginshellid" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                // the oldest process, from this one up, whose name ends in "sh"
                ThreadInfo shell = null;
                ThreadInfo main = s.threads().mainThread(t);
                if (main.comm().endsWith("sh")) {
                    shell = main;
                }
                for (int n = 1; n <= MAX_ANCESTORS; n++) {
                    ThreadInfo a = s.threads().ancestor(t, n);
                    if (a == null) {
                        break;
                    }
                    if (a.comm().endsWith("sh")) {
                        shell = a;
                    }
                }
                if (shell == null) {
                    return false;
                }
                out.addLong(shell.pid());
                return true;
            };
            case "thread.exectime" -> ThreadTimeFields.execTime();
            case "thread.totexectime" -> ThreadTimeFields.totalExecTime();
            case "thread.cpu" -> ThreadTimeFields.cpu(true, true);
            case "thread.cpu.user" -> ThreadTimeFields.cpu(true, false);
            case "thread.cpu.system" -> ThreadTimeFields.cpu(false, true);
            case "proc.cwd" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                out.addString(s.threads().cwd(t));
                return true;
            };
            case "proc.pid" -> number(ThreadInfo::pid);
            case "proc.vpid" -> number(ThreadInfo::vpid);
            case "proc.sid" -> number(ThreadInfo::sid);
            case "proc.vpgid" -> number(ThreadInfo::vpgid);
            case "proc.pgid" -> number(ThreadInfo::pgid);
            case "proc.tty" -> number(ThreadInfo::tty);
            case "proc.fdlimit" -> number(ThreadInfo::fdLimit);
            case "proc.is_sid_leader" -> bool(t -> t.sid() == t.pid());
            case "proc.is_vpgid_leader" -> bool(t -> t.vpgid() == t.vpid());
            case "proc.is_pgid_leader" -> bool(t -> t.pgid() == t.pid());
            case "thread.tid" -> number(ThreadInfo::tid);
            case "thread.vtid" -> number(ThreadInfo::vtid);
            case "thread.ismain" -> bool(ThreadInfo::isMain);
            case "thread.nametid" -> text(t -> t.comm() + t.tid());
            case "thread.cgroups" -> text(t -> String.join(" ", t.cgroups()));
            case "proc.ppid" -> ancestorNumber(1, ThreadInfo::pid);
            case "proc.pvpid" -> ancestorNumber(1, ThreadInfo::vpid);
            case "proc.pname" -> ancestorText(1, ThreadInfo::comm);
            case "proc.pexe" -> ancestorText(1, ThreadInfo::exe);
            case "proc.pexepath" -> ancestorText(1, ThreadInfo::exePath);
            case "proc.pcmdline" -> ancestorText(1, ThreadInfo::cmdline);
            case "proc.aname" -> ancestors(argument, ThreadInfo::comm);
            case "proc.aexe" -> ancestors(argument, ThreadInfo::exe);
            case "proc.aexepath" -> ancestors(argument, ThreadInfo::exePath);
            case "proc.acmdline" -> ancestors(argument, ThreadInfo::cmdline);
            case "proc.aargs" -> ancestors(argument, ThreadInfo::argsText);
            case "proc.apid" -> ancestorNumbers(argument);
            case "proc.duration" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null || t.cloneTs() == 0) {
                    return false;
                }
                out.addLong(s.event().timestampNanos() - t.cloneTs());
                return true;
            };
            case "proc.ppid.duration" -> (s, out) -> {
                ThreadInfo t = s.thread();
                ThreadInfo parent = t == null ? null : s.threads().ancestor(t, 1);
                if (parent == null || parent.cloneTs() == 0) {
                    return false;
                }
                out.addLong(s.event().timestampNanos() - parent.cloneTs());
                return true;
            };
            case "proc.sname" -> leader(ThreadInfo::sid, ThreadInfo::comm);
            case "proc.sid.exe" -> leader(ThreadInfo::sid, ThreadInfo::exe);
            case "proc.sid.exepath" -> leader(ThreadInfo::sid, ThreadInfo::exePath);
            case "proc.vpgid.name" -> leader(ThreadInfo::vpgid, ThreadInfo::comm);
            case "proc.vpgid.exe" -> leader(ThreadInfo::vpgid, ThreadInfo::exe);
            case "proc.vpgid.exepath" -> leader(ThreadInfo::vpgid, ThreadInfo::exePath);
            case "proc.pgid.name" -> leader(ThreadInfo::pgid, ThreadInfo::comm);
            case "proc.pgid.exe" -> leader(ThreadInfo::pgid, ThreadInfo::exe);
            case "proc.pgid.exepath" -> leader(ThreadInfo::pgid, ThreadInfo::exePath);
            case "proc.is_exe_writable" -> bool(ThreadInfo::exeWritable);
            case "proc.is_exe_upper_layer" -> bool(ThreadInfo::exeUpperLayer);
            case "proc.is_exe_lower_layer" -> bool(ThreadInfo::exeLowerLayer);
            case "proc.is_exe_from_memfd" -> bool(ThreadInfo::exeFromMemfd);
            case "proc.exe_ino" -> number(ThreadInfo::exeIno);
            case "proc.exe_ino.ctime" -> number(ThreadInfo::exeInoCtime);
            case "proc.exe_ino.mtime" -> number(ThreadInfo::exeInoMtime);
            case "proc.exe_ino.ctime_duration_proc_start" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null || t.cloneTs() == 0 || t.exeInoCtime() == 0) {
                    return false;
                }
                out.addLong(t.cloneTs() - t.exeInoCtime());
                return true;
            };
            case "proc.exe_ino.ctime_duration_pidns_start" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null || t.exeInoCtime() == 0 || t.exeInoCtime() - t.pidnsInitStartTs() <= 0) {
                    return false;
                }
                out.addLong(t.exeInoCtime() - t.pidnsInitStartTs());
                return true;
            };
            case "proc.pidns_init_start_ts" -> number(ThreadInfo::pidnsInitStartTs);
            case "thread.cap_permitted" -> text(t -> Capabilities.names(t.capPermitted()));
            case "thread.cap_inheritable" -> text(t -> Capabilities.names(t.capInheritable()));
            case "thread.cap_effective" -> text(t -> Capabilities.names(t.capEffective()));
            case "proc.vmsize" -> main(ThreadInfo::vmSizeKb);
            case "proc.vmrss" -> main(ThreadInfo::vmRssKb);
            case "proc.vmswap" -> main(ThreadInfo::vmSwapKb);
            case "thread.vmsize" -> number(ThreadInfo::vmSizeKb);
            case "thread.vmrss" -> number(ThreadInfo::vmRssKb);
            case "thread.vmsize.b" -> number(t -> t.vmSizeKb() * 1024);
            case "thread.vmrss.b" -> number(t -> t.vmRssKb() * 1024);
            case "thread.pfmajor" -> number(ThreadInfo::pageFaultsMajor);
            case "thread.pfminor" -> number(ThreadInfo::pageFaultsMinor);
            case "proc.pid.ts" -> number(t -> t.cloneTs());
            case "proc.stdin.type" -> standardFd(0, true);
            case "proc.stdout.type" -> standardFd(1, true);
            case "proc.stderr.type" -> standardFd(2, true);
            case "proc.stdin.name" -> standardFd(0, false);
            case "proc.stdout.name" -> standardFd(1, false);
            case "proc.stderr.name" -> standardFd(2, false);
            case "proc.fdusage" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                long limit = s.threads().mainThread(t).fdLimit();
                if (limit <= 0) {
                    return false;
                }
                out.addDouble(100.0 * s.threads().fds(t).size() / limit);
                return true;
            };
            case "thread.cgroup" -> {
                String prefix = argument.text() + "=";
                yield (s, out) -> {
                    ThreadInfo t = s.thread();
                    if (t == null) {
                        return false;
                    }
                    for (String entry : t.cgroups()) {
                        if (entry.startsWith(prefix)) {
                            out.addString(entry.substring(prefix.length()));
                            return true;
                        }
                    }
                    return false;
                };
            }
            case "proc.ppid.ts" -> ancestorNumber(1, ThreadInfo::cloneTs);
            case "proc.nthreads" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                long count = 0;
                for (ThreadInfo other : s.threads().all()) {
                    if (other.pid() == t.pid() && !other.isDead()) {
                        count++;
                    }
                }
                out.addLong(count);
                return true;
            };
            case "proc.nchilds" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                long count = 0;
                for (ThreadInfo other : s.threads().all()) {
                    if (other.ptid() == t.tid() && !other.isDead()) {
                        count++;
                    }
                }
                out.addLong(count);
                return true;
            };
            case "proc.fdopencount" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                out.addLong(s.threads().fds(t).size());
                return true;
            };
            default -> null;
        };
    }

    private static StateExtractor text(Function<ThreadInfo, String> value) {
        return (s, out) -> {
            ThreadInfo t = s.thread();
            if (t == null) {
                return false;
            }
            out.addString(value.apply(t));
            return true;
        };
    }

    /** A numeric attribute; the boxing of small values is cached by the JVM, larger ones escape analysis. */
    private static StateExtractor number(java.util.function.ToLongFunction<ThreadInfo> value) {
        return (s, out) -> {
            ThreadInfo t = s.thread();
            if (t == null) {
                return false;
            }
            out.addLong(value.applyAsLong(t));
            return true;
        };
    }

    private static StateExtractor bool(java.util.function.Predicate<ThreadInfo> value) {
        return (s, out) -> {
            ThreadInfo t = s.thread();
            if (t == null) {
                return false;
            }
            out.addBoolean(value.test(t));
            return true;
        };
    }

    private static StateExtractor ancestorText(int n, Function<ThreadInfo, String> value) {
        return (s, out) -> {
            ThreadInfo t = s.thread();
            ThreadInfo a = t == null ? null : s.threads().ancestor(t, n);
            if (a == null) {
                return false;
            }
            out.addString(value.apply(a));
            return true;
        };
    }

    private static StateExtractor ancestorNumber(int n, java.util.function.ToLongFunction<ThreadInfo> value) {
        return (s, out) -> {
            ThreadInfo t = s.thread();
            ThreadInfo a = t == null ? null : s.threads().ancestor(t, n);
            if (a == null) {
                return false;
            }
            out.addLong(value.applyAsLong(a));
            return true;
        };
    }

    /**
     * {@code proc.aname[N]}: ancestor N ({@code [0]} is the process itself). Without an index: every
     * ancestor from the parent up, as separate values, so a filter matches when any of them does.
     */
    private static StateExtractor ancestors(FieldArgument argument, Function<ThreadInfo, String> value) {
        if (argument.isIndex()) {
            return ancestorText((int) Math.min(argument.index(), MAX_ANCESTORS), value);
        }
        return (s, out) -> {
            ThreadInfo t = s.thread();
            if (t == null) {
                return false;
            }
            return walk(s.threads(), t, a -> out.addString(value.apply(a)));
        };
    }

    private static StateExtractor ancestorNumbers(FieldArgument argument) {
        if (argument.isIndex()) {
            return ancestorNumber((int) Math.min(argument.index(), MAX_ANCESTORS), ThreadInfo::pid);
        }
        return (s, out) -> {
            ThreadInfo t = s.thread();
            if (t == null) {
                return false;
            }
            return walk(s.threads(), t, a -> out.addLong(a.pid()));
        };
    }

    private static boolean walk(ThreadTable threads, ThreadInfo t, java.util.function.Consumer<ThreadInfo> each) {
        boolean any = false;
        for (int n = 1; n <= MAX_ANCESTORS; n++) {
            ThreadInfo a = threads.ancestor(t, n);
            if (a == null) {
                break;
            }
            each.accept(a);
            any = true;
        }
        return any;
    }

    /**
     * An attribute of the group leader: the oldest ancestor, walking up from the process, whose session
     * (or process group) id still equals the thread's.
     */
    private static StateExtractor leader(java.util.function.ToLongFunction<ThreadInfo> group,
                                         Function<ThreadInfo, String> value) {
        return (s, out) -> {
            ThreadInfo t = s.thread();
            if (t == null) {
                return false;
            }
            long id = group.applyAsLong(t);
            ThreadInfo leader = s.threads().mainThread(t);
            for (int n = 1; n <= MAX_ANCESTORS; n++) {
                ThreadInfo a = s.threads().ancestor(t, n);
                if (a == null || group.applyAsLong(a) != id) {
                    break;
                }
                leader = a;
            }
            out.addString(value.apply(leader));
            return true;
        };
    }

    /** Type or name of fd 0, 1 or 2 of the process, when it is open. */
    private static StateExtractor standardFd(long fd, boolean type) {
        return (s, out) -> {
            ThreadInfo t = s.thread();
            dev.peregrine.plugin.syscall.state.FdInfo info = t == null ? null : s.threads().fds(t).get(fd);
            if (info == null) {
                return false;
            }
            out.addString(type ? info.type().text() : info.name());
            return true;
        };
    }

    /** A process-wide counter read from the main thread. */
    private static StateExtractor main(java.util.function.ToLongFunction<ThreadInfo> value) {
        return (s, out) -> {
            ThreadInfo t = s.thread();
            if (t == null) {
                return false;
            }
            out.addLong(value.applyAsLong(s.threads().mainThread(t)));
            return true;
        };
    }

    /**
     * {@code proc.aenv}: without argument (or {@code [0]}) the process environment; {@code [N]} the
     * environment of ancestor N (empty text when there is none); {@code [NAME]} the value of NAME in the
     * nearest ancestor, from the parent up to 20 levels, that defines it (empty text when none does).
     */
    private static StateExtractor ancestorEnv(FieldArgument argument) {
        boolean byName = argument.present() && !argument.text().isEmpty() && !argument.isIndex();
        int level = argument.isIndex() ? (int) Math.min(argument.index(), MAX_ANCESTORS) : 0;
        if (!byName && level < 1) {
            return env(FieldArgument.none());
        }
        if (!byName) {
            return (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                ThreadInfo a = s.threads().ancestor(t, level);
                out.addString(a == null ? "" : String.join(" ", s.threads().env(a)));
                return true;
            };
        }
        String prefix = argument.text() + "=";
        return (s, out) -> {
            ThreadInfo t = s.thread();
            if (t == null) {
                return false;
            }
            String value = "";
            for (int n = 1; n <= 20 && value.isEmpty(); n++) {
                ThreadInfo a = s.threads().ancestor(t, n);
                if (a == null) {
                    break;
                }
                for (String entry : s.threads().env(a)) {
                    if (entry.startsWith(prefix)) {
                        value = entry.substring(prefix.length());
                        break;
                    }
                }
            }
            out.addString(value);
            return true;
        };
    }

    private static StateExtractor env(FieldArgument argument) {
        if (argument.present() && !argument.text().isEmpty()) {
            String prefix = argument.text() + "=";
            return (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                for (String entry : s.threads().env(t)) {
                    if (entry.startsWith(prefix)) {
                        out.addString(entry.substring(prefix.length()));
                        return true;
                    }
                }
                return false;
            };
        }
        return (s, out) -> {
            ThreadInfo t = s.thread();
            if (t == null) {
                return false;
            }
            List<String> env = s.threads().env(t);
            out.addString(String.join(" ", env));
            return true;
        };
    }

}
