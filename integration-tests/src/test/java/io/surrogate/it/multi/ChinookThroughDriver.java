package io.surrogate.it.multi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.bench.ChinookDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Chinook in an embedded H2 database of its own, synthetic tables served through {@code jdbc:surrogate:} (CART). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChinookThroughDriver extends ChinookChecks {
  /** Per-class temporary folder: {@code @TempDir} fields are not yet set when a per-class {@code @BeforeAll} runs. */
  Path dir;
  String source;
  Properties props;
  private Connection keepAlive;

  /** The ε of every synthetic table, as the policy spells it. */
  abstract String epsilon();

  @BeforeAll
  void load() throws Exception {
    assumeTrue(ChinookDatabase.present(), "shared datasets absent (" + ChinookDatabase.folder().toAbsolutePath()
        + "): Chinook tests skipped");
    dir = Files.createTempDirectory("surrogate-chinook");
    source = "jdbc:h2:mem:" + getClass().getSimpleName().toLowerCase(Locale.ROOT) + ";DB_CLOSE_DELAY=-1";
    keepAlive = DriverManager.getConnection(source);
    ChinookDatabase.load(keepAlive, ChinookDatabase.folder());
    Path policy = Files.writeString(dir.resolve("chinook.yaml"), ChinookDatabase.policy(epsilon(), "cart"),
        StandardCharsets.UTF_8);
    props = new Properties();
    props.setProperty("policy", policy.toString());
    props.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
  }

  @AfterAll
  void close() throws Exception {
    if (keepAlive != null) {
      keepAlive.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  @Override
  Connection synthetic() throws SQLException {
    return DriverManager.getConnection("jdbc:surrogate:" + source.substring("jdbc:".length()), props);
  }

  @Override
  Connection real() throws SQLException {
    return DriverManager.getConnection(source);
  }
}
