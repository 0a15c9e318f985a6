package io.surrogate.cli;

import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The demo's proxy: it serves the demo source's synthetic twin, an embedded PostgreSQL under the demo's home. */
final class DemoServer {
  private DemoServer() {
  }

  /** The proxy configuration: the demo source, its policy and catalog ({@code props}), the twin under {@code home}. */
  static ProxyConfig config(int port, Properties props, Path home) {
    ProxyConfig.Builder b = ProxyConfig.builder().port(port).sourceUrl(DemoCommand.SOURCE_URL);
    for (String key : props.stringPropertyNames()) {
      b.driverProperty(key, props.getProperty(key));
    }
    try {
      return b.twinHome(Files.createDirectories(home.resolve("twin"))).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the twin and starts the proxy on {@code port} (0: a free one). */
  static ProxyServer start(int port, Properties props, Path home) throws Exception {
    ProxyServer server = new ProxyServer(config(port, props, home));
    server.start();
    return server;
  }
}
