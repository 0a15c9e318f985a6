package io.surrogate.it.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external client program with a time limit and captures its output. */
record ClientProcess(int exitCode, String stdout, String stderr) {

  static ClientProcess run(List<String> command, Map<String, String> env, Path workDir, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("client", ".out");
    Path err = Files.createTempFile("client", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
      }
      return new ClientProcess(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Whether {@code program} runs at all (e.g. {@code node --version}). */
  static boolean available(String... versionCommand) {
    try {
      return run(List.of(versionCommand), Map.of(), null, 30).exitCode() == 0;
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Output lines without trailing blanks. */
  List<String> lines() {
    return stdout.lines().map(String::stripTrailing).filter(s -> !s.isEmpty()).toList();
  }
}
