package io.surrogate.synth.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records: comma-separated fields, double-quoted fields that may hold commas, line
 * breaks and doubled quotes, CRLF or LF line ends. Every record reports the line it started on.
 */
public final class CsvParser {
  private final Reader in;
  private final String source;
  private int line = 1;
  private int peeked = -2;

  /**
   * One record.
   *
   * @param line 1-based line the record starts on
   * @param fields field texts, unquoted
   */
  public record Record(int line, List<String> fields) {
  }

  /**
   * @param in the text (buffer it for speed)
   * @param source name used in error messages
   */
  public CsvParser(Reader in, String source) {
    this.in = in;
    this.source = source;
  }

  /** The next record, or null at end of input; a blank line is a record of one empty field. */
  public Record next() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    int start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c == -1) {
          throw new IllegalArgumentException(
              source + " line " + start + ": unterminated quoted field (expected: closing \")");
        }
        if (c == '"') {
          int n = read();
          if (n == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = n;
            continue;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\n' || c == -1) {
        if (c == '\n') {
          line++;
        }
        break;
      } else if (c == '\r') {
        int n = read();
        if (n != '\n') {
          unread(n);
        }
        line++;
        break;
      } else if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else {
        field.append((char) c);
      }
      c = read();
    }
    fields.add(field.toString());
    return new Record(start, fields);
  }

  private int read() throws IOException {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    return in.read();
  }

  private void unread(int c) {
    peeked = c;
  }
}
