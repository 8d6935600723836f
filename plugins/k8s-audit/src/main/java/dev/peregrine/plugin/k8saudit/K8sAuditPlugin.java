package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginContext;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.api.PluginInstance;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The {@code k8saudit} plugin (upstream 0.18.0): sources Kubernetes audit events of the
 * {@code k8s_audit} event source and extracts the {@code ka.*} fields from them.
 */
@Extension
public final class K8sAuditPlugin implements FalcoPlugin {

    /** Plugin name. */
    public static final String NAME = "k8saudit";
    /** Version of the upstream plugin whose behaviour this one reproduces. */
    public static final String VERSION = "0.18.0";
    /** Registry id of the plugin. */
    public static final int ID = 1;
    /** Event source name. */
    public static final String EVENT_SOURCE = "k8s_audit";

    private final PluginInfo info = PluginInfo.source(NAME, VERSION,
            "Read Kubernetes Audit Events and monitor Kubernetes Clusters",
            "github.com/falcosecurity/plugins", ID, EVENT_SOURCE);

    @Override
    public PluginInfo info() {
        return info;
    }

    @Override
    public List<FieldSpec> fields() {
        return K8sAuditFields.ALL;
    }

    @Override
    public Optional<String> initSchema() {
        return Optional.of(K8sAuditConfig.SCHEMA);
    }

    @Override
    public PluginInstance init(PluginContext context, String initConfig) throws PluginException {
        K8sAuditConfig config = K8sAuditConfig.parse(initConfig == null ? "" : initConfig);
        return new K8sAuditInstance(config, ClientAuth.load(config), context == null ? null : context.logger());
    }
}
