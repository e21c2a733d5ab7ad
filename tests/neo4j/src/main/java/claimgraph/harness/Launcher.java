package claimgraph.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A real Neo4j Community server for tests on machines without Docker: the embedded DBMS with its
 * Bolt connector open on 127.0.0.1, no TLS and no auth, exactly what the Python driver talks to
 * in production.
 *
 * <p>Usage: {@code Launcher <dataDir> <port> [--exit-on-stdin-close] [--conf key=value]...}.
 * Port 0 picks a free one. Prints {@code NEO4J_READY bolt://127.0.0.1:PORT} once the default
 * database answers, and shuts the DBMS down cleanly (checkpoint, store files closed) on SIGTERM,
 * SIGINT, or, with {@code --exit-on-stdin-close}, when its parent closes stdin (so a crashed test
 * run never leaves a server behind). The same data dir can be started again after a stop.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Launcher <dataDir> <port> [--exit-on-stdin-close] [--conf key=value]...");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        boolean watchStdin = false;
        Map<String, String> raw = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--exit-on-stdin-close")) {
                watchStdin = true;
            } else if (args[i].equals("--conf") && i + 1 < args.length) {
                String kv = args[++i];
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--conf expects key=value, got " + kv);
                }
                raw.put(kv.substring(0, eq), kv.substring(eq + 1));
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (port == 0) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        }

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(dataDir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Never call home: tests reach nothing but this machine.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                // Tests stop and restart servers often: don't idle 5 s per Netty event loop
                // after the databases are already checkpointed and closed.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout,
                        Duration.ofSeconds(5));
        if (!raw.isEmpty()) {
            // Extra settings (fault tests: timeouts, memory limits) go through a properties file,
            // the builder's only way to take settings by their neo4j.conf names.
            Path conf = Files.createTempFile("claimgraph-neo4j", ".conf");
            Properties props = new Properties();
            props.putAll(raw);
            try (Writer w = Files.newBufferedWriter(conf)) {
                props.store(w, "claimgraph harness extra settings");
            }
            builder.loadPropertiesFromFile(conf);
            Files.deleteIfExists(conf);
        }
        DatabaseManagementService dbms = builder.build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                System.out.println("NEO4J_STOPPED");
                System.out.flush();
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofSeconds(120).toMillis())) {
            System.err.println("NEO4J_FAILED database did not become available");
            System.exit(1);
        }
        db.executeTransactionally("RETURN 1");
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                InputStream in = System.in;
                byte[] buf = new byte[256];
                try {
                    while (in.read(buf) >= 0) {
                        // Ignore input; only EOF matters.
                    }
                } catch (IOException ignored) {
                    // Treat a broken stdin like EOF.
                }
                System.exit(0);
            }, "stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        // The shutdown hook does the work; keep main alive until it has.
        while (!stopped.await(1, TimeUnit.HOURS)) {
            // wait
        }
    }
}
