package io.surrogate.cli;

import io.surrogate.catalog.SchemaReader;
import io.surrogate.catalog.TablePolicy;
import io.surrogate.catalog.TableShape;
import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.ColumnSpec;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code surrogate scan}: reads only the source's schema (never a row) and prints a starting policy, flagging text
 * columns whose names suggest personal data and proposing a {@code fill:} for columns no generator models.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Read the source's schema (no rows) and print a starting policy with suspected PII columns.")
final class ScanCommand implements Callable<Integer> {
  private static final List<String[]> PII_HINTS = List.of(
      new String[] {"e_?mail", "email"},
      new String[] {"phone|mobile|fax|tel", "phone"},
      new String[] {"ssn|national_?id|passport|tax_?id", "national_id"},
      new String[] {"first_?name|given_?name", "first_name"},
      new String[] {"last_?name|surname|family_?name", "last_name"},
      new String[] {"full_?name|^name$|customer_?name|patient_?name", "name"},
      new String[] {"address|street", "address"},
      new String[] {"note|comment|description|free_?text|password|passwd|secret|token", "text"},
      new String[] {"user_?name|login", "name"});

  @Mixin
  SourceOptions options = new SourceOptions();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Workspace ws = Workspace.open(options); Connection c = ws.source.getConnection()) {
      out.println("# Starting policy for " + ws.sourceId + " (schema only; no rows were read).");
      out.println("# Tables not listed are synthetic. Review every suggestion before use.");
      out.println("default: synthetic");
      out.println("tables:");
      for (String table : ws.sourceTables()) {
        TablePolicy policy = ws.policy.forTable(table);
        TableShape shape = SchemaReader.shape(c, ws.schema, table, policy);
        out.printf(Locale.ROOT, "  %s:%n    mode: %s%n", table.toLowerCase(Locale.ROOT),
            policy.mode().name().toLowerCase(Locale.ROOT));
        StringBuilder cols = new StringBuilder();
        for (ColumnSpec col : shape.spec().columns()) {
          String hint = col.role() == ColumnRole.PII ? col.pii().policyName()
              : col.role() == ColumnRole.VALUE && col.kind() == ColumnKind.CATEGORICAL ? piiHint(col.name()) : null;
          if (hint != null) {
            cols.append(String.format(Locale.ROOT, "      %s: { pii: %s }%n", col.name().toLowerCase(Locale.ROOT), hint));
          }
        }
        for (TableShape.Filled f : shape.filled()) {
          String fill = f.fill() != null ? f.fill().policyText() : f.nullable() ? "null" : "empty";
          cols.append(String.format(Locale.ROOT, "      %s: { fill: %s }%s%n", f.column().toLowerCase(Locale.ROOT),
              fill, f.fill() != null ? "" : "   # " + readable(f.type()) + " is not modelled"));
        }
        if (cols.length() > 0) {
          out.println("    columns:");
          out.print(cols);
        }
      }
    }
    return 0;
  }

  /** A type name as SQL writes it: pgJDBC names an array type {@code _text}. */
  private static String readable(String type) {
    return type.startsWith("_") ? type.substring(1) + "[]" : type;
  }

  /** The PII kind a column name suggests, or null. */
  static String piiHint(String column) {
    String name = column.toLowerCase(Locale.ROOT);
    for (String[] hint : PII_HINTS) {
      if (Pattern.compile(hint[0]).matcher(name).find()) {
        return hint[1];
      }
    }
    return null;
  }
}
