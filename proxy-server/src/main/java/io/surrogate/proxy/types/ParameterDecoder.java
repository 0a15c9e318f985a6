package io.surrogate.proxy.types;

import io.surrogate.catalog.SqlState;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns a Bind parameter (bytes in text or binary format, with its PostgreSQL type) into a Java value for
 * {@link java.sql.PreparedStatement#setObject}. Bad input raises SQLSTATE 22P02 (text) or 22P03 (binary).
 */
public final class ParameterDecoder {
  private static final DateTimeFormatter LOCAL_TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .appendLiteral(' ')
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .toFormatter(Locale.ROOT);
  private static final DateTimeFormatter OFFSET_TIMESTAMP = new DateTimeFormatterBuilder()
      .append(LOCAL_TIMESTAMP)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendOffset("+HH:mm", "+00")
      .toFormatter(Locale.ROOT);

  private ParameterDecoder() { }

  /** Decodes one parameter; {@code bytes == null} is SQL NULL. */
  public static Object decode(PgType type, boolean binary, byte[] bytes) throws SQLException {
    if (bytes == null) {
      return null;
    }
    if (binary) {
      return decodeBinary(type, bytes);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      return decodeText(type, text);
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      SqlState state = e instanceof DateTimeParseException ? SqlState.INVALID_DATETIME_FORMAT
          : SqlState.INVALID_TEXT_REPRESENTATION;
      throw state.create("invalid input syntax for type " + type.displayName() + ": \"" + text + "\"");
    }
  }

  static Object decodeText(PgType type, String text) {
    String t = text.trim();
    return switch (type) {
      case BOOL -> parseBool(t);
      case INT2 -> Short.parseShort(t);
      case INT4, OID -> Integer.parseInt(t);
      case INT8 -> Long.parseLong(t);
      case FLOAT4 -> Float.parseFloat(t);
      case FLOAT8 -> Double.parseDouble(t);
      case NUMERIC -> new BigDecimal(t);
      case DATE -> java.sql.Date.valueOf(LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t));
      case TIME -> java.sql.Time.valueOf(LocalTime.parse(t));
      case TIMESTAMP -> Timestamp.valueOf(parseLocalTimestamp(t));
      case TIMESTAMPTZ -> Timestamp.from(parseInstant(t));
      case UUID -> UUID.fromString(t);
      case BYTEA -> parseBytea(text);
      default -> text;
    };
  }

  private static Boolean parseBool(String t) {
    switch (t.toLowerCase(Locale.ROOT)) {
      case "t", "true", "y", "yes", "on", "1":
        return Boolean.TRUE;
      case "f", "false", "n", "no", "off", "0":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException(t);
    }
  }

  /** Accepts {@code yyyy-MM-dd[ HH:mm:ss[.f]]} and ignores a trailing zone, as PostgreSQL does for timestamp. */
  static LocalDateTime parseLocalTimestamp(String t) {
    String s = t.replace('T', ' ');
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay();
    }
    int zoneAt = zoneStart(s);
    return LocalDateTime.parse(zoneAt < 0 ? s : s.substring(0, zoneAt).trim(), LOCAL_TIMESTAMP);
  }

  static Instant parseInstant(String t) {
    String s = t.replace('T', ' ');
    int zoneAt = zoneStart(s);
    if (zoneAt < 0) {
      return parseLocalTimestamp(s).toInstant(ZoneOffset.UTC);
    }
    String zone = s.substring(zoneAt).trim();
    if (zone.equals("Z") || zone.equalsIgnoreCase("UTC")) {
      return parseLocalTimestamp(s.substring(0, zoneAt).trim()).toInstant(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(s, OFFSET_TIMESTAMP).toInstant();
  }

  /** Index where a zone suffix (+hh, -hh:mm, Z, UTC) begins after the time part, or -1. */
  private static int zoneStart(String s) {
    for (int i = 11; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+' || c == '-' || c == 'Z' || c == 'U') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] parseBytea(String text) {
    if (text.startsWith("\\x")) {
      return HexFormat.of().parseHex(text.substring(2));
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static Object decodeBinary(PgType type, byte[] b) throws SQLException {
    ByteBuffer in = ByteBuffer.wrap(b);
    try {
      Object value = switch (type) {
        case BOOL -> fixed(b, 1) && b[0] != 0;
        case INT2 -> fixed(b, 2) ? in.getShort() : null;
        case INT4, OID -> fixed(b, 4) ? in.getInt() : null;
        case INT8 -> fixed(b, 8) ? in.getLong() : null;
        case FLOAT4 -> fixed(b, 4) ? in.getFloat() : null;
        case FLOAT8 -> fixed(b, 8) ? in.getDouble() : null;
        case NUMERIC -> PgNumeric.decode(b);
        case DATE -> fixed(b, 4) ? java.sql.Date.valueOf(LocalDate.ofEpochDay(in.getInt()
            + ValueEncoder.PG_EPOCH_DAYS)) : null;
        case TIME -> fixed(b, 8) ? java.sql.Time.valueOf(LocalTime.ofNanoOfDay(in.getLong() * 1000)) : null;
        case TIMESTAMP -> fixed(b, 8) ? Timestamp.valueOf(LocalDateTime.ofInstant(instantOf(in.getLong()),
            ZoneOffset.UTC)) : null;
        case TIMESTAMPTZ -> fixed(b, 8) ? Timestamp.from(instantOf(in.getLong())) : null;
        case UUID -> fixed(b, 16) ? new UUID(in.getLong(), in.getLong()) : null;
        case BYTEA -> b;
        default -> new String(b, StandardCharsets.UTF_8);
      };
      return value;
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw SqlState.INVALID_BINARY_REPRESENTATION.create("invalid binary value for type " + type.typeName() + ": "
          + e.getMessage());
    } catch (WrongLength e) {
      throw SqlState.INVALID_BINARY_REPRESENTATION.create("invalid binary length for type " + type.typeName() + ": "
          + b.length
          + " bytes (expected: " + e.expected + ")");
    }
  }

  private static Instant instantOf(long pgMicros) {
    long seconds = Math.floorDiv(pgMicros, 1_000_000L) + ValueEncoder.PG_EPOCH_SECONDS;
    long micros = Math.floorMod(pgMicros, 1_000_000L);
    return Instant.ofEpochSecond(seconds, micros * 1000).with(ChronoField.NANO_OF_SECOND, micros * 1000);
  }

  private static boolean fixed(byte[] b, int expected) {
    if (b.length != expected) {
      throw new WrongLength(expected);
    }
    return true;
  }

  /** Signals a binary value of the wrong size; turned into SQLSTATE 22P03. */
  private static final class WrongLength extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int expected;

    WrongLength(int expected) {
      super(null, null, false, false);
      this.expected = expected;
    }
  }
}
