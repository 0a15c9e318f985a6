package io.surrogate.synth.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.dp.TestNoise;
import io.surrogate.synth.sample.PartitionedSampler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fits and samples in this JVM and in a second one started with a different JIT setup, and compares
 * digests of the model bytes and of partitions drawn in different orders.
 */
class CrossJvmDeterminismTest {

  /** Digest of the model bytes and of partitions 3, 0 and 1 of a sampler over it. */
  static String digest() throws NoSuchAlgorithmException {
    TableModel model = new CopulaGenerator().fit(CopulaGeneratorTest.mixed(3000, 21),
        FitOptions.of(new PrivacyBudget(1, 1e-9), 99).withNoise(TestNoise.seeded(99))).model();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(model.toBytes());
    PartitionedSampler sampler = new PartitionedSampler(model, 5, 4000, 1000);
    for (int p : new int[] {3, 0, 1}) {
      sha.update(Arrays.deepToString(sampler.partition(p)).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Child-JVM entry: prints the digest. */
  public static void main(String[] args) throws Exception {
    System.out.println(digest());
  }

  @Test
  void anotherJvmProducesTheSameModelAndRows() throws Exception {
    String here = digest();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), CrossJvmDeterminismTest.class.getName()))
        .redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!child.waitFor(120, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new IOException("child JVM did not finish");
    }
    assertEquals(0, child.exitValue(), out);
    assertEquals(here, out.lines().reduce((a, b) -> b).orElse(""));
  }
}
