package dev.peregrine.platform.rules.collect;

import dev.peregrine.platform.rules.result.Context;

/** A collected macro: its condition text after every define and append so far. */
public final class MacroDef {

    private final String name;
    private String condition;
    private final Context context;
    private final Context conditionContext;
    private int index;
    private int visibility;

    public MacroDef(String name, String condition, Context context, Context conditionContext) {
        this.name = name;
        this.condition = condition;
        this.context = context;
        this.conditionContext = conditionContext;
    }

    public String name() {
        return name;
    }

    public String condition() {
        return condition;
    }

    public Context context() {
        return context;
    }

    public Context conditionContext() {
        return conditionContext;
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

    void append(String more, int visibility) {
        condition = condition + " " + more;
        this.visibility = visibility;
    }
}
