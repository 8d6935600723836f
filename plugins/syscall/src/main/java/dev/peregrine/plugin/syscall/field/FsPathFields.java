package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.FlagTables;
import dev.peregrine.plugin.syscall.state.FdInfo;
import dev.peregrine.plugin.syscall.state.PathResolver;
import dev.peregrine.plugin.syscall.state.SyscallState;
import dev.peregrine.plugin.syscall.state.ThreadInfo;
import java.util.Map;

/**
 * {@code fs.path.*} and {@code evt.abspath}: the paths of filesystem syscalls that return no fd
 * ({@code syscall-state.md} §6), made absolute against the thread cwd or the dirfd's directory.
 */
final class FsPathFields {

    private static final long AT_FDCWD = -100;

    /** Event enum → {name, source, target} parameter names (null when the event has no such path). */
    private static final Map<String, String[]> PATHS = Map.ofEntries(
            Map.entry("PPME_SYSCALL_MKDIR_2_X", new String[] {"path", null, null}),
            Map.entry("PPME_SYSCALL_MKDIRAT_X", new String[] {"path", null, null}),
            Map.entry("PPME_SYSCALL_RMDIR_2_X", new String[] {"path", null, null}),
            Map.entry("PPME_SYSCALL_UNLINK_2_X", new String[] {"path", null, null}),
            Map.entry("PPME_SYSCALL_UNLINKAT_2_X", new String[] {"name", null, null}),
            Map.entry("PPME_SYSCALL_CHMOD_X", new String[] {"filename", null, null}),
            Map.entry("PPME_SYSCALL_FCHMODAT_X", new String[] {"filename", null, null}),
            Map.entry("PPME_SYSCALL_CHOWN_X", new String[] {"path", null, null}),
            Map.entry("PPME_SYSCALL_LCHOWN_X", new String[] {"path", null, null}),
            Map.entry("PPME_SYSCALL_FCHOWNAT_X", new String[] {"pathname", null, null}),
            Map.entry("PPME_SYSCALL_MKNOD_X", new String[] {"path", null, null}),
            Map.entry("PPME_SYSCALL_MKNODAT_X", new String[] {"path", null, null}),
            Map.entry("PPME_SYSCALL_MOUNT_X", new String[] {"dir", null, null}),
            Map.entry("PPME_SYSCALL_UMOUNT_1_X", new String[] {"name", null, null}),
            Map.entry("PPME_SYSCALL_UMOUNT2_X", new String[] {"name", null, null}),
            Map.entry("PPME_SYSCALL_RENAME_X", new String[] {null, "oldpath", "newpath"}),
            Map.entry("PPME_SYSCALL_RENAMEAT_X", new String[] {null, "oldpath", "newpath"}),
            Map.entry("PPME_SYSCALL_RENAMEAT2_X", new String[] {null, "oldpath", "newpath"}),
            Map.entry("PPME_SYSCALL_LINK_2_X", new String[] {null, "oldpath", "newpath"}),
            Map.entry("PPME_SYSCALL_LINKAT_2_X", new String[] {null, "oldpath", "newpath"}),
            Map.entry("PPME_SYSCALL_SYMLINK_X", new String[] {null, "target", "linkpath"}),
            Map.entry("PPME_SYSCALL_SYMLINKAT_X", new String[] {null, "target", "linkpath"}));

    private final FlagTables flags;
    /** Per event type: parameter index of name, source and target, -1 when absent. */
    private final int[][] params;

    FsPathFields(EventTable table, FlagTables flags) {
        this.flags = flags;
        this.params = new int[table.size()][];
        for (EventInfo info : table.events()) {
            String[] names = PATHS.get(info.enumName());
            int[] row = new int[] {-1, -1, -1};
            if (names != null) {
                for (int k = 0; k < 3; k++) {
                    row[k] = names[k] == null ? -1 : EventFields.paramIndex(info, names[k]);
                }
            }
            params[info.code()] = row;
        }
    }

    /** The extractor of {@code name}, or null when it is not implemented. */
    StateExtractor bind(String name, FieldArgument argument) {
        return switch (name) {
            case "fs.path.name" -> path(0, true);
            case "fs.path.nameraw" -> path(0, false);
            case "fs.path.source" -> path(1, true);
            case "fs.path.sourceraw" -> path(1, false);
            case "fs.path.target" -> path(2, true);
            case "fs.path.targetraw" -> path(2, false);
            case "evt.abspath" -> switch (argument.text()) {
                case "", "name" -> path(0, true);
                case "src" -> path(1, true);
                case "dst" -> path(2, true);
                default -> null;
            };
            default -> null;
        };
    }

    private StateExtractor path(int which, boolean resolve) {
        PerEventText cache = new PerEventText();
        return (s, out) -> {
            EventView e = s.event();
            int p = params[e.type()][which];
            if (p < 0 || p >= e.paramCount() || e.isParamEmpty(p)) {
                return false;
            }
            String value = cache.get(e);
            if (value == null) {
                String raw = e.paramString(p);
                value = cache.put(e, resolve ? resolve(s, e, p, raw) : raw);
            }
            out.addString(value);
            return true;
        };
    }

    private String resolve(SyscallState s, EventView e, int p, String raw) {
        ThreadInfo thread = s.thread();
        if (raw.startsWith("/") || thread == null || raw.equals(ThreadInfo.NA)) {
            return raw.startsWith("/") ? PathResolver.normalize("/", raw) : raw;
        }
        String base = s.threads().cwd(thread);
        int dirfdParam = flags.dirfdParam(e.type(), p);
        if (dirfdParam < 0) {
            // symlinkat/linkat-style rows without a declared dirfd: the fd parameter right before the path
            dirfdParam = p > 0 && e.info().params().get(p - 1).type().equals("PT_FD") ? p - 1 : -1;
        }
        if (dirfdParam >= 0 && dirfdParam < e.paramCount() && !e.isParamEmpty(dirfdParam)) {
            long dirfd = e.paramSigned(dirfdParam);
            if (dirfd != AT_FDCWD) {
                FdInfo dir = s.threads().fds(thread).get(dirfd);
                base = dir == null ? "<UNKNOWN>" : PathResolver.asDirectory(dir.name());
            }
        }
        return PathResolver.normalize(base, raw);
    }
}
