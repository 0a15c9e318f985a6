package io.surrogate.it.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.bench.ChinookDatabase;
import io.surrogate.catalog.Catalog;
import io.surrogate.catalog.Catalogs;
import io.surrogate.catalog.LedgerEntry;
import io.surrogate.catalog.SourceIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chinook in embedded H2, synthetic tables served through {@code jdbc:surrogate:} at ε = ∞ (CART). */
class ChinookDriverIT extends ChinookChecks {
  static final String SOURCE = "jdbc:h2:mem:chinook_driver_it;DB_CLOSE_DELAY=-1";
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
    props = properties(dir, "inf", "cart", "catalog");
  }

  static Properties properties(Path dir, String epsilon, String generator, String catalog) throws Exception {
    Path policy = Files.writeString(dir.resolve(catalog + ".yaml"), ChinookDatabase.policy(epsilon, generator),
        StandardCharsets.UTF_8);
    Properties p = new Properties();
    p.setProperty("policy", policy.toString());
    p.setProperty("catalog", "jdbc:h2:file:" + dir.resolve(catalog).toAbsolutePath());
    return p;
  }

  @AfterAll
  static void close() throws Exception {
    if (keepAlive != null) {
      keepAlive.close();
    }
  }

  @Override
  Connection synthetic() throws SQLException {
    return DriverManager.getConnection("jdbc:surrogate:" + SOURCE.substring("jdbc:".length()), props);
  }

  @Override
  Connection real() throws SQLException {
    return DriverManager.getConnection(SOURCE);
  }

  @Test
  void ledgerRecordsTheParentAsPrivacyUnit() throws Exception {
    try (Connection c = synthetic()) {
      single(c, "SELECT COUNT(*) FROM InvoiceLine");
    }
    try (Catalog catalog = Catalogs.open(props.getProperty("catalog"), null, null)) {
      String source = SourceIds.of(SOURCE);
      List<LedgerEntry> invoice = catalog.ledger(source, "Invoice");
      assertEquals(1, invoice.size());
      assertEquals("parent:CUSTOMER (max 20 rows)", invoice.get(0).unit());
      assertTrue(invoice.get(0).releases().stream().anyMatch(r -> r.startsWith("cardinality(CUSTOMERID, cap 20)")),
          invoice.get(0).releases().toString());
      assertEquals("parent:playlist (max 200 rows)",
          catalog.ledger(source, "PlaylistTrack").get(0).unit().toLowerCase(java.util.Locale.ROOT));
      assertEquals("row", catalog.ledger(source, "Customer").get(0).unit());
    }
  }
}
