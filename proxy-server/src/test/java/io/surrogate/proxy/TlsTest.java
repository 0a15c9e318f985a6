package io.surrogate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSLRequest answered 'S' and the session continuing over TLS when a certificate is configured. */
class TlsTest {

  @Test
  void pgJdbcConnectsOverTls(@TempDir Path dir) throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process p;
    try {
      p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
          "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "openssl not installed: " + e.getMessage());
      return;
    }
    assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(key),
        "openssl could not create a test certificate");
    H2Engine engine = new H2Engine(1);
    try (ProxyServer server = new ProxyServer(ProxyConfig.builder().port(0).tls(cert, key).build(), engine)) {
      int port = server.start();
      Properties props = new Properties();
      props.setProperty("user", "tls");
      props.setProperty("sslmode", "require");
      props.setProperty("socketTimeout", "20");
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/db", props);
          Statement st = c.createStatement()) {
        assertEquals("3", PgJdbcTest.single(st, "select count(*) from items"));
      }
      props.setProperty("sslmode", "disable");
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/db", props);
          Statement st = c.createStatement()) {
        assertEquals("3", PgJdbcTest.single(st, "select count(*) from items"));
      }
    } finally {
      engine.close();
    }
  }
}
