package io.surrogate.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of composed YAML nodes, so that every error names the file, line and dotted
 * field; also resolves {@code ${NAME}} (and {@code ${NAME:-fallback}}) from the environment in scalars.
 */
final class PolicyNodes {
  private static final Pattern ENV = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\\}");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

  private final String fileName;
  private final UnaryOperator<String> env;

  PolicyNodes(String fileName, UnaryOperator<String> env) {
    this.fileName = fileName;
    this.env = env;
  }

  PolicyException error(Node node, String field, String problem) {
    return new PolicyException(fileName, line(node), field, problem);
  }

  static int line(Node node) {
    return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  static boolean isNull(Node node) {
    return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
  }

  /**
   * The entries of a mapping in file order, refusing duplicate and unknown keys (a typo must never
   * silently drop a protection). A null node reads as an empty mapping.
   */
  Map<String, Node> mapping(Node node, String field, Set<String> allowed) throws PolicyException {
    Map<String, Node> out = new LinkedHashMap<>();
    if (isNull(node)) {
      return out;
    }
    if (!(node instanceof MappingNode)) {
      throw error(node, field, "expected a mapping of keys to values, found " + describe(node));
    }
    Map<String, Node> keyNodes = new LinkedHashMap<>();
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      Node keyNode = t.getKeyNode();
      if (!(keyNode instanceof ScalarNode) || isNull(keyNode)) {
        throw error(keyNode, field, "expected a plain key, found " + describe(keyNode));
      }
      String key = ((ScalarNode) keyNode).getValue();
      String path = field == null ? key : field + "." + key;
      if (allowed != null && !allowed.contains(key)) {
        throw error(keyNode, path, "unknown key '" + key + "' (expected one of: " + String.join(", ", sorted(allowed))
            + ")");
      }
      for (String seen : keyNodes.keySet()) {
        if (seen.equalsIgnoreCase(key)) {
          throw error(keyNode, path, "duplicate key '" + key + "' (first at line " + line(keyNodes.get(seen)) + ")");
        }
      }
      keyNodes.put(key, keyNode);
      out.put(key, t.getValueNode());
    }
    return out;
  }

  /** The line of a key, for errors about a whole entry. */
  static Node keyNode(Node mapping, String key) {
    if (mapping instanceof MappingNode) {
      for (NodeTuple t : ((MappingNode) mapping).getValue()) {
        if (t.getKeyNode() instanceof ScalarNode && key.equals(((ScalarNode) t.getKeyNode()).getValue())) {
          return t.getKeyNode();
        }
      }
    }
    return mapping;
  }

  List<Node> sequence(Node node, String field) throws PolicyException {
    if (!(node instanceof SequenceNode)) {
      throw error(node, field, "expected a list such as [a, b], found " + describe(node));
    }
    return ((SequenceNode) node).getValue();
  }

  /** A scalar with environment references resolved; never null. */
  String string(Node node, String field) throws PolicyException {
    if (!(node instanceof ScalarNode) || isNull(node)) {
      throw error(node, field, "expected a value, found " + describe(node));
    }
    return interpolate(((ScalarNode) node).getValue(), node, field);
  }

  String interpolate(String text, Node node, String field) throws PolicyException {
    Matcher m = ENV.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$";
      } else {
        String value = env.apply(m.group(1));
        if (value == null) {
          value = m.group(2);
        }
        if (value == null) {
          throw error(node, field, "environment variable " + m.group(1) + " is not set (expected: set it, or write ${"
              + m.group(1) + ":-fallback})");
        }
        replacement = value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A number; {@code .inf}, {@code inf} and {@code infinity} read as +∞ when allowed. */
  double number(Node node, String field, boolean allowInfinity) throws PolicyException {
    String text = string(node, field).trim();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals(".inf") || lower.equals("+.inf") || lower.equals("inf") || lower.equals("infinity")
        || lower.equals("+infinity")) {
      if (allowInfinity) {
        return Double.POSITIVE_INFINITY;
      }
      throw error(node, field, text + " (expected: a finite number)");
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw error(node, field, "'" + text + "' (expected: a number)");
    }
    return Double.parseDouble(text);
  }

  double positive(Node node, String field, boolean allowInfinity) throws PolicyException {
    double v = number(node, field, allowInfinity);
    if (!(v > 0)) {
      throw error(node, field, v + " (expected: > 0)");
    }
    return v;
  }

  long integer(Node node, String field) throws PolicyException {
    String text = string(node, field).trim();
    if (!INTEGER.matcher(text).matches()) {
      throw error(node, field, "'" + text + "' (expected: a whole number)");
    }
    try {
      return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      throw error(node, field, text + " (expected: a whole number between " + Long.MIN_VALUE + " and "
          + Long.MAX_VALUE + ")");
    }
  }

  boolean bool(Node node, String field) throws PolicyException {
    String text = string(node, field).trim().toLowerCase(Locale.ROOT);
    if (text.equals("true")) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw error(node, field, "'" + text + "' (expected: true or false)");
  }

  /** One of {@code choices}, compared ignoring case; returns the matching choice. */
  String choice(Node node, String field, List<String> choices) throws PolicyException {
    String text = string(node, field).trim();
    for (String c : choices) {
      if (c.equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw error(node, field, "'" + text + "' (expected: " + String.join(" or ", choices) + ")");
  }

  static String describe(Node node) {
    if (isNull(node)) {
      return "nothing";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
