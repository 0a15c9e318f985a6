package io.surrogate.it.multi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.bench.ChinookDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chinook at ε = 1 through the driver: integrity holds whatever the noise, cardinalities and the country join are
 * reported, with looser floors (59 customers and 412 invoices leave little signal at ε = 1 per table).
 */
class ChinookFiniteEpsilonIT extends ChinookChecks {
  static final String SOURCE = "jdbc:h2:mem:chinook_eps1_it;DB_CLOSE_DELAY=-1";
  @TempDir
  static Path dir;
  private static Connection keepAlive;
  private static Properties props;

  @BeforeAll
  static void load() throws Exception {
    assumeTrue(ChinookDatabase.present(), "shared datasets absent (" + ChinookDatabase.folder().toAbsolutePath()
        + "): Chinook tests skipped");
    Path folder = ChinookDatabase.folder();
    keepAlive = DriverManager.getConnection(SOURCE);
    ChinookDatabase.load(keepAlive, folder);
    props = ChinookDriverIT.properties(dir, "1.0", "cart", "catalog");
  }

  @AfterAll
  static void close() throws Exception {
    if (keepAlive != null) {
      keepAlive.close();
    }
  }

  @Override
  double minimumCardinalitySimilarity() {
    return 0.5;
  }

  @Override
  double maximumCountryDistance() {
    return 0.8;
  }

  @Override
  Connection synthetic() throws SQLException {
    return DriverManager.getConnection("jdbc:surrogate:" + SOURCE.substring("jdbc:".length()), props);
  }

  @Override
  Connection real() throws SQLException {
    return DriverManager.getConnection(SOURCE);
  }
}
