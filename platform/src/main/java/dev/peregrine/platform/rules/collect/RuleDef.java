package dev.peregrine.platform.rules.collect;

import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.rules.result.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** A collected rule: its state after every define, append, override and toggle so far. */
public final class RuleDef {

    private final String name;
    private final Context context;
    String condition;
    Context conditionContext;
    String output;
    Context outputContext;
    String desc;
    Priority priority;
    String source;
    SortedSet<String> tags = new TreeSet<>();
    List<RuleException> exceptions = new ArrayList<>();
    boolean enabled = true;
    boolean warnEvttypes = true;
    boolean skipIfUnknownFilter;
    boolean capture;
    long captureDuration;
    boolean unknownSource;
    private int index;
    private int visibility;

    public RuleDef(String name, Context context) {
        this.name = name;
        this.context = context;
    }

    public String name() {
        return name;
    }

    public Context context() {
        return context;
    }

    public String condition() {
        return condition;
    }

    public Context conditionContext() {
        return conditionContext;
    }

    public String output() {
        return output;
    }

    public Context outputContext() {
        return outputContext;
    }

    public String desc() {
        return desc;
    }

    public Priority priority() {
        return priority;
    }

    public String source() {
        return source;
    }

    public Set<String> tags() {
        return java.util.Collections.unmodifiableSortedSet(tags);
    }

    public List<RuleException> exceptions() {
        return List.copyOf(exceptions);
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean warnEvttypes() {
        return warnEvttypes;
    }

    public boolean skipIfUnknownFilter() {
        return skipIfUnknownFilter;
    }

    public boolean capture() {
        return capture;
    }

    public long captureDuration() {
        return captureDuration;
    }

    /** True when the rule's source was not registered when it was defined; it is never compiled. */
    public boolean unknownSource() {
        return unknownSource;
    }

    public int index() {
        return index;
    }

    public int visibility() {
        return visibility;
    }

    void place(int index, int visibility) {
        this.index = index;
        this.visibility = visibility;
    }

    void touch(int visibility) {
        this.visibility = visibility;
    }
}
