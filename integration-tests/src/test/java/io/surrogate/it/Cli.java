package io.surrogate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.surrogate.cli.SurrogateCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The {@code surrogate} command line run in-process, as a test drives it. */
public final class Cli {
  private Cli() {
  }

  /** Runs {@code args}, fails the test unless it exits 0, and returns what it printed on standard output. */
  public static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = execute(out, err, args);
    assertEquals(0, code, () -> String.join(" ", args) + " failed:\n" + out + "\n" + err);
    return out.toString();
  }

  /** Runs {@code args}, fails the test if it exits 0, and returns what it printed on both streams. */
  public static String fails(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertNotEquals(0, execute(out, err, args), () -> String.join(" ", args) + " succeeded:\n" + out);
    return out.toString() + err;
  }

  private static int execute(StringWriter out, StringWriter err, String... args) {
    CommandLine cli = SurrogateCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
