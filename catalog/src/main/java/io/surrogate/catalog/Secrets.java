package io.surrogate.catalog;

import java.util.regex.Pattern;

/**
 * Masks passwords in text meant for people (log lines, error messages, {@code toString}): a JDBC URL may carry
 * one in its user info ({@code //user:secret@host}) or as a parameter ({@code ?password=secret},
 * {@code ;PASSWORD=secret}, {@code &sslpassword=secret}).
 */
public final class Secrets {
  /** What a masked secret reads as. */
  public static final String MASK = "***";

  /** A parameter whose name contains "password" (any case), up to the next separator, space or quote. */
  private static final Pattern PARAMETER =
      Pattern.compile("(?i)(\\b[\\w.-]*(?:password|passwd|pwd)[\\w.-]*\\s*=)[^&;\\s'\"]*");
  /** The password of {@code //user:password@host}. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^/?#@:;]*:)[^/?#@]*@");

  private Secrets() { }

  /** {@code url} with every password replaced by {@link #MASK}; null stays null. */
  public static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked = USER_INFO.matcher(url).replaceAll("$1" + MASK + "@");
    return PARAMETER.matcher(masked).replaceAll("$1" + MASK);
  }

  /** {@code text} (e.g. a driver's error message) with every password in a URL or parameter list masked. */
  public static String mask(String text) {
    return maskUrl(text);
  }
}
