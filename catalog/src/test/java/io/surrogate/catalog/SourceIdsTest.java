package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Canonical source identities never keep credentials or parameters. */
class SourceIdsTest {
  @Test
  void stripsCredentialsAndParameters() {
    assertEquals("jdbc:postgresql://db.example:5432/app",
        SourceIds.of("jdbc:postgresql://DB.example:5432/app?user=x&password=secret"));
    assertEquals("jdbc:postgresql://db:5432/app", SourceIds.of("jdbc:postgresql://bob:pw@db/app/"));
    assertEquals("jdbc:postgresql://db:5432/app", SourceIds.of("jdbc:surrogate:postgresql://db:5432/app"));
    assertEquals("jdbc:postgresql://localhost:5432/app", SourceIds.of("jdbc:postgresql:app"));
    assertEquals("jdbc:mariadb://h:3306/shop", SourceIds.of("JDBC:MariaDB://h/shop?password=p"));
    assertEquals("jdbc:h2:file:/tmp/Data/x", SourceIds.of("jdbc:h2:file:/tmp/Data/x;USER=sa;PASSWORD=pw"));
    assertEquals("jdbc:h2:mem:test", SourceIds.of("jdbc:h2:mem:test"));
    assertEquals("jdbc:sqlserver://h:1433", SourceIds.of("jdbc:sqlserver://h:1433;user=sa;password=pw"));
    assertEquals("jdbc:oracle:thin:@h:1521/svc", SourceIds.of("jdbc:oracle:thin:scott/tiger@h:1521/svc"));
    assertEquals("jdbc:postgresql://[::1]:5432/db", SourceIds.of("jdbc:postgresql://[::1]/db"));
    assertEquals("jdbc:postgresql://a:1,b:2/db", SourceIds.of("jdbc:postgresql://a:1,b:2/db"));
  }

  @Test
  void sameDatabaseSameId() {
    assertEquals(SourceIds.of("jdbc:postgresql://db/app"), SourceIds.of("jdbc:postgresql://u:p@DB:5432/app?ssl=true"));
  }
}
