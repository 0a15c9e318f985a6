package io.surrogate.cli;

import io.surrogate.catalog.Secrets;
import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code surrogate} command line: serve, train, scan, status, sandbox, eval and demo. */
@Command(
    name = "surrogate",
    mixinStandardHelpOptions = true,
    versionProvider = SurrogateCli.Version.class,
    description = "Serves differentially private synthetic rows for sensitive tables.",
    subcommands = {
        DemoCommand.class,
        ServeCommand.class,
        TrainCommand.class,
        ScanCommand.class,
        StatusCommand.class,
        SandboxCommand.class,
        EvalCommand.class,
        CommandLine.HelpCommand.class
    })
public final class SurrogateCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, printing errors without stack traces. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** A fresh command line whose output streams a caller (a test, an embedding tool) may redirect. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SurrogateCli());
    cli.setExecutionExceptionHandler(SurrogateCli::handle);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    Throwable t = e;
    StringBuilder message = new StringBuilder("surrogate: ");
    if (t instanceof SQLException) {
      message.append('[').append(((SQLException) t).getSQLState()).append("] ");
    } else if (t instanceof io.surrogate.proxy.ProxyServer.TwinStartException twin) {
      message.append('[').append(twin.sqlState()).append("] ");
    }
    // A driver's message may echo a URL with its password.
    message.append(t.getMessage() == null ? t.getClass().getSimpleName() : Secrets.mask(t.getMessage()));
    err.println(message);
    if (Boolean.getBoolean("surrogate.debug")) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SurrogateCli.class.getPackage().getImplementationVersion();
      return new String[] {"surrogate " + (v == null ? "development build" : v)};
    }
  }
}
