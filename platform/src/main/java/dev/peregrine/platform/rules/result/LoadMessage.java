package dev.peregrine.platform.rules.result;

import java.util.List;

/**
 * One error or warning of a load.
 *
 * @param code    what happened
 * @param message Falco's exact message text
 * @param context location chain, outermost (the file) first
 * @param snippet the line of the innermost location with a caret under it
 */
public record LoadMessage(LoadCode code, String message, List<Location> context, String snippet) {
    public LoadMessage {
        context = List.copyOf(context);
        snippet = snippet == null ? "" : snippet;
    }

    /** True when some location of the chain has this item type and name. */
    public boolean pointsAt(ItemType type, String name) {
        return context.stream().anyMatch(l -> l.itemType() == type && l.itemName().equals(name));
    }
}
