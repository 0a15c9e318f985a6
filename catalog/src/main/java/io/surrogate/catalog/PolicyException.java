package io.surrogate.catalog;

/**
 * A policy file that cannot be used, with the file, line and field at fault.
 *
 * <p>Messages read like {@code policy surrogate.yaml line 12: tables.patients.generator: unknown
 * generator 'gan' (expected: cart, copula, vae)}. It carries no SQLSTATE; callers map it to one.
 */
public class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final int line;
  private final String field;
  private final String problem;

  /**
   * @param fileName name of the policy file as the user gave it
   * @param line 1-based line, or 0 when unknown
   * @param field dotted path of the field at fault, or null for the whole file
   * @param problem what is wrong, naming the value and what was expected
   */
  public PolicyException(String fileName, int line, String field, String problem) {
    super(format(fileName, line, field, problem));
    this.fileName = fileName;
    this.line = line;
    this.field = field;
    this.problem = problem;
  }

  /** As {@link #PolicyException(String, int, String, String)}, keeping the cause (never one carrying data). */
  public PolicyException(String fileName, int line, String field, String problem, Throwable cause) {
    this(fileName, line, field, problem);
    initCause(cause);
  }

  private static String format(String fileName, int line, String field, String problem) {
    StringBuilder b = new StringBuilder("policy ").append(fileName);
    if (line > 0) {
      b.append(" line ").append(line);
    }
    b.append(": ");
    if (field != null && !field.isEmpty()) {
      b.append(field).append(": ");
    }
    return b.append(problem).toString();
  }

  public String fileName() {
    return fileName;
  }

  /** 1-based line of the fault, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** Dotted path such as {@code tables.patients.generator}, or null. */
  public String field() {
    return field;
  }

  /** The problem alone, without file, line and field. */
  public String problem() {
    return problem;
  }
}
