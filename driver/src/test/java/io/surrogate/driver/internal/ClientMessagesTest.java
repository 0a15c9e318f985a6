package io.surrogate.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The last-resort cleaning: whatever the engine threw, no Java reaches a client's message. */
class ClientMessagesTest {
  @Test
  void cleanMessagesPassUnchanged() {
    for (String m : new String[] {"division by zero", "relation \"nope\" does not exist",
        "invalid input syntax for type integer: \"bonus\"", "syntax error at or near \"SELEC\""}) {
      assertEquals(m, ClientMessages.sanitize(m));
    }
  }

  @Test
  void javaIsCutOut() {
    String[] dirty = {
        "java.lang.IllegalStateException: pool closed",
        "class java.lang.String cannot be cast to class java.lang.Number (java.lang.String and java.lang.Number are"
            + " in module java.base of loader 'bootstrap')",
        "Could not initialize class Baz$1$1",
        "ExceptionInInitializerError",
        "engine failure: NullPointerException",
        "boom\n\tat io.surrogate.driver.internal.Engine.open(Engine.java:12)\n\tat java.base/java.lang.Thread.run",
        "org.apache.calcite.plan.RelOptPlanner$CannotPlanException: There are not enough rules",
        null, ""};
    for (String m : dirty) {
      String clean = ClientMessages.sanitize(m);
      assertTrue(ClientMessages.isClean(clean), m + " -> " + clean);
      assertFalse(clean.contains("java") || clean.contains("Exception") || clean.contains("$1"), clean);
    }
    assertEquals("internal error in the Surrogate engine: pool closed",
        ClientMessages.sanitize("java.lang.IllegalStateException: pool closed"));
  }

  @Test
  void theMapperCleansWhatItCannotClassify() {
    SQLException e = ErrorMapper.map(new IllegalStateException("state of io.surrogate.Foo$Bar is bad"));
    assertEquals("XX000", e.getSQLState());
    assertTrue(ClientMessages.isClean(e.getMessage()), e.getMessage());
    SQLException npe = ErrorMapper.map(new NullPointerException());
    assertTrue(ClientMessages.isClean(npe.getMessage()), npe.getMessage());
  }
}
