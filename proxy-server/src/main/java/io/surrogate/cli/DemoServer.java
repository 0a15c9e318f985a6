package io.surrogate.cli;

import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Starts the demo's proxy over the same engine the walkthrough used and prints how to connect. */
final class DemoServer {
  private DemoServer() {
  }

  static int serve(PrintWriter out, String surrogateUrl, Properties props, int port, Connection keepAlive)
      throws InterruptedException, SQLException {
    ProxyConfig.Builder b = ProxyConfig.builder().port(port).sourceUrl(DemoCommand.SOURCE_URL);
    for (String key : props.stringPropertyNames()) {
      b.driverProperty(key, props.getProperty(key));
    }
    ProxyConfig config = b.build();
    ProxyServer server = new ProxyServer(config);
    server.start();
    out.println("7. Serving the demo over the PostgreSQL protocol");
    out.println("  In a JVM app:  DriverManager.getConnection(\"" + surrogateUrl + "\", props) with policy="
        + props.getProperty("policy") + " and catalog=" + props.getProperty("catalog"));
    try {
      // the in-memory demo source lives as long as this connection
      return Serving.untilInterrupted(out, server, config, "surrogate");
    } finally {
      keepAlive.close();
    }
  }
}
