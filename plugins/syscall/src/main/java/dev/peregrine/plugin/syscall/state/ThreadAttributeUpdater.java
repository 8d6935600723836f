package dev.peregrine.plugin.syscall.state;

import dev.peregrine.plugin.syscall.event.EventView;
import java.util.HashMap;
import java.util.Map;

/** Working directory, identity and session changes of a thread (§3.4). */
final class ThreadAttributeUpdater implements StateUpdater {

    private static final int CHDIR = 1;
    private static final int FCHDIR = 2;
    private static final int GETCWD = 3;
    private static final int SETUID = 4;
    private static final int SETGID = 5;
    private static final int SETRESUID = 6;
    private static final int SETRESGID = 7;
    private static final int SETSID = 8;

    @Override
    public Map<String, Integer> handledEvents() {
        Map<String, Integer> events = new HashMap<>();
        events.put("PPME_SYSCALL_CHDIR_X", CHDIR);
        events.put("PPME_SYSCALL_FCHDIR_X", FCHDIR);
        events.put("PPME_SYSCALL_GETCWD_X", GETCWD);
        events.put("PPME_SYSCALL_SETUID_X", SETUID);
        events.put("PPME_SYSCALL_SETGID_X", SETGID);
        events.put("PPME_SYSCALL_SETRESUID_X", SETRESUID);
        events.put("PPME_SYSCALL_SETREUID_X", SETRESUID);
        events.put("PPME_SYSCALL_SETRESGID_X", SETRESGID);
        events.put("PPME_SYSCALL_SETREGID_X", SETRESGID);
        events.put("PPME_SYSCALL_SETSID_X", SETSID);
        return events;
    }

    @Override
    public void apply(SyscallState state, EventView e, int kind) {
        ThreadInfo thread = state.thread();
        long res = SyscallState.signed(e, 0, -1);
        if (thread == null || res < 0) {
            return;
        }
        ThreadInfo main = state.threads().mainThread(thread);
        switch (kind) {
            case CHDIR -> {
                String path = SyscallState.text(e, 1);
                if (path != null) {
                    main.cwd = PathResolver.asDirectory(PathResolver.normalize(main.cwd, path));
                }
            }
            case FCHDIR -> {
                FdInfo fd = state.fd();
                if (fd != null) {
                    main.cwd = PathResolver.asDirectory(fd.name);
                }
            }
            case GETCWD -> {
                String path = SyscallState.text(e, 1);
                if (path != null) {
                    main.cwd = PathResolver.asDirectory(path);
                }
            }
            case SETUID -> thread.uid = SyscallState.unsigned(e, 1, thread.uid);
            case SETGID -> thread.gid = SyscallState.unsigned(e, 1, thread.gid);
            case SETRESUID -> thread.uid = SyscallState.unsigned(e, 2, thread.uid);
            case SETRESGID -> thread.gid = SyscallState.unsigned(e, 2, thread.gid);
            case SETSID -> thread.sid = res;
            default -> throw new IllegalStateException("unknown thread attribute event kind " + kind);
        }
    }
}
