package io.surrogate.synth.cart;

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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same fit and the same partitions in an interpreted second JVM (no JIT intrinsics) give the same
 * model bytes and rows as in this one.
 */
class CartCrossJvmTest {

  /** SHA-256 over the model bytes and partitions 2, 0 and 1, drawn in that order. */
  static String digest() throws Exception {
    TableModel model = new CartGenerator().fit(MixedTable.rows(2000, 3), FitOptions.of(new PrivacyBudget(2, 1e-9), 8).withNoise(TestNoise.seeded(8)))
        .model();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(model.toBytes());
    PartitionedSampler sampler = new PartitionedSampler(model, 12, 3000, 1000);
    for (int p : new int[] {2, 0, 1}) {
      sha.update(Arrays.deepToString(sampler.partition(p)).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Entry point of the second JVM: prints the digest. */
  public static void main(String[] args) throws Exception {
    System.out.println(digest());
  }

  @Test
  void anInterpretedJvmProducesTheSameModelAndRows() throws Exception {
    String here = digest();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xint", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        CartCrossJvmTest.class.getName())).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!child.waitFor(180, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new IOException("second JVM did not finish");
    }
    assertEquals(0, child.exitValue(), out);
    assertEquals(here, out.lines().reduce((a, b) -> b).orElse(""));
  }
}
