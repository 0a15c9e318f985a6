package io.surrogate.catalog;

import io.surrogate.synth.pii.PiiKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Parses a table's {@code columns:} section: PII kinds, fills, public bounds and public domains. */
final class ColumnPolicyParser {
  private static final Set<String> COLUMN_KEYS = Set.of("pii", "fill", "bounds", "domain");
  private static final String PII_CHOICES =
      "email, phone, name, first_name, last_name, national_id, address, city, text";
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern ISO_DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

  private final PolicyNodes nodes;

  ColumnPolicyParser(PolicyNodes nodes) {
    this.nodes = nodes;
  }

  Map<String, ColumnPolicy> parse(Node node, String field) throws PolicyException {
    Map<String, ColumnPolicy> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : nodes.mapping(node, field, null).entrySet()) {
      String name = e.getKey();
      String key = name.toLowerCase(Locale.ROOT);
      if (out.containsKey(key)) {
        throw nodes.error(PolicyNodes.keyNode(node, name), field + "." + name, "column listed twice (ignoring case)");
      }
      out.put(key, column(name, e.getValue(), field + "." + name));
    }
    return out;
  }

  private ColumnPolicy column(String name, Node node, String field) throws PolicyException {
    Map<String, Node> m = nodes.mapping(node, field, COLUMN_KEYS);
    if (m.isEmpty()) {
      throw nodes.error(node, field, "empty declaration (expected: pii, fill, bounds or domain)");
    }
    if (m.containsKey("fill")) {
      if (m.size() > 1) {
        throw nodes.error(node, field, "filled columns are never modelled, so pii, bounds and domain do not apply");
      }
      return ColumnPolicy.filled(name, fill(m.get("fill"), field + ".fill"));
    }
    if (m.containsKey("pii") && m.size() > 1) {
      throw nodes.error(node, field, "pii columns are never modelled, so bounds and domain do not apply");
    }
    if (m.containsKey("bounds") && m.containsKey("domain")) {
      throw nodes.error(node, field, "both bounds and domain (expected: bounds for numbers and dates, domain for"
          + " categories)");
    }
    if (m.containsKey("pii")) {
      return new ColumnPolicy(name, pii(m.get("pii"), field + ".pii"), null, null, null);
    }
    if (m.containsKey("domain")) {
      return new ColumnPolicy(name, null, null, null, domain(m.get("domain"), field + ".domain"));
    }
    return bounds(name, m.get("bounds"), field + ".bounds");
  }

  private PiiKind pii(Node node, String field) throws PolicyException {
    String text = nodes.string(node, field).trim();
    try {
      return PiiKind.parse(text);
    } catch (IllegalArgumentException e) {
      throw nodes.error(node, field, "unknown pii kind '" + text + "' (expected: " + PII_CHOICES + ")");
    }
  }

  /** {@code null}, {@code empty}, {@code default} or {@code { sql: <expression> }}. */
  private ColumnFill fill(Node node, String field) throws PolicyException {
    String expected = " (expected: null, empty, default or { sql: <expression over the row's other columns> })";
    if (PolicyNodes.isNull(node)) {
      return ColumnFill.of(ColumnFill.Kind.NULL);
    }
    if (node instanceof org.yaml.snakeyaml.nodes.MappingNode) {
      Map<String, Node> m = nodes.mapping(node, field, Set.of("sql"));
      Node sql = m.get("sql");
      String text = sql == null || PolicyNodes.isNull(sql) ? "" : nodes.string(sql, field + ".sql").trim();
      if (text.isEmpty()) {
        throw nodes.error(node, field, "no expression" + expected);
      }
      return ColumnFill.sql(text);
    }
    String text = nodes.string(node, field).trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "null" -> ColumnFill.of(ColumnFill.Kind.NULL);
      case "empty" -> ColumnFill.of(ColumnFill.Kind.EMPTY);
      case "default" -> ColumnFill.of(ColumnFill.Kind.DEFAULT);
      default -> throw nodes.error(node, field, "'" + text + "'" + expected);
    };
  }

  private List<String> domain(Node node, String field) throws PolicyException {
    List<Node> items = nodes.sequence(node, field);
    if (items.isEmpty()) {
      throw nodes.error(node, field, "empty list (expected: at least one category)");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (PolicyNodes.isNull(item)) {
        throw nodes.error(item, field + "[" + i + "]", "null (expected: a category; NULL is always its own bin)");
      }
      String value = nodes.string(item, field + "[" + i + "]");
      if (!seen.add(value)) {
        throw nodes.error(item, field + "[" + i + "]", "duplicate category '" + value + "'");
      }
    }
    return new ArrayList<>(seen);
  }

  private ColumnPolicy bounds(String name, Node node, String field) throws PolicyException {
    List<Node> items = nodes.sequence(node, field);
    if (items.size() != 2) {
      throw nodes.error(node, field, items.size() + " values (expected: [lower, upper])");
    }
    BoundsUnit unit = unit(items.get(0), field + "[0]");
    BoundsUnit upperUnit = unit(items.get(1), field + "[1]");
    if (unit != upperUnit) {
      throw nodes.error(node, field, "lower is " + describe(unit) + " but upper is " + describe(upperUnit)
          + " (expected: both the same)");
    }
    double lo = bound(items.get(0), field + "[0]", unit);
    double hi = bound(items.get(1), field + "[1]", unit);
    if (!(lo <= hi)) {
      throw nodes.error(node, field, "[" + text(items.get(0)) + ", " + text(items.get(1))
          + "] (expected: lower <= upper)");
    }
    return new ColumnPolicy(name, null, lo, hi, null, unit);
  }

  private BoundsUnit unit(Node node, String field) throws PolicyException {
    String text = nodes.string(node, field).trim();
    if (ISO_DATE.matcher(text).matches()) {
      return BoundsUnit.DATE;
    }
    if (ISO_DATE_TIME.matcher(text).matches()) {
      return BoundsUnit.DATE_TIME;
    }
    return BoundsUnit.NUMBER;
  }

  private double bound(Node node, String field, BoundsUnit unit) throws PolicyException {
    String text = nodes.string(node, field).trim();
    try {
      switch (unit) {
        case DATE:
          return LocalDate.parse(text).toEpochDay();
        case DATE_TIME:
          return LocalDateTime.parse(text.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
        default:
          return nodes.number(node, field, false);
      }
    } catch (DateTimeParseException e) {
      throw nodes.error(node, field, "'" + text + "' (expected: a valid ISO date such as 2020-01-31)");
    }
  }

  private String text(Node node) {
    return PolicyNodes.describe(node).replace("'", "");
  }

  private static String describe(BoundsUnit unit) {
    return unit == BoundsUnit.NUMBER ? "a number" : unit == BoundsUnit.DATE ? "a date" : "a date-time";
  }
}
