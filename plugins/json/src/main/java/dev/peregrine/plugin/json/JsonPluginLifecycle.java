package dev.peregrine.plugin.json;

import org.pf4j.Plugin;

/** PF4J's entry class for the json plugin jar; the extension does all the work. */
public final class JsonPluginLifecycle extends Plugin {
}
