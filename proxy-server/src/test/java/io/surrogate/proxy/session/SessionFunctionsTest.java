package io.surrogate.proxy.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which inlined session-function calls get PostgreSQL's column name as an alias. */
class SessionFunctionsTest {
  private static boolean bare(String sql, String call) {
    int start = sql.indexOf(call);
    return SessionFunctions.isBareSelectItem(sql, start, start + call.length());
  }

  @Test
  void onlyWholeItemsOfTheOuterSelectListAreNamed() {
    assertTrue(bare("SELECT current_schema(),session_user", "current_schema()"));
    assertTrue(bare("SELECT current_schema(),session_user", "session_user"));
    assertTrue(bare("select a, current_user from t", "current_user"));
    assertFalse(bare("select current_user as me", "current_user"));
    assertFalse(bare("select x from t where owner = current_user", "current_user"));
    assertFalse(bare("select f(1, current_user, 2)", "current_user"));
    assertFalse(bare("select x from t order by a, current_user", "current_user"));
    assertFalse(bare("select (select current_user)", "current_user"));
  }
}
