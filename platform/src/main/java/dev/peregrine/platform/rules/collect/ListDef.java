package dev.peregrine.platform.rules.collect;

import dev.peregrine.platform.rules.result.Context;
import java.util.ArrayList;
import java.util.List;

/** A collected list: its raw items after every define and append so far. */
public final class ListDef {

    private final String name;
    private final List<String> items;
    private final Context context;
    private int index;
    private int visibility;

    public ListDef(String name, List<String> items, Context context) {
        this.name = name;
        this.items = new ArrayList<>(items);
        this.context = context;
    }

    public String name() {
        return name;
    }

    public List<String> items() {
        return List.copyOf(items);
    }

    public Context context() {
        return context;
    }

    /** Counter value at first definition. */
    public int index() {
        return index;
    }

    /** Counter value at the latest define or append. */
    public int visibility() {
        return visibility;
    }

    void place(int index, int visibility) {
        this.index = index;
        this.visibility = visibility;
    }

    void append(List<String> more, int visibility) {
        items.addAll(more);
        this.visibility = visibility;
    }
}
