package io.surrogate.synth.pii;

import java.util.Locale;

/** The kinds of personal data a data-free faker can produce. */
public enum PiiKind {
  FIRST_NAME,
  LAST_NAME,
  FULL_NAME,
  EMAIL,
  PHONE,
  NATIONAL_ID,
  ADDRESS,
  CITY,
  FREE_TEXT;

  /** Parses a policy spelling such as {@code email} or {@code national_id}. */
  public static PiiKind parse(String text) {
    String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    switch (key) {
      case "NAME":
        return FULL_NAME;
      case "TEXT":
        return FREE_TEXT;
      case "SSN":
        return NATIONAL_ID;
      default:
        return valueOf(key);
    }
  }

  /** The spelling used in policy files. */
  public String policyName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
