package io.surrogate.synth.pii;

import io.surrogate.synth.sample.Seeds;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Produces personal data from fixed word lists and a seeded stream, never from real rows: the same
 * (seed, column, synthetic key) always yields the same value, so a synthetic person keeps one name.
 */
public final class PiiFaker {
  private static final List<String> FIRST = List.of("Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace",
      "Hiro", "Ines", "Jonas", "Kira", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tara",
      "Uma", "Victor", "Wen", "Xavier", "Yara", "Zane", "Amara", "Bruno", "Carmen", "Dmitri", "Esme", "Felix");
  private static final List<String> LAST = List.of("Abbott", "Banerjee", "Castillo", "Dubois", "Eriksen",
      "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura",
      "Okafor", "Petrov", "Quintero", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz",
      "Zhang", "Almeida", "Brennan", "Costa", "Delgado", "Novak", "Silva");
  private static final List<String> STREETS = List.of("Maple", "Oak", "Cedar", "Elm", "Pine", "Birch", "Willow",
      "Harbor", "Station", "Mill", "Church", "Park", "River", "Hill", "Lake", "Garden");
  private static final List<String> STREET_TYPES = List.of("Street", "Avenue", "Road", "Lane", "Way", "Drive");
  private static final List<String> CITIES = List.of("Springfield", "Riverton", "Lakeside", "Fairview",
      "Greenville", "Bristol", "Franklin", "Clinton", "Georgetown", "Salem", "Madison", "Ashland", "Oakdale",
      "Milton", "Newport", "Dover");
  private static final List<String> WORDS = List.of("patient", "reports", "mild", "follow-up", "advised",
      "rest", "stable", "review", "symptoms", "improved", "requested", "callback", "no", "change", "noted",
      "plan", "routine", "check", "scheduled", "history");
  private static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net");

  private PiiFaker() {
  }

  /** The fake value of {@code kind} for the synthetic row keyed {@code key} of column {@code column}. */
  public static String value(PiiKind kind, long seed, String column, long key) {
    RandomGenerator r = Seeds.stream(seed ^ key * 0x9E3779B97F4A7C15L, column.toLowerCase(Locale.ROOT));
    switch (kind) {
      case FIRST_NAME:
        return pick(FIRST, r);
      case LAST_NAME:
        return pick(LAST, r);
      case FULL_NAME:
        return pick(FIRST, r) + " " + pick(LAST, r);
      case EMAIL:
        return (pick(FIRST, r) + "." + pick(LAST, r)).toLowerCase(Locale.ROOT) + key + "@" + pick(DOMAINS, r);
      case PHONE:
        return String.format(Locale.ROOT, "+1-555-%03d-%04d", r.nextInt(1000), r.nextInt(10000));
      case NATIONAL_ID:
        // 9xx area numbers are never issued as US SSNs, so a fake can never be a real one
        return String.format(Locale.ROOT, "9%02d-%02d-%04d", r.nextInt(100), 1 + r.nextInt(99), 1 + r.nextInt(9999));
      case ADDRESS:
        return (1 + r.nextInt(9999)) + " " + pick(STREETS, r) + " " + pick(STREET_TYPES, r);
      case CITY:
        return pick(CITIES, r);
      case FREE_TEXT:
        StringBuilder text = new StringBuilder();
        int words = 4 + r.nextInt(8);
        for (int i = 0; i < words; i++) {
          text.append(i == 0 ? "" : " ").append(pick(WORDS, r));
        }
        return text.append('.').toString();
      default:
        throw new IllegalArgumentException("pii kind: " + kind);
    }
  }

  private static String pick(List<String> list, RandomGenerator r) {
    return list.get(r.nextInt(list.size()));
  }
}
