package dev.peregrine.plugin.syscall.field;

import dev.peregrine.plugin.syscall.capture.UserEntry;
import dev.peregrine.plugin.syscall.state.ThreadInfo;

/** The {@code user.*} and {@code group.*} fields ({@code syscall-state.md} §7). */
final class UserFields {

    /** The extractor of {@code name}, or null when it is not implemented. */
    StateExtractor bind(String name) {
        return switch (name) {
            case "user.uid" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                out.addLong(t.uid());
                return true;
            };
            case "user.name" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                out.addString(s.users().userName(t.uid()));
                return true;
            };
            case "user.homedir" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                UserEntry user = s.users().user(t.uid());
                out.addString(user != null ? user.homeDirectory() : t.uid() == 0 ? "/root" : ThreadInfo.NA);
                return true;
            };
            case "user.shell" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                UserEntry user = s.users().user(t.uid());
                out.addString(user != null ? user.shell() : ThreadInfo.NA);
                return true;
            };
            case "user.loginuid" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                out.addLong(t.loginUid() == ThreadInfo.NO_ID ? -1 : t.loginUid());
                return true;
            };
            case "user.loginname" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                out.addString(t.loginUid() == ThreadInfo.NO_ID ? ThreadInfo.NA : s.users().userName(t.loginUid()));
                return true;
            };
            case "group.gid" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                out.addLong(t.gid());
                return true;
            };
            case "group.name" -> (s, out) -> {
                ThreadInfo t = s.thread();
                if (t == null) {
                    return false;
                }
                out.addString(s.users().groupNameOrDefault(t.gid()));
                return true;
            };
            default -> null;
        };
    }
}
