package io.surrogate.cli;

import io.surrogate.catalog.Catalogs;
import io.surrogate.catalog.Policy;
import io.surrogate.catalog.TwinMode;
import io.surrogate.driver.twin.RunningTwin;
import io.surrogate.driver.twin.SandboxAdmin;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code surrogate sandbox create|list|reset|drop}: manages the writable sandboxes of the twin a running
 * {@code surrogate serve} serves; clients reach sandbox NAME with the database name {@code sandbox-NAME}.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Create, list, reset or drop writable sandboxes of the served twin (connect with dbname"
        + " sandbox-NAME).")
final class SandboxCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ACTION", description = "create, list, reset or drop")
  String action;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
      description = "Sandbox name: 1 to 24 lower-case letters, digits and _.")
  String name;

  @Option(names = "--ttl", paramLabel = "DURATION",
      description = "With create: drop the sandbox after this long (e.g. 30m, 2h, 1d).")
  String ttl;

  @Option(names = "--home", paramLabel = "DIR",
      description = "Surrogate's home, where the server's embedded twin lives (default: $SURROGATE_HOME or ~/.surrogate).")
  java.nio.file.Path home;

  @Mixin
  SourceOptions options = new SourceOptions();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SourceOptions.Resolved r = options.resolve();
    Policy policy = r.policy();
    String url = r.url();
    String schema = r.schema();
    SandboxAdmin admin = policy.twinMode(url) == TwinMode.SERVER ? SandboxAdmin.provided(policy.twinServer().get())
        : SandboxAdmin.embedded(home != null ? home : Catalogs.home(), RunningTwin.twinDatabase(url, new Properties()));
    String verb = action.toLowerCase(Locale.ROOT);
    if (!verb.equals("list") && name == null) {
      throw new IllegalArgumentException(verb + ": missing NAME (expected: surrogate sandbox " + verb + " NAME)");
    }
    switch (verb) {
      case "create" -> {
        String db = admin.create(name, ttl == null ? null : duration(ttl), schema);
        out.println("sandbox " + name + " ready (database " + db + "): connect with dbname=sandbox-" + name
            + (ttl == null ? "" : "; dropped in " + ttl));
      }
      case "reset" -> {
        admin.reset(name, schema);
        out.println("sandbox " + name + " reset to the twin's content");
      }
      case "drop" -> {
        admin.drop(name);
        out.println("sandbox " + name + " dropped");
      }
      case "list" -> {
        List<String[]> all = admin.list();
        out.println(all.isEmpty() ? "no sandboxes" : String.format(Locale.ROOT, "%-40s %s", "database", "expires"));
        for (String[] s : all) {
          out.println(String.format(Locale.ROOT, "%-40s %s", s[0], s[1].isEmpty() ? "-" : s[1]));
        }
      }
      default -> throw new IllegalArgumentException("action: '" + action + "' (expected: create, list, reset or"
          + " drop)");
    }
    return 0;
  }

  /** {@code 45s}, {@code 30m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT90M}. */
  static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.matches("\\d+[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        if (n == 0) {
          throw new IllegalArgumentException("--ttl: '" + text + "' (expected: a positive duration such as 30m)");
        }
        return switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      Duration d = Duration.parse(text.strip());
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("--ttl: '" + text + "' (expected: a positive duration such as 30m)");
      }
      return d;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("--ttl: '" + text + "' (expected: a duration such as 45s, 30m, 2h, 1d)");
    }
  }
}
