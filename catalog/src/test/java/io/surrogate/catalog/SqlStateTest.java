package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQLSTATE vocabulary: unique five-character codes, and the JDBC 4 subclass chosen by class. */
class SqlStateTest {
  @Test
  void codesAreUniqueAndFiveCharacters() {
    Set<String> seen = new HashSet<>();
    for (SqlState s : SqlState.values()) {
      assertEquals(5, s.code().length(), s.name());
      assertEquals(true, seen.add(s.code()), "duplicate " + s.code());
    }
  }

  @Test
  void subclassFollowsTheSqlStateClass() {
    assertInstanceOf(SQLNonTransientConnectionException.class, SqlState.CONNECTION_FAILED.create("m"));
    assertInstanceOf(SQLFeatureNotSupportedException.class, SqlState.FEATURE_NOT_SUPPORTED.create("m"));
    assertInstanceOf(SQLDataException.class, SqlState.DIVISION_BY_ZERO.create("m"));
    assertInstanceOf(SQLSyntaxErrorException.class, SqlState.UNDEFINED_TABLE.create("m"));
    assertInstanceOf(SQLTransientException.class, SqlState.QUERY_CANCELED.create("m"));
    SQLException e = SqlState.CONFIGURATION_LIMIT_EXCEEDED.create("m");
    assertEquals("53400", e.getSQLState());
    assertInstanceOf(SQLTransientException.class, e);
    assertEquals(SQLException.class, SqlState.INTERNAL_ERROR.create("m").getClass());
  }

  @Test
  void keepsTheCause() {
    RuntimeException cause = new IllegalStateException("x");
    assertSame(cause, SqlState.INTERNAL_ERROR.create("m", cause).getCause());
    assertEquals("P0001", SqlState.exception("P0001", "raised", null).getSQLState());
  }
}
