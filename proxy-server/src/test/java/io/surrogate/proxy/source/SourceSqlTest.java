package io.surrogate.proxy.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Numbering of generated SQL's placeholders, past literals, identifiers and comments. */
class SourceSqlTest {

  @Test
  void placeholdersAreNumberedInOrder() {
    assertEquals("SELECT \"a\" FROM \"s\".\"t\" WHERE \"id\" = $1 AND \"b\" > $2",
        SourceSql.numbered("SELECT \"a\" FROM \"s\".\"t\" WHERE \"id\" = ? AND \"b\" > ?", 2));
  }

  @Test
  void questionMarksInLiteralsIdentifiersAndCommentsStay() {
    assertEquals("SELECT 'why?', 'it''s ?', \"odd?\"\"name\" FROM t -- really?\nWHERE x = $1 /* ? */",
        SourceSql.numbered("SELECT 'why?', 'it''s ?', \"odd?\"\"name\" FROM t -- really?\nWHERE x = ? /* ? */", 1));
  }

  @Test
  void aCountOtherThanExpectedIsRefused() {
    assertNull(SourceSql.numbered("SELECT ? + ?", 1));
    assertNull(SourceSql.numbered("SELECT 1", 1));
  }

  @Test
  void unterminatedQuotesAndBackslashesAreRefused() {
    assertNull(SourceSql.numbered("SELECT 'open ?", 0));
    assertNull(SourceSql.numbered("SELECT E'\\' ?' = ?", 1));
  }
}
