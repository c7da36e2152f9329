package achyk.opensearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single OpenSearch 2.19 node for Achyk's tests, run straight from the jars on the
 * classpath (no distribution tarball, no Docker). Started by scripts/opensearch-test-node.
 *
 * <p>Arguments are node settings as {@code key=value}; they override the defaults below.
 * {@code path.home} is required. Logs go to stdout/stderr (the script redirects them to a
 * file). SIGTERM closes the node cleanly.
 *
 * <p>Going through {@link Node} rather than {@code org.opensearch.bootstrap.OpenSearch}
 * skips the bootstrap that refuses to run as root, installs the security manager and needs
 * a full distribution layout (config/jvm.options, modules/, bin/); the node's own bootstrap
 * checks are not enforced because it is single-node and bound to loopback.
 */
public final class Launcher {

    /** The modules a distribution would load from modules/, given as classpath plugins. */
    private static final List<Class<? extends Plugin>> PLUGINS = Arrays.asList(
        Netty4Plugin.class,         // HTTP and transport (transport-netty4-client)
        CommonAnalysisPlugin.class, // stemmer/snowball, mapping, asciifolding... (analysis-common)
        PainlessPlugin.class,       // scripts (lang-painless)
        MapperExtrasPlugin.class,   // rank_feature, scaled_float, search_as_you_type... (mapper-extras)
        ReindexPlugin.class         // _reindex, _update_by_query, _delete_by_query (reindex)
    );

    private static final class TestNode extends Node {
        TestNode(Environment env, Collection<Class<? extends Plugin>> plugins) {
            super(env, plugins, true);
        }

        /**
         * The default registers a listener that feeds node/cluster ids into log4j's
         * pattern converters, which only exist with the distribution's logging config.
         */
        @Override
        protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {}
    }

    /**
     * Log4j keeps the context of a class loader only through a weak reference: configured
     * the way OpenSearch's LogConfigurator.configureWithoutConfig does it, an early GC (as
     * with -Xms512m) drops that context and log4j falls back to its ERROR-only default, so
     * the node logs nothing. A strong reference keeps this configuration alive.
     */
    private static LoggerContext loggerContext;

    /** Everything to stdout (the script sends it to node.log), at the given root level. */
    private static void configureLogging(Level level) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setStatusLevel(Level.ERROR);
        b.add(b.newAppender("console", "Console")
            .addAttribute("target", "SYSTEM_OUT")
            .add(b.newLayout("PatternLayout").addAttribute("pattern", "[%d{ISO8601}][%-5p][%c{1.}] %m%n")));
        b.add(b.newRootLogger(level).add(b.newAppenderRef("console")));
        loggerContext = Configurator.initialize(b.build());
    }

    public static void main(String[] args) throws Exception {
        // Netty must not try to set its processor count itself: OpenSearch sets it, and a
        // second attempt fails with "availableProcessors is already set".
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
        // As OpenSearch's own bootstrap does: our shutdown hook closes the node and logs
        // while doing so, so log4j must not stop itself first; no JMX beans needed.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");

        Settings.Builder builder = Settings.builder()
            .put("cluster.name", "achyk-test")
            .put("node.name", "achyk-test-node")
            .put("discovery.type", "single-node")             // no cluster formation, no bootstrap checks
            .put("network.host", "127.0.0.1")                 // loopback only
            .put("cluster.routing.allocation.disk.threshold_enabled", false) // no read-only on a full CI disk
            .put("indices.breaker.total.use_real_memory", false) // no spurious 429s with a small heap
            .put("action.destructive_requires_name", false)   // tests may delete by wildcard
            .put("logger.level", "INFO");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got: " + arg);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        String home = settings.get("path.home");
        if (home == null) {
            throw new IllegalArgumentException("path.home=... is required");
        }
        Path configDir = Paths.get(home, "config");
        Files.createDirectories(configDir);

        configureLogging(Level.toLevel(settings.get("logger.level"), Level.INFO));
        try {
            run(settings, configDir);
        } catch (Throwable t) {
            // Fail fast instead of leaving a half-started JVM for the script to time out on.
            org.apache.logging.log4j.LogManager.getLogger(Launcher.class).fatal("node failed to start", t);
            System.exit(1);
        }
    }

    private static void run(Settings settings, Path configDir) throws Exception {
        String home = settings.get("path.home");
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), configDir, () -> "achyk-test-node");
        Node node = new TestNode(env, PLUGINS);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "achyk-test-node-shutdown"));

        node.start();

        // One node: indexes without replicas, so health is green, not yellow. The create
        // index service reads this default from the cluster state's settings only, not
        // from node settings, hence a persistent cluster setting.
        node.client().admin().cluster().prepareUpdateSettings()
            .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
            .get();
        // Tells scripts/opensearch-test-node that the node is fully set up.
        Files.writeString(Paths.get(home, "ready"), "ready\n");
        // All of OpenSearch's threads are daemons: keep main alive until shutdown.
        stopped.await();
    }
}
