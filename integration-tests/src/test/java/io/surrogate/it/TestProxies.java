package io.surrogate.it;

import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts the proxy the way end-to-end tests need it: a free port, a policy file and a fresh catalog in a folder. */
public final class TestProxies {
  private TestProxies() {
  }

  /**
   * A started proxy over {@code sourceUrl} (source user {@code user}, or none when null) serving the policy
   * {@code policyYaml}, written with its catalog under {@code dir}.
   */
  public static ProxyServer start(String sourceUrl, String user, String policyYaml, Path dir)
      throws InterruptedException, IOException {
    Path policy = Files.writeString(dir.resolve("surrogate.yaml"), policyYaml, StandardCharsets.UTF_8);
    ProxyConfig.Builder b = ProxyConfig.builder().port(0).sourceUrl(sourceUrl)
        .driverProperty("policy", policy.toString())
        .driverProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
    if (user != null) {
      b.driverProperty("user", user);
    }
    ProxyServer server = new ProxyServer(b.build());
    server.start();
    return server;
  }
}
