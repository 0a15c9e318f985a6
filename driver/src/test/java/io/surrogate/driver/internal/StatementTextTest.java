package io.surrogate.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Trailing terminators are cut lexically: a {@code ;} in a literal, identifier or comment stays. */
class StatementTextTest {
  @Test
  void cutsTrailingTerminatorsWhitespaceAndComments() {
    assertEquals("SELECT 1", StatementText.withoutTerminator("SELECT 1;"));
    assertEquals("SELECT 1", StatementText.withoutTerminator("SELECT 1 ;;  \n"));
    assertEquals("SELECT 1", StatementText.withoutTerminator("SELECT 1; -- done; really\n/* ; */ "));
    assertEquals("SELECT /* ; */ 1", StatementText.withoutTerminator("SELECT /* ; */ 1;"));
  }

  @Test
  void keepsSemicolonsInsideLiteralsIdentifiersAndComments() {
    assertEquals("SELECT 'a;b'", StatementText.withoutTerminator("SELECT 'a;b';"));
    assertEquals("SELECT ';'", StatementText.withoutTerminator("SELECT ';'"));
    assertEquals("SELECT 'it''s;'", StatementText.withoutTerminator("SELECT 'it''s;';"));
    assertEquals("SELECT 1 AS \"x;\"", StatementText.withoutTerminator("SELECT 1 AS \"x;\";"));
    assertEquals("SELECT 1 -- ;", StatementText.withoutTerminator("SELECT 1 -- ;"));
  }

  @Test
  void leavesSeveralStatementsToTheParser() {
    assertEquals("SELECT 1; SELECT 2", StatementText.withoutTerminator("SELECT 1; SELECT 2"));
    assertEquals("SELECT 1; 'x'", StatementText.withoutTerminator("SELECT 1; 'x'"));
    assertEquals("", StatementText.withoutTerminator(";"));
  }
}
