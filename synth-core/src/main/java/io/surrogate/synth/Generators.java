package io.surrogate.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds generators by policy name through {@link ServiceLoader}, so new ones plug in by jar. */
public final class Generators {
  private static volatile Map<String, Generator> byName;

  private Generators() {
  }

  /**
   * Returns the generator of that name.
   *
   * @throws IllegalArgumentException naming the known generators when none matches
   */
  public static Generator forName(String name) {
    Generator g = all().get(name.toLowerCase(Locale.ROOT));
    if (g == null) {
      throw new IllegalArgumentException(
          "unknown generator '" + name + "' (expected: " + String.join(", ", names()) + ")");
    }
    return g;
  }

  /** Names of every generator on the class path, sorted. */
  public static List<String> names() {
    return new ArrayList<>(all().keySet());
  }

  private static Map<String, Generator> all() {
    Map<String, Generator> m = byName;
    if (m == null) {
      m = new TreeMap<>();
      for (Generator g : ServiceLoader.load(Generator.class, Generators.class.getClassLoader())) {
        m.put(g.name().toLowerCase(Locale.ROOT), g);
      }
      byName = m;
    }
    return m;
  }
}
