package io.surrogate.cli;

import static io.surrogate.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.catalog.SourceConfig;
import io.surrogate.proxy.ProxyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serving banner tells what is configured, and the command line neither drops nor shows a password. */
class BannerAndSecretsTest {

  @Test
  void withoutLoginsOrTlsTheBannerSaysTrustOnLoopbackAndSslOff() {
    List<String> lines = Serving.banner(ProxyConfig.builder().port(0).build(), 6543, "surrogate");
    String text = String.join("\n", lines);
    assertTrue(text.contains("auth:     trust on loopback"), text);
    assertTrue(text.contains("ssl off"), text);
    assertTrue(text.contains("psql \"host=127.0.0.1 port=6543 dbname=surrogate user=surrogate sslmode=disable\""),
        text);
    assertTrue(text.contains("jdbc:postgresql://127.0.0.1:6543/surrogate?user=surrogate&sslmode=disable"), text);
  }

  @Test
  void withLoginsAndTlsTheBannerNamesScramUsersAndSslmodeRequire(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
    Path key = Files.writeString(dir.resolve("key.pem"), "x");
    ProxyConfig config = ProxyConfig.builder().port(0).bindAddress("0.0.0.0").tls(cert, key)
        .user("ann", "pw-of-ann".toCharArray()).user("bob", "pw-of-bob".toCharArray())
        .authDelay(Duration.ofMillis(150)).build();
    String text = String.join("\n", Serving.banner(config, 6543, "surrogate"));
    assertTrue(text.contains("auth:     scram-sha-256 for users ann, bob"), text);
    assertFalse(text.contains("trust"), text);
    assertFalse(text.contains("disable"), text);
    assertFalse(text.contains("pw-of-"), text);
    assertTrue(text.contains("sslmode=require works"), text);
    assertTrue(text.contains("failed logins answered after 150 ms"), text);
    assertTrue(text.contains("psql \"host=127.0.0.1 port=6543 dbname=surrogate user=ann sslmode=require\""), text);
    assertTrue(text.contains("jdbc:postgresql://127.0.0.1:6543/surrogate?user=ann&sslmode=require"), text);
  }

  @Test
  void anUnsetPasswordVariableIsAnError() {
    SourceOptions options = new SourceOptions();
    options.env = Map.of("SRC_PW", "from-env")::get;
    assertEquals(null, options.password(null));
    assertEquals("from-policy", options.password(new SourceConfig("jdbc:h2:mem:x", "u", "from-policy", null)));
    options.passwordEnv = "SRC_PW";
    assertEquals("from-env", options.password(new SourceConfig("jdbc:h2:mem:x", "u", "from-policy", null)));
    options.passwordEnv = "NOT_SET_PW";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.password(null));
    assertEquals("--password-env: environment variable NOT_SET_PW is not set (expected: the name of a variable "
        + "holding the source password)", e.getMessage());
  }

  @Test
  void serveAndScanRefuseAnUnsetPasswordVariable() {
    String var = "SURROGATE_TEST_UNSET_PASSWORD_VARIABLE_7f3a";
    assertEquals(null, System.getenv(var));
    for (String command : new String[] {"serve", "scan"}) {
      String[] r = run(command, "--source", "jdbc:h2:mem:banner_test", "--password-env", var);
      assertEquals("1", r[0], command + ": " + r[1] + r[2]);
      assertTrue(r[2].contains("environment variable " + var + " is not set"), r[2]);
    }
  }

  @Test
  void errorsOfTheCommandLineMaskPasswordsInUrls() {
    String[] r = run("scan", "--source", "jdbc:nosuchdriver://h/d?password=Secret-In-Url");
    assertEquals("1", r[0]);
    assertFalse(r[1].contains("Secret-In-Url") || r[2].contains("Secret-In-Url"), r[2]);
  }
}
