package io.surrogate.synth.relational;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Orders tables so every parent is synthesised before its children: self-references are allowed (served
 * as earlier keys or NULL), other cycles are broken at a nullable link or refused naming the cycle.
 */
public final class ForeignKeyGraph {
  private final Map<String, List<ParentLink>> parentsOf = new LinkedHashMap<>();
  private final List<ParentLink> broken = new ArrayList<>();

  /** Builds the graph of {@code links} over {@code tables} (linked tables not listed are added). */
  public ForeignKeyGraph(Collection<String> tables, Collection<ParentLink> links) {
    for (String t : tables) {
      parentsOf.computeIfAbsent(norm(t), k -> new ArrayList<>());
    }
    for (ParentLink link : links) {
      parentsOf.computeIfAbsent(norm(link.parentTable()), k -> new ArrayList<>());
      parentsOf.computeIfAbsent(norm(link.childTable()), k -> new ArrayList<>()).add(link);
    }
  }

  /**
   * Tables parents-first; throws {@link IllegalArgumentException} naming a cycle no nullable link breaks. A cycle
   * is broken at its closing link when that is nullable, else at another nullable link on it (then the order is
   * computed again without that link).
   */
  public List<String> order() {
    while (true) {
      try {
        List<String> result = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String table : parentsOf.keySet()) {
          visit(table, new LinkedHashSet<>(), new ArrayList<>(), done, result);
        }
        return result;
      } catch (Restart r) {
        // a link inside the cycle was broken; earlier visits may have followed it
      }
    }
  }

  /** Links dropped to break cycles (served as NULL); filled by {@link #order()}. */
  public List<ParentLink> brokenLinks() {
    return List.copyOf(broken);
  }

  private void visit(String table, LinkedHashSet<String> path, List<ParentLink> via, Set<String> done,
      List<String> out) {
    if (done.contains(table)) {
      return;
    }
    path.add(table);
    for (ParentLink link : parentsOf.get(table)) {
      String parent = norm(link.parentTable());
      if (link.selfReference() || done.contains(parent) || broken.contains(link)) {
        continue;
      }
      if (path.contains(parent)) {
        breakCycle(link, path, via, parent);
        continue;
      }
      via.add(link);
      visit(parent, path, via, done, out);
      via.remove(via.size() - 1);
    }
    path.remove(table);
    done.add(table);
    out.add(table);
  }

  private void breakCycle(ParentLink closing, LinkedHashSet<String> path, List<ParentLink> via, String parent) {
    List<String> cycle = new ArrayList<>();
    List<ParentLink> links = new ArrayList<>();
    boolean in = false;
    int i = 0;
    for (String t : path) {
      in |= t.equals(parent);
      if (in) {
        cycle.add(t);
        if (i < via.size()) {
          links.add(via.get(i));
        }
      }
      i++;
    }
    cycle.add(parent);
    if (closing.nullable()) {
      broken.add(closing);
      return;
    }
    for (ParentLink l : links) {
      if (l.nullable()) {
        broken.add(l);
        throw new Restart();
      }
    }
    throw new IllegalArgumentException("foreign-key cycle " + String.join(" -> ", cycle)
        + " (expected: no cycle, or a nullable foreign key on it; every key on it is NOT NULL)");
  }

  /** Unwinds a traversal that followed a link now broken. */
  private static final class Restart extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Restart() {
      super(null, null, false, false);
    }
  }

  private static String norm(String table) {
    return table.toLowerCase(Locale.ROOT);
  }
}
