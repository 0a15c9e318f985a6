package io.surrogate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code surrogate serve} in a JVM of its own, so the bench measures the proxy under its own heap limit (the issue's
 * {@code -Xmx512m}) and apart from the load generator's allocations; closed with SIGTERM, which the proxy answers
 * with a graceful shutdown.
 */
final class ProxyProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

  private final Process process;
  private final int port;

  private ProxyProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the proxy with {@code serveArgs} (without {@code --port}; it gets port 0) in a JVM with {@code jvmArgs},
   * and waits for it to print the port it took.
   */
  static ProxyProcess start(List<String> jvmArgs, String classPath, List<String> serveArgs, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classPath);
    command.add("io.surrogate.cli.SurrogateCli");
    command.add("serve");
    command.addAll(serveArgs);
    command.add("--port");
    command.add("0");
    Process p = new ProcessBuilder(command).redirectErrorStream(false)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    StringBuilder seen = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (seen) {
            seen.append(line).append('\n');
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new IOException("proxy exited before listening"));
    }, "proxy-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ProxyProcess(p, port.get(120, TimeUnit.SECONDS));
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      String out;
      synchronized (seen) {
        out = seen.toString();
      }
      throw new IOException("proxy did not start (" + e.getMessage() + "); stdout:\n" + out + "stderr: " + log, e);
    }
  }

  /** The port the proxy listens on. */
  int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
