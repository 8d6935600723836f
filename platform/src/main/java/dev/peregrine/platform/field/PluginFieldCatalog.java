package dev.peregrine.platform.field;

import dev.peregrine.api.EventTypeCatalog;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.PluginException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one event source: those of every extractor attached to it. Resolution picks the
 * longest declared name that prefixes the reference and checks the argument with libsinsp's
 * messages; binding goes to the owning extractor once per distinct reference.
 */
public final class PluginFieldCatalog implements FieldCatalog {

    private record Owned(FieldSpec spec, FieldProvider provider) {
    }

    private final String source;
    private final List<FieldProvider> providers;
    private final Optional<EventTypeCatalog> eventTypes;
    private final Map<String, Owned> byName = new HashMap<>();
    private final Map<String, ResolvedField> bound = new HashMap<>();
    /** Every guard of this catalogue and of its worker copies, so failures are reported once per run. */
    private final List<GuardedFieldHandle> guards;

    public PluginFieldCatalog(String source, List<FieldProvider> providers, Optional<EventTypeCatalog> eventTypes) {
        this.source = source;
        this.providers = List.copyOf(providers);
        this.eventTypes = eventTypes == null ? Optional.empty() : eventTypes;
        this.guards = new ArrayList<>();
        for (FieldProvider provider : this.providers) {
            for (FieldSpec spec : provider.fields()) {
                byName.putIfAbsent(spec.name(), new Owned(spec, provider));
            }
        }
    }

    /** A worker copy: same fields, own bindings, failures collected with {@code parent}'s. */
    private PluginFieldCatalog(PluginFieldCatalog parent) {
        this.source = parent.source;
        this.providers = parent.providers;
        this.eventTypes = parent.eventTypes;
        this.guards = parent.guards;
        this.byName.putAll(parent.byName);
    }

    /** Binds every field again through the plugins, so the worker's handles are its own. */
    @Override
    public PluginFieldCatalog forWorker() {
        return new PluginFieldCatalog(this);
    }

    @Override
    public String source() {
        return source;
    }

    /** The attached extractors, in listing order. */
    public List<FieldProvider> providers() {
        return providers;
    }

    @Override
    public synchronized ResolvedField resolve(String name, String argument) throws FieldResolutionException {
        String cacheKey = argument == null ? name : name + "[" + argument + "]";
        ResolvedField cached = bound.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        Owned owned = byName.get(name);
        String effectiveArgument = argument;
        if (owned == null) {
            // A longer reference such as evt.arg.fd: the rest is the key argument of a keyed field.
            int dot = name.lastIndexOf('.');
            while (dot > 0 && owned == null) {
                Owned candidate = byName.get(name.substring(0, dot));
                if (candidate != null) {
                    if (argument != null || !takesKey(candidate.spec())) {
                        break;
                    }
                    owned = candidate;
                    effectiveArgument = name.substring(dot + 1);
                }
                dot = name.lastIndexOf('.', dot - 1);
            }
        }
        if (owned == null) {
            throw new FieldResolutionException("filter_check called with nonexistent field " + name);
        }
        FieldArgument parsed = checkArgument(owned.spec(), cacheKey, effectiveArgument);
        FieldHandle handle;
        try {
            handle = owned.provider().binder().bind(owned.spec(), parsed);
        } catch (PluginException e) {
            throw new FieldResolutionException(e.getMessage());
        } catch (RuntimeException e) {
            throw new FieldResolutionException("plugin '" + owned.provider().name() + "' failed to bind field "
                    + cacheKey + ": " + e);
        }
        if (handle == null) {
            throw new FieldResolutionException("plugin '" + owned.provider().name() + "' could not bind field " + cacheKey);
        }
        GuardedFieldHandle guarded = new GuardedFieldHandle(handle, cacheKey, owned.provider().name());
        synchronized (guards) {
            guards.add(guarded);
        }
        FieldSpec spec = owned.spec();
        // a dynamic field whose argument fixes the type (evt.rawarg.NAME) compares and prints as that type
        FieldType boundType = spec.type() == FieldType.DYNAMIC ? handle.boundType() : null;
        if (boundType != null) {
            spec = spec.withType(boundType);
        }
        ResolvedField resolved = new ResolvedField(cacheKey, spec, parsed, guarded, owned.provider().name());
        bound.put(cacheKey, resolved);
        return resolved;
    }

    private static boolean takesKey(FieldSpec spec) {
        return spec.argument() == FieldArgumentKind.KEY || spec.argument() == FieldArgumentKind.INDEX_OR_KEY;
    }

    /** libsinsp's argument checks of a plugin field (plugin_filtercheck.cpp), with its messages. */
    static FieldArgument checkArgument(FieldSpec spec, String text, String argument) throws FieldResolutionException {
        String field = spec.name();
        if (argument == null) {
            if (spec.argumentRequired()) {
                throw new FieldResolutionException("filter '" + text + "': " + field + " requires an argument but none provided");
            }
            return FieldArgument.none();
        }
        if (spec.argument() == FieldArgumentKind.NONE) {
            throw new FieldResolutionException("filter '" + text + "': " + field
                    + " does not allow nor require an argument but one is provided: " + argument);
        }
        if (spec.argument() == FieldArgumentKind.INDEX) {
            String problem = null;
            if (argument.isEmpty() || (argument.length() > 1 && argument.charAt(0) == '0')) {
                problem = " has an invalid index argument starting with 0: ";
            }
            for (int i = 0; i < argument.length(); i++) {
                if (argument.charAt(i) < '0' || argument.charAt(i) > '9') {
                    problem = " has an invalid index argument not composed only by digits: ";
                    break;
                }
            }
            if (problem == null && !fitsUnsigned64(argument)) {
                problem = " has an invalid index argument not representable on 64 bit: ";
            }
            if (problem != null) {
                throw new FieldResolutionException("filter " + text + " " + field + problem + argument);
            }
        }
        return FieldArgument.of(argument);
    }

    private static boolean fitsUnsigned64(String digits) {
        return digits.length() < 20 || (digits.length() == 20 && digits.compareTo("18446744073709551615") <= 0);
    }

    /**
     * Fields whose extraction threw, with counts summed over the worker copies' bindings of the same
     * reference; empty when every extraction behaved.
     */
    public List<ExtractionFailure> extractionFailures() {
        Map<String, ExtractionFailure> byField = new LinkedHashMap<>();
        synchronized (guards) {
            for (GuardedFieldHandle guard : guards) {
                ExtractionFailure failure = guard.failure();
                if (failure != null) {
                    byField.merge(failure.provider() + "\0" + failure.field(), failure, (a, b) ->
                            new ExtractionFailure(a.provider(), a.field(), a.count() + b.count(), a.first()));
                }
            }
        }
        return new ArrayList<>(byField.values());
    }

    @Override
    public boolean knows(String name) {
        if (byName.containsKey(name)) {
            return true;
        }
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            Owned candidate = byName.get(name.substring(0, dot));
            if (candidate != null) {
                return takesKey(candidate.spec());
            }
        }
        return false;
    }

    @Override
    public List<FieldSpec> fields() {
        List<FieldSpec> all = new ArrayList<>();
        providers.forEach(p -> all.addAll(p.fields()));
        return all;
    }

    @Override
    public Optional<EventTypeCatalog> eventTypes() {
        return eventTypes;
    }
}
