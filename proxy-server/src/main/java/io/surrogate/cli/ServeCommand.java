package io.surrogate.cli;

import io.surrogate.catalog.Catalogs;
import io.surrogate.catalog.Policy;
import io.surrogate.catalog.PolicyLoader;
import io.surrogate.catalog.SourceConfig;
import io.surrogate.catalog.TwinMode;
import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code surrogate serve}: the PostgreSQL wire-protocol proxy over the Surrogate engine. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the source over the PostgreSQL protocol, sensitive tables synthetic.")
final class ServeCommand implements Callable<Integer> {

  @Mixin
  SourceOptions options = new SourceOptions();

  @Option(names = "--port", defaultValue = "5433", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one; 5432 is refused).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--auth", paramLabel = "USER:ENV",
      description = "A login whose password is in environment variable ENV (repeatable); stored only as a SCRAM-SHA-256 verifier."
          + " Without any, only trust on a loopback address is allowed.")
  List<String> logins;

  @Option(names = "--auth-secret", paramLabel = "USER=SCRAM-SHA-256$...",
      description = "A login given by its stored PostgreSQL SCRAM-SHA-256 verifier (repeatable).")
  List<String> secrets;

  @Option(names = "--auth-delay", paramLabel = "MS", defaultValue = "200",
      description = "Delay of the answer to a failed login, doubling per further failure from the same address up to 5 s;"
          + " a success or a quiet minute resets it (default: ${DEFAULT-VALUE}; 0 = off).")
  long authDelay;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "TLS certificate chain (with --tls-key).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "TLS private key, PKCS#8 (with --tls-cert).")
  Path tlsKey;

  @Option(names = "--max-connections", defaultValue = "100", description = "Most concurrent sessions (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "0", description = "Close idle sessions after this long (0 = never).")
  long idleTimeout;

  @Option(names = "--statement-timeout", paramLabel = "SECONDS", defaultValue = "0", description = "Cancel statements running longer (0 = no limit).")
  long statementTimeout;

  @Option(names = "--io-threads", paramLabel = "N", description = "Event-loop threads for client sockets (default: half the processors, at least 1).")
  Integer ioThreads;

  @Option(names = "--nio", description = "Use Java NIO sockets even where Netty's native epoll is available.")
  boolean nio;

  @Option(names = "--source-connections", paramLabel = "N", defaultValue = "8", description = "PostgreSQL protocol connections per I/O thread for statements pushed whole into a PostgreSQL source; 0 runs them through the JDBC pool (default: ${DEFAULT-VALUE}).")
  int sourceConnections;

  @Option(names = "--twin", paramLabel = "MODE", description = "embedded: serve from a synthetic twin in an embedded"
      + " PostgreSQL under SURROGATE_HOME (the default for a PostgreSQL source); none: run statements on the Calcite"
      + " engine (the default for other sources). Overrides the policy's twin: key.")
  String twin;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Policy policy = options.policy == null ? Policy.defaults() : PolicyLoader.load(options.policy);
    try (Workspace checked = Workspace.open(options)) {
      // Refuses (42P01) a policy entry that names no source table, or several, before anything is served.
    }
    SourceConfig src = policy.source();
    String url = options.source != null ? options.source : src == null ? null : src.url();
    if (url == null) {
      throw new IllegalArgumentException("no source: pass --source URL or set source.url in the policy");
    }
    ProxyConfig.Builder b = ProxyConfig.builder().bindAddress(bind).port(port).sourceUrl(url)
        .maxConnections(maxConnections)
        .idleTimeout(Duration.ofSeconds(idleTimeout))
        .statementTimeout(Duration.ofSeconds(statementTimeout))
        .authDelay(Duration.ofMillis(authDelay));
    if (ioThreads != null) {
      b.ioThreads(ioThreads);
    }
    b.nativeTransport(!nio);
    b.sourceConnections(sourceConnections);
    if (options.policy != null) {
      b.driverProperty("policy", options.policy.toAbsolutePath().toString());
    }
    b.driverProperty("catalog", options.catalog != null ? options.catalog : Catalogs.defaultUrl());
    String user = options.user != null ? options.user : src == null ? null : src.user();
    String password = options.password(src);
    if (user != null) {
      b.driverProperty("user", user);
    }
    if (password != null) {
      b.driverProperty("password", password);
    }
    String schema = options.schema != null ? options.schema : src == null ? null : src.schema();
    if (schema != null) {
      b.driverProperty("schema", schema);
    }
    addLogins(b);
    if (tlsCert != null || tlsKey != null) {
      if (tlsCert == null || tlsKey == null) {
        throw new IllegalArgumentException("--tls-cert and --tls-key: give both or neither");
      }
      b.tls(tlsCert, tlsKey);
    }
    TwinMode mode = twinMode(policy, url);
    if (mode == TwinMode.EMBEDDED) {
      b.twinHome(Catalogs.home());
    } else if (mode == TwinMode.SERVER) {
      b.twinServer(twin != null ? twin.strip() : policy.twinServer().orElseThrow());
    }
    ProxyConfig config = b.build();
    ProxyServer server = new ProxyServer(config);
    server.start();
    return Serving.untilInterrupted(spec.commandLine().getOut(), server, config, "surrogate");
  }

  private TwinMode twinMode(Policy policy, String url) {
    if (twin != null) {
      TwinMode named = TwinMode.parse(twin);
      if (named == null) {
        throw new IllegalArgumentException("--twin: '" + io.surrogate.catalog.Secrets.maskUrl(twin) + "' (expected:"
            + " embedded, none or jdbc:postgresql://host:port/database?user=...)");
      }
      return named;
    }
    return policy.twinMode(url);
  }

  private void addLogins(ProxyConfig.Builder b) {
    if (logins != null) {
      for (String login : logins) {
        int colon = login.indexOf(':');
        if (colon <= 0 || colon == login.length() - 1) {
          throw new IllegalArgumentException("--auth: '" + login + "' (expected: USER:ENV)");
        }
        String env = login.substring(colon + 1);
        String pw = System.getenv(env);
        if (pw == null || pw.isEmpty()) {
          throw new IllegalArgumentException("--auth: environment variable " + env + " is not set");
        }
        b.user(login.substring(0, colon), pw.toCharArray());
      }
    }
    if (secrets != null) {
      for (String s : secrets) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--auth-secret: expected USER=SCRAM-SHA-256$...");
        }
        b.userSecret(s.substring(0, eq), s.substring(eq + 1));
      }
    }
  }
}
