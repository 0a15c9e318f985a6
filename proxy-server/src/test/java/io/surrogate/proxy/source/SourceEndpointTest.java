package io.surrogate.proxy.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Where and how the proxy logs in to a source, and when it stays on the JDBC path. */
class SourceEndpointTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void hostPortDatabaseAndLoginComeFromTheUrlAndProperties() {
    SourceEndpoint e = SourceEndpoint.of("jdbc:postgresql://127.0.0.1:5433/app",
        props("user", "alice", "password", "s3cret"));
    assertEquals(new SourceEndpoint("127.0.0.1", 5433, "app", "alice", "s3cret"), e);
    // As in pgJDBC, which the engine's own pool uses, a URL parameter wins over a property.
    assertEquals("url_user", SourceEndpoint.of("jdbc:postgresql://127.0.0.1/app?user=url_user",
        props("user", "alice")).user());
    assertFalse(e.toString().contains("s3cret"), "the password never shows");
    SourceEndpoint defaults = SourceEndpoint.of("jdbc:postgresql://localhost/app?user=bob", new Properties());
    assertEquals(5432, defaults.port());
    assertEquals("bob", defaults.user());
  }

  @Test
  void clearTextIsUsedOnlyWhereTlsIsOffOrTheHostIsLocal() {
    assertEquals("db.example.com", SourceEndpoint.of("jdbc:postgresql://db.example.com/app?sslmode=disable",
        props("user", "u")).host());
    IllegalArgumentException remote = assertThrows(IllegalArgumentException.class,
        () -> SourceEndpoint.of("jdbc:postgresql://db.example.com/app", props("user", "u")));
    assertTrue(remote.getMessage().contains("TLS"), remote.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SourceEndpoint.of("jdbc:postgresql://127.0.0.1/app?sslmode=require", props("user", "u")));
  }

  @Test
  void otherSourcesAndShapesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SourceEndpoint.of("jdbc:h2:mem:x", props("user", "u")));
    assertThrows(IllegalArgumentException.class,
        () -> SourceEndpoint.of("jdbc:postgresql://127.0.0.1,127.0.0.2/app", props("user", "u")));
    assertThrows(IllegalArgumentException.class,
        () -> SourceEndpoint.of("jdbc:postgresql://127.0.0.1/app?options=-c%20search_path%3Dx", props("user", "u")));
  }
}
