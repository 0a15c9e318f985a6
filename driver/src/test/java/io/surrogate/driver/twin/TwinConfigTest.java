package io.surrogate.driver.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of the embedded twin's settings, and the majors the binaries jar ships. */
class TwinConfigTest {
  private static final Path HOME = Path.of("target", "twin-config-test");

  @Test
  void defaultsRunTheNewestShippedMajorOnAFreePort() throws SQLException {
    TwinConfig c = TwinConfig.builder(HOME).build();
    assertEquals(17, c.majorVersion());
    assertTrue(c.version().startsWith("17."), c.version());
    assertEquals("pg17", c.name());
    assertEquals(0, c.port());
    assertEquals("nobody", c.serverUser());
    assertTrue(c.home().isAbsolute());
  }

  @Test
  void shipsMajors15To17() throws SQLException {
    Map<Integer, String> shipped = EmbeddedBinaries.shipped();
    assertEquals(java.util.List.of(15, 16, 17), java.util.List.copyOf(shipped.keySet()));
    shipped.forEach((major, version) -> assertTrue(version.startsWith(major + "."), version));
  }

  @Test
  void badValuesNameTheValueAndTheExpectation() {
    assertInvalid(TwinConfig.builder(HOME).port(5432),
        "twin port: 5432 (expected: 0 for a free port, or 1024 to 65535 other than 5432)");
    assertInvalid(TwinConfig.builder(HOME).port(80),
        "twin port: 80 (expected: 0 for a free port, or 1024 to 65535 other than 5432)");
    assertInvalid(TwinConfig.builder(HOME).majorVersion(14),
        "twin PostgreSQL major: 14 (expected: one of the shipped majors [15, 16, 17])");
    assertInvalid(TwinConfig.builder(HOME).name("../x"),
        "twin name: '../x' (expected: 1 to 32 of a-z, 0-9, _ and -, not starting with _ or -)");
    assertInvalid(TwinConfig.builder(HOME).startTimeout(Duration.ZERO),
        "twin start timeout: PT0S (expected: more than 0 and at most PT10M)");
    assertInvalid(TwinConfig.builder(HOME).serverUser("root"),
        "twin server user: 'root' (expected: an unprivileged system user name such as nobody)");
  }

  @Test
  void badDatabaseNamesAreRefusedBeforeAnySql() {
    SQLException e = assertThrows(SQLException.class, () -> TwinRoles.quote("x".repeat(64), "database"));
    assertEquals("22023", e.getSQLState());
    assertEquals("database name: '" + "x".repeat(64) + "' (expected: 1 to 63 bytes without NUL)", e.getMessage());
  }

  @Test
  void quotesIdentifiersAsPostgresDoes() throws SQLException {
    assertEquals("\"a\"\"b\"", TwinRoles.quote("a\"b", "schema"));
  }

  private static void assertInvalid(TwinConfig.Builder builder, String message) {
    SQLException e = assertThrows(SQLException.class, builder::build);
    assertEquals("22023", e.getSQLState());
    assertEquals(message, e.getMessage());
  }
}
