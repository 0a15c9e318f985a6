package io.surrogate.proxy.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lexing that respects literals, and statement classification. */
class SqlTextTest {

  @Test
  void splitsOnTopLevelSemicolonsOnly() {
    assertEquals(List.of("select ';'", "select \"a;b\"", "select $$;$$", "select 1 -- ;"),
        SqlText.split("select ';'; select \"a;b\";select $$;$$; select 1 -- ;\n;;"));
    assertEquals(List.of(), SqlText.split(" ; -- nothing\n ; /* x; */"));
    assertEquals(List.of("select E'\\';'"), SqlText.split("select E'\\';'"));
  }

  @Test
  void placeholdersBecomeJdbcMarkers() {
    SqlText.Placeholders p = SqlText.placeholders("select $2, '$1', $1, $2 from t where a$1 = 1");
    assertEquals("select ?, '$1', ?, ? from t where a$1 = 1", p.sql());
    assertArrayEquals(new int[] {1, 0, 1}, p.jdbcToPg());
    assertEquals(2, p.pgCount());
  }

  @Test
  void classifiesSessionCommands() {
    assertInstanceOf(Command.Begin.class, Commands.classify("BEGIN ISOLATION LEVEL READ COMMITTED"));
    assertInstanceOf(Command.Commit.class, Commands.classify("commit;"));
    assertInstanceOf(Command.Rollback.class, Commands.classify("/* c */ rollback"));
    assertEquals(new Command.Set("search_path", "a, b"), Commands.classify("SET search_path TO 'a', b"));
    assertEquals(new Command.Set("TimeZone", "Europe/Paris"), Commands.classify("set time zone 'Europe/Paris'"));
    assertEquals(new Command.Set("extra_float_digits", "3"), Commands.classify("SET extra_float_digits = 3"));
    assertEquals(new Command.Show("transaction_isolation"), Commands.classify("SHOW TRANSACTION ISOLATION LEVEL"));
    assertEquals(new Command.Show(null), Commands.classify("show all"));
    assertEquals(new Command.SessionValue("version", "version"), Commands.classify("SELECT version()"));
    assertEquals(new Command.SessionValue("db", "current_database"),
        Commands.classify("select pg_catalog.current_database() as db"));
    assertInstanceOf(Command.Engine.class, Commands.classify("select current_user()"));
    assertInstanceOf(Command.Engine.class, Commands.classify("select version() from t"));
    assertInstanceOf(Command.Refused.class, Commands.classify("LISTEN x"));
    assertInstanceOf(Command.Empty.class, Commands.classify("-- only a comment"));
  }
}
