package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Passwords in URLs, source settings and policies never reach a {@code toString} or a message. */
class SecretsTest {
  private static final String SECRET = "s3cr3t-Pw";

  @Test
  void passwordsInUrlParametersAndUserInfoAreMasked() {
    assertEquals("jdbc:postgresql://db/app?user=app&password=***&ssl=true",
        Secrets.maskUrl("jdbc:postgresql://db/app?user=app&password=" + SECRET + "&ssl=true"));
    assertEquals("jdbc:h2:mem:x;USER=sa;PASSWORD=***", Secrets.maskUrl("jdbc:h2:mem:x;USER=sa;PASSWORD=" + SECRET));
    assertEquals("jdbc:postgresql://app:***@db:5432/app", Secrets.maskUrl("jdbc:postgresql://app:" + SECRET
        + "@db:5432/app"));
    assertEquals("jdbc:postgresql://db/app?sslpassword=***", Secrets.maskUrl("jdbc:postgresql://db/app?sslpassword="
        + SECRET));
    assertEquals("cannot open 'jdbc:x://h/d?catalogPassword=***': refused",
        Secrets.mask("cannot open 'jdbc:x://h/d?catalogPassword=" + SECRET + "': refused"));
    assertEquals("jdbc:postgresql://db/app?user=app", Secrets.maskUrl("jdbc:postgresql://db/app?user=app"));
    assertNull(Secrets.maskUrl(null));
  }

  @Test
  void sourceConfigAndPolicyPrintNoPassword() throws Exception {
    SourceConfig source = new SourceConfig("jdbc:postgresql://db/app?password=" + SECRET, "app", SECRET, null);
    assertFalse(source.toString().contains(SECRET), source.toString());
    assertTrue(source.toString().contains("user=app"), source.toString());
    Policy policy = PolicyLoader.parse("source:\n  url: jdbc:postgresql://u:" + SECRET + "@db/app\n  user: app\n"
        + "  password: ${SURROGATE_TEST_PW}\n", "p.yaml", Map.of("SURROGATE_TEST_PW", SECRET)::get);
    assertEquals(SECRET, policy.source().password());
    assertFalse(policy.toString().contains(SECRET), policy.toString());
  }
}
