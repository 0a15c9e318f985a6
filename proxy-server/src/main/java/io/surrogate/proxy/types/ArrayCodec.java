package io.surrogate.proxy.types;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One-dimensional arrays in PostgreSQL's formats: text {@code {1,2,"a b",NULL}} and the binary header (dimensions,
 * null flag, element OID, length and lower bound 1) followed by length-prefixed elements, as {@code array_send}
 * writes them, so that clients' {@code getArray} reads them.
 */
final class ArrayCodec {
  private ArrayCodec() { }

  /** The elements of a JDBC array value, which drivers return as an object or primitive array. */
  static Object[] elements(Object array) {
    if (array instanceof Object[] objects) {
      return Arrays.copyOf(objects, objects.length, Object[].class);
    }
    int n = java.lang.reflect.Array.getLength(array);
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] = java.lang.reflect.Array.get(array, i);
    }
    return out;
  }

  static String text(ValueEncoder encoder, PgType element, List<?> values) {
    StringBuilder sb = new StringBuilder().append('{');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object v = values.get(i);
      if (v == null) {
        sb.append("NULL");
        continue;
      }
      String item = new String(encoder.encodeText(element, v), StandardCharsets.UTF_8);
      sb.append(needsQuotes(item) ? quote(item) : item);
    }
    return sb.append('}').toString();
  }

  /** Whether array_out quotes an element: empty, NULL, or containing a delimiter, brace, quote or space. */
  private static boolean needsQuotes(String item) {
    if (item.isEmpty() || item.equalsIgnoreCase("NULL")) {
      return true;
    }
    for (int i = 0; i < item.length(); i++) {
      char c = item.charAt(i);
      if (c == ',' || c == '{' || c == '}' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
        return true;
      }
    }
    return false;
  }

  private static String quote(String item) {
    return '"' + item.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  static byte[] binary(ValueEncoder encoder, PgType element, List<?> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean hasNull = values.stream().anyMatch(java.util.Objects::isNull);
    if (values.isEmpty()) {
      out.writeBytes(ints(0, 0, element.oid()));
      return out.toByteArray();
    }
    out.writeBytes(ints(1, hasNull ? 1 : 0, element.oid(), values.size(), 1));
    for (Object v : values) {
      if (v == null) {
        out.writeBytes(ints(-1));
      } else {
        byte[] bytes = encoder.encodeBinary(element, v);
        out.writeBytes(ints(bytes.length));
        out.writeBytes(bytes);
      }
    }
    return out.toByteArray();
  }

  private static byte[] ints(int... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length);
    for (int v : values) {
      b.putInt(v);
    }
    return b.array();
  }
}
