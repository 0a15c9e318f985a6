package io.surrogate.driver.twin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs PostgreSQL's own client tools: {@code pg_dump --schema-only} to read a schema and {@code psql} to apply it,
 * from a configured directory or the {@code PATH}.
 */
final class PgTools {
  private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
  private final Path binDir;

  /** @param binDir directory holding {@code pg_dump} and {@code psql}, or null to search the PATH */
  PgTools(Path binDir) {
    this.binDir = binDir;
  }

  private String tool(String name) {
    return binDir == null ? name : binDir.resolve(name).toString();
  }

  /** The major version of {@code pg_dump}; 58000 when it cannot be run. */
  int pgDumpMajor() throws SQLException {
    String out = run(List.of(tool("pg_dump"), "--version"), null, null);
    Matcher m = VERSION.matcher(out.substring(out.indexOf(')') + 1));
    if (!m.find()) {
      throw TwinErrors.create(TwinErrors.SYSTEM_ERROR, "pg_dump --version printed '" + out.trim()
          + "' (expected: a version number)");
    }
    return Integer.parseInt(m.group(1));
  }

  /** One section ({@code pre-data} or {@code post-data}) of the schema, without owners, privileges or rows. */
  String dumpSection(PgEndpoint source, String section) throws SQLException {
    List<String> cmd = new ArrayList<>(List.of(tool("pg_dump"), "--schema-only", "--no-owner", "--no-privileges",
        "--section=" + section));
    cmd.addAll(source.toolArguments());
    return run(cmd, source.password(), null);
  }

  /** Applies {@code script} to {@code target} in one transaction, stopping at its first error. */
  void apply(PgEndpoint target, String script) throws SQLException {
    Path file = null;
    try {
      file = Files.createTempFile("surrogate-twin", ".sql");
      Files.writeString(file, script, StandardCharsets.UTF_8);
      List<String> cmd = new ArrayList<>(List.of(tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
          "--single-transaction", "-f", file.toString()));
      cmd.addAll(target.toolArguments());
      run(cmd, target.password(), null);
    } catch (IOException e) {
      throw TwinErrors.create(TwinErrors.SYSTEM_ERROR, "cannot write a schema script: " + e.getMessage());
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file left behind holds schema only
        }
      }
    }
  }

  private static String run(List<String> cmd, String password, String stdin) throws SQLException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("PGPASSWORD");
    if (password != null) {
      pb.environment().put("PGPASSWORD", password);
    }
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    String name = Path.of(cmd.get(0)).getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      Path err = Files.createTempFile("surrogate-twin", ".err");
      try {
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
          throw new ToolFailure(name, Files.readString(err, StandardCharsets.UTF_8).trim());
        }
        return out;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw TwinErrors.create(TwinErrors.SYSTEM_ERROR, name + ": cannot run (" + e.getMessage()
          + "); install the PostgreSQL client tools or set their directory");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TwinErrors.create(TwinErrors.SYSTEM_ERROR, name + ": interrupted");
    }
  }

  /** A client tool exited with an error; its message is PostgreSQL's about schema, never about rows. */
  static final class ToolFailure extends SQLException {
    private static final long serialVersionUID = 1L;
    private final String detail;

    ToolFailure(String tool, String detail) {
      super(tool + " failed: " + detail, TwinErrors.SYSTEM_ERROR);
      this.detail = detail;
    }

    String detail() {
      return detail;
    }
  }
}
