package io.surrogate.cli;

import io.surrogate.catalog.SourceConfig;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** Options shared by every command that reaches a source and a catalog. */
final class SourceOptions {

  @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (YAML); names the source and the sensitive tables.")
  Path policy;

  @Option(names = "--source", paramLabel = "URL", description = "JDBC URL of the real source; overrides the policy's source.url.")
  String source;

  @Option(names = "--user", description = "Source user; overrides the policy's source.user.")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Environment variable holding the source password (never pass passwords as arguments).")
  String passwordEnv;

  @Option(names = "--schema", description = "Source schema whose tables are served.")
  String schema;

  @Option(names = "--catalog", paramLabel = "URL",
      description = "Catalog JDBC URL (default: embedded H2 under ~/.surrogate, or $SURROGATE_HOME).")
  String catalog;

  /** Where {@code --password-env} is looked up; tests replace it. */
  UnaryOperator<String> env = System::getenv;

  /**
   * The source password: from {@code --password-env}, which must name a set variable (as {@code ${VAR}} in a
   * policy must), else the policy's; null when neither gives one.
   */
  String password(SourceConfig fromPolicy) {
    if (passwordEnv == null) {
      return fromPolicy == null ? null : fromPolicy.password();
    }
    String value = env.apply(passwordEnv);
    if (value == null) {
      throw new IllegalArgumentException("--password-env: environment variable " + passwordEnv
          + " is not set (expected: the name of a variable holding the source password)");
    }
    return value;
  }
}
