package io.surrogate.cli;

import io.surrogate.catalog.Policy;
import io.surrogate.catalog.PolicyException;
import io.surrogate.catalog.PolicyLoader;
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

  /** What the options and the policy together name: the policy, and the source's URL, login and schema. */
  record Resolved(Policy policy, String url, String user, String password, String schema) {
  }

  /** Loads the policy and resolves the source against it; the URL must come from one of them. */
  Resolved resolve() throws PolicyException {
    Policy policy = this.policy == null ? Policy.defaults() : PolicyLoader.load(this.policy);
    SourceConfig fromPolicy = policy.source();
    String url = source != null ? source : fromPolicy == null ? null : fromPolicy.url();
    if (url == null) {
      throw new IllegalArgumentException("no source: pass --source URL or set source.url in the policy");
    }
    String user = this.user != null ? this.user : fromPolicy == null ? null : fromPolicy.user();
    String schema = this.schema != null ? this.schema : fromPolicy == null ? null : fromPolicy.schema();
    return new Resolved(policy, url, user, password(fromPolicy), schema);
  }
}
