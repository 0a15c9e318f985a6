package io.surrogate.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** URL and property parsing, and the SQLSTATE-to-subclass rule. */
class DriverConfigTest {

  @Test
  void parsesUrlAndProperties() throws SQLException {
    Properties p = new Properties();
    p.setProperty("SEED", "42");
    p.setProperty("partitionSize", "1000");
    p.setProperty("catalog", "jdbc:h2:mem:cat");
    DriverConfig c = DriverConfig.parse("jdbc:surrogate:postgresql://db:5432/app?ssl=false", p);
    assertEquals("jdbc:postgresql://db:5432/app?ssl=false", c.sourceUrl());
    assertEquals(42L, c.seed());
    assertEquals(1000, c.partitionSize());
    assertEquals(268_435_456L, c.cacheBytes());
    assertEquals("jdbc:h2:mem:cat", c.catalogUrl());
    assertNull(c.policyPath());
  }

  @Test
  void noPasswordReachesToStringNorAnErrorMessage() throws SQLException {
    String secret = "Pw-0f-the-source";
    Properties p = new Properties();
    p.setProperty("password", secret);
    p.setProperty("catalogPassword", secret + "-cat");
    p.setProperty("catalog", "jdbc:postgresql://cat:" + secret + "@db/catalog");
    DriverConfig c = DriverConfig.parse("jdbc:surrogate:postgresql://db/app?user=a&password=" + secret, p);
    assertEquals(secret, c.password());
    for (String text : new String[] {c.toString(), c.engineKey().toString()}) {
      assertFalse(text.contains(secret), text);
    }
    assertEquals("DriverConfig[sourceUrl=jdbc:postgresql://db/app?user=a&password=***, user=null, password=***, "
        + "policyPath=null, catalogUrl=jdbc:postgresql://cat:***@db/catalog, catalogUser=null, catalogPassword=***, "
        + "seed=null, schema=null, partitionSize=" + c.partitionSize() + ", cacheBytes=" + c.cacheBytes()
        + ", poolSize=" + c.poolSize() + "]", c.toString());
    SQLException e = assertThrows(SQLException.class,
        () -> DriverConfig.parse("jdbc:surrogate:surrogate:x?password=" + secret, new Properties()));
    assertFalse(e.getMessage().contains(secret), e.getMessage());
  }

  @Test
  void badValuesNameTheValueAndTheExpectation() {
    assertInvalid("seed", "x1", "seed: x1 (expected: a 64-bit integer)");
    assertInvalid("cacheBytes", "-1", "cacheBytes: -1 (expected: an integer >= 0)");
    assertInvalid("poolSize", "0", "poolSize: 0 (expected: an integer in 1..1000)");
    SQLException e = assertThrows(SQLException.class, () -> DriverConfig.parse("jdbc:surrogate:", new Properties()));
    assertEquals("22023", e.getSQLState());
  }

  private static void assertInvalid(String key, String value, String message) {
    Properties p = new Properties();
    p.setProperty(key, value);
    SQLException e = assertThrows(SQLException.class, () -> DriverConfig.parse("jdbc:surrogate:h2:mem:x", p));
    assertEquals("22023", e.getSQLState());
    assertEquals(message, e.getMessage());
    assertInstanceOf(SQLDataException.class, e);
  }

  @Test
  void validatorMessagesMapToPostgresStates() {
    assertEquals("42883",
        ErrorMapper.validationState("No match found for function signature PG_READ_FILE(<CHARACTER>)").code());
    assertEquals("42P01", ErrorMapper.validationState("Object 'NOPE' not found").code());
    assertEquals("42703", ErrorMapper.validationState("Column 'X' not found in any table").code());
    assertEquals("42000", ErrorMapper.validationState("Aggregate expression is illegal in WHERE clause").code());
    assertEquals("From line 1: Column 'x' not found in any table",
        ErrorMapper.clarify("From line 1: The definition of column 'x' depends on itself through the following columns: 'x'"));
  }
}
