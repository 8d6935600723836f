package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginContext;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.api.PluginInstance;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The {@code cloudtrail} plugin (upstream 0.17.1): sources AWS CloudTrail records of the
 * {@code aws_cloudtrail} event source and extracts the {@code ct.*}, {@code s3.*}, {@code ec2.*},
 * {@code ecr.*} and {@code iam.*} fields from them.
 */
@Extension
public final class CloudTrailPlugin implements FalcoPlugin {

    /** Plugin name. */
    public static final String NAME = "cloudtrail";
    /** Version of the upstream plugin whose behaviour this one reproduces. */
    public static final String VERSION = "0.17.1";
    /** Registry id of the plugin. */
    public static final int ID = 2;
    /** Event source name. */
    public static final String EVENT_SOURCE = "aws_cloudtrail";

    private final PluginInfo info = PluginInfo.source(NAME, VERSION,
            "reads cloudtrail JSON data saved to file in the directory specified in the settings",
            "github.com/falcosecurity/plugins/", ID, EVENT_SOURCE);

    @Override
    public PluginInfo info() {
        return info;
    }

    @Override
    public List<FieldSpec> fields() {
        return CloudTrailFields.ALL;
    }

    @Override
    public Optional<String> initSchema() {
        return Optional.of(CloudTrailConfig.SCHEMA);
    }

    @Override
    public PluginInstance init(PluginContext context, String initConfig) {
        return new CloudTrailInstance(CloudTrailConfig.parse(initConfig == null ? "" : initConfig));
    }
}
