package io.surrogate.driver.internal;

import java.util.regex.Pattern;

/**
 * Last-resort cleaning of error messages before a client sees them: no Java class name, exception name, generated
 * class or stack frame may reach a client, whatever threw.
 */
public final class ClientMessages {
  /** What a clean message never contains. */
  private static final Pattern JAVA = Pattern.compile("\\b(?:java|javax|jdk|sun|org\\.apache|org\\.h2|io\\.surrogate)"
      + "\\.|Exception\\b|\\w+Error\\b|\\bBaz\\b|\\w\\$\\d|\\bat [\\w$.]+\\(|Could not initialize class"
      + "|\\bclass [\\w$.]+\\b cannot be cast");
  private static final Pattern TRACE = Pattern.compile("(?s)\\n\\s*(?:at |Caused by:|\\.\\.\\. \\d+ more).*");
  private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][\\w]*\\.)+[A-Z][\\w$]*");
  private static final Pattern THROWABLE_NAME = Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b:?\\s*");
  private static final String FALLBACK = "internal error in the Surrogate engine";

  private ClientMessages() {
  }

  /** True when {@code message} shows nothing of Java. */
  public static boolean isClean(String message) {
    return message != null && !message.isBlank() && !JAVA.matcher(message).find();
  }

  /** {@code message} as it may reach a client: unchanged when clean, else with the Java parts cut out. */
  public static String sanitize(String message) {
    if (isClean(message)) {
      return message;
    }
    if (message == null) {
      return FALLBACK;
    }
    String m = TRACE.matcher(message).replaceAll("");
    m = QUALIFIED.matcher(m).replaceAll("");
    m = THROWABLE_NAME.matcher(m).replaceAll("");
    m = m.replaceAll("\\s+", " ").replaceAll("^[\\s:;,.()]+|[\\s:;,(]+$", "").strip();
    return isClean(m) ? FALLBACK + ": " + m : FALLBACK;
  }
}
