package io.surrogate.synth.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.Generators;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.sample.PartitionedSampler;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second JVM whose class path lacks every ND4J, Deeplearning4j and javacpp jar restores a trained model
 * from its bytes and draws the same rows as this JVM; training there fails with the documented message.
 */
class VaeServingWithoutNd4jTest {

  static String digest(TableModel model) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    PartitionedSampler sampler = new PartitionedSampler(model, 12, 3000, 1000);
    for (int p : new int[] {2, 0, 1}) {
      sha.update(Arrays.deepToString(sampler.partition(p)).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Entry point of the second JVM: the ND4J check, the digest of the model in args[0], the training error. */
  public static void main(String[] args) throws Exception {
    try {
      Class.forName("org.nd4j.linalg.factory.Nd4j");
      System.out.println("nd4j present");
    } catch (ClassNotFoundException e) {
      System.out.println("nd4j absent");
    }
    TableModel model = Generators.forName("vae").read(Files.readAllBytes(Path.of(args[0])));
    System.out.println("digest " + digest(model));
    try {
      new VaeGenerator().fit(SmallTable.rows(100, 1, true),
          FitOptions.of(new PrivacyBudget(Double.POSITIVE_INFINITY, 0), 1));
      System.out.println("trained");
    } catch (IllegalStateException e) {
      System.out.println("fit: " + e.getMessage());
    }
  }

  @Test
  void aModelIsServedWithoutNd4jOnTheClassPath(@TempDir Path dir) throws Exception {
    TableModel model = VaeGeneratorTest.fit(SmallTable.rows(600, 7, false),
        new PrivacyBudget(Double.POSITIVE_INFINITY, 0), 2, VaeGeneratorTest.FAST).model();
    Path file = dir.resolve("model.bin");
    Files.write(file, model.toBytes());
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.toLowerCase(Locale.ROOT).matches(".*(nd4j|deeplearning4j|bytedeco|javacpp|openblas).*"))
        .collect(Collectors.joining(File.pathSeparator));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", classPath,
        VaeServingWithoutNd4jTest.class.getName(), file.toString())).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!child.waitFor(120, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new IOException("second JVM did not finish");
    }
    assertEquals(0, child.exitValue(), out);
    List<String> lines = out.lines().toList();
    assertTrue(lines.contains("nd4j absent"), out);
    assertTrue(lines.contains("digest " + digest(model)), out);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(
        "fit: generator vae needs Deeplearning4j on the class path to train: ")), out);
  }
}
