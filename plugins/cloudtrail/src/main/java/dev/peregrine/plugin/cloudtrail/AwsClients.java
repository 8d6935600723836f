package dev.peregrine.plugin.cloudtrail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds AWS clients the way upstream loads its AWS configuration: the SDK's default chains
 * (environment, shared config and credentials files, web identity, instance metadata...), with
 * the profile, region and file paths of {@code init_config} taking precedence. A profile's
 * {@code endpoint_url} is honoured.
 */
final class AwsClients {

    private final CloudTrailConfig config;

    AwsClients(CloudTrailConfig config) {
        this.config = config;
    }

    /** A new S3 client. */
    S3Client s3() {
        return withPluginClassLoader(() ->
                configure(S3Client.builder().httpClient(UrlConnectionHttpClient.create()), "s3").build());
    }

    /** A new SQS client. */
    SqsClient sqs() {
        return withPluginClassLoader(() ->
                configure(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()), "sqs").build());
    }

    /**
     * Runs {@code build} with this plugin's class loader as the context class loader: the SDK looks
     * up its interceptors and providers there, and under the host it would be the host's loader,
     * which does not see the SDK bundled in the plugin jar.
     */
    private static <T> T withPluginClassLoader(Supplier<T> build) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AwsClients.class.getClassLoader());
        try {
            return build.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String service) {
        ProfileFile profiles = profileFile();
        String profileName = config.awsProfile().isEmpty()
                ? ProfileFileSystemSetting.AWS_PROFILE.getStringValueOrThrow()
                : config.awsProfile();
        builder.credentialsProvider(DefaultCredentialsProvider.builder()
                .profileFile(() -> profiles).profileName(profileName).build());
        builder.overrideConfiguration(o -> o.defaultProfileFile(profiles).defaultProfileName(profileName));
        builder.region(config.awsRegion().isEmpty()
                ? DefaultAwsRegionProviderChain.builder().profileFile(() -> profiles).profileName(profileName).build().getRegion()
                : Region.of(config.awsRegion()));
        endpoint(profiles, profileName, service).ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder;
    }

    /**
     * The profile's endpoint for {@code service}: {@code <service>.endpoint_url} of its
     * {@code services} section, else its global {@code endpoint_url}.
     */
    private static Optional<String> endpoint(ProfileFile profiles, String profileName, String service) {
        Optional<Profile> profile = profiles.profile(profileName);
        Optional<String> specific = profile.flatMap(p -> p.property("services"))
                .flatMap(section -> profiles.getSection("services", section))
                .flatMap(section -> section.property(service + ".endpoint_url"));
        return specific.isPresent() ? specific : profile.flatMap(p -> p.property("endpoint_url"));
    }

    /** The shared config and credentials files, each from init_config or its default location. */
    private ProfileFile profileFile() {
        ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
        Optional<Path> configFile = config.awsConfigFile().isEmpty()
                ? ProfileFileLocation.configurationFileLocation()
                : Optional.of(Path.of(config.awsConfigFile()));
        Optional<Path> credentialsFile = config.awsCredentialsFile().isEmpty()
                ? ProfileFileLocation.credentialsFileLocation()
                : Optional.of(Path.of(config.awsCredentialsFile()));
        // Missing files are ignored, as upstream's SDK ignores shared files that do not exist.
        configFile.filter(Files::isRegularFile).ifPresent(path ->
                aggregator.addFile(ProfileFile.builder().content(path).type(ProfileFile.Type.CONFIGURATION).build()));
        credentialsFile.filter(Files::isRegularFile).ifPresent(path ->
                aggregator.addFile(ProfileFile.builder().content(path).type(ProfileFile.Type.CREDENTIALS).build()));
        return aggregator.build();
    }
}
