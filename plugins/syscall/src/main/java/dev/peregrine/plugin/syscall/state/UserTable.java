package dev.peregrine.plugin.syscall.state;

import dev.peregrine.plugin.syscall.capture.GroupEntry;
import dev.peregrine.plugin.syscall.capture.UserEntry;
import java.util.List;

/** The host's users and groups (capture user-list block); container tables arrive with meta events. */
public final class UserTable {

    private final LongMap<UserEntry> users = new LongMap<>();
    private final LongMap<String> groups = new LongMap<>();

    UserTable(List<UserEntry> users, List<GroupEntry> groups) {
        users.forEach(u -> this.users.put(u.uid(), u));
        groups.forEach(g -> this.groups.put(g.gid(), g.name()));
    }

    /** The user of {@code uid}, or null. */
    public UserEntry user(long uid) {
        return users.get(uid);
    }

    /** The name of {@code gid}, or null. */
    public String groupName(long gid) {
        return groups.get(gid);
    }

    /** {@code user.name} rules: the table's name, {@code root} for an unnamed uid 0, else {@code <NA>}. */
    public String userName(long uid) {
        UserEntry user = users.get(uid);
        if (user != null && !user.name().isEmpty()) {
            return user.name();
        }
        return uid == 0 ? "root" : ThreadInfo.NA;
    }

    /** {@code group.name} rules, as {@link #userName}. */
    public String groupNameOrDefault(long gid) {
        String name = groups.get(gid);
        if (name != null && !name.isEmpty()) {
            return name;
        }
        return gid == 0 ? "root" : ThreadInfo.NA;
    }
}
