package io.surrogate.proxy.source;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.surrogate.proxy.auth.ScramClient;
import io.surrogate.proxy.auth.ScramExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy's side of logging in to a PostgreSQL server (a source, or the twin a session is relayed to): the
 * startup message, then an answer to each authentication request (trust, clear-text password, md5, SCRAM-SHA-256
 * without channel binding).
 */
public final class SourceLogin {
  private static final int PROTOCOL_3 = 196608;
  /** pgJDBC's own settings, so values read the same as on the engine's JDBC path. */
  static final Map<String, String> ENGINE_SETTINGS = settings("client_encoding", "UTF8", "DateStyle", "ISO",
      "extra_float_digits", "3", "application_name", "surrogate-proxy");

  private final SourceEndpoint endpoint;
  private final SecureRandom random;
  private final Map<String, String> settings;
  private ScramClient scram;

  SourceLogin(SourceEndpoint endpoint, SecureRandom random) {
    this(endpoint, random, ENGINE_SETTINGS);
  }

  /**
   * A login to {@code endpoint} whose startup message carries {@code settings} (run-time parameters such as
   * {@code application_name}; {@code user} and {@code database} come from the endpoint and are ignored here).
   */
  public SourceLogin(SourceEndpoint endpoint, SecureRandom random, Map<String, String> settings) {
    this.endpoint = endpoint;
    this.random = random;
    this.settings = new LinkedHashMap<>(settings);
    this.settings.remove("user");
    this.settings.remove("database");
  }

  private static Map<String, String> settings(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The StartupMessage: the login, the database, and the session settings. */
  public ByteBuf startup(ByteBufAllocator alloc) {
    ByteBuf out = alloc.buffer(128);
    out.writeInt(0).writeInt(PROTOCOL_3);
    cstring(out, "user");
    cstring(out, endpoint.user());
    cstring(out, "database");
    cstring(out, endpoint.database());
    for (Map.Entry<String, String> p : settings.entrySet()) {
      cstring(out, p.getKey());
      cstring(out, p.getValue());
    }
    out.writeByte(0);
    out.setInt(0, out.readableBytes());
    return out;
  }

  /**
   * The answer to an Authentication message ({@code f}, a whole frame) or null when none is due.
   *
   * @throws Failure when the source asks for what this path cannot give
   */
  public ByteBuf answer(ByteBuf f, ByteBufAllocator alloc) throws Failure {
    int body = f.readerIndex() + 5;
    int code = f.getInt(body);
    int at = body + 4;
    String rest = f.toString(at, f.writerIndex() - at, StandardCharsets.UTF_8);
    try {
      return switch (code) {
        case 0, 12 -> {
          if (code == 12) {
            scram.verifyServerFinal(rest);
          }
          yield null;
        }
        case 3 -> password(alloc, bytes(password()));
        case 5 -> {
          byte[] salt = new byte[4];
          f.getBytes(at, salt);
          yield password(alloc, bytes(md5Response(password(), endpoint.user(), salt)));
        }
        case 10 -> {
          List<String> mechanisms = mechanisms(f, at);
          if (!mechanisms.contains(ScramExchange.MECHANISM)) {
            throw new Failure("the source offers SASL mechanisms " + mechanisms + " (expected: "
                + ScramExchange.MECHANISM + ")");
          }
          scram = new ScramClient(password().toCharArray(), random);
          byte[] first = bytes(scram.clientFirst());
          ByteBuf out = alloc.buffer(64 + first.length);
          out.writeByte('p').writeInt(0);
          cstring(out, ScramExchange.MECHANISM);
          out.writeInt(first.length).writeBytes(first);
          yield sized(out);
        }
        case 11 -> {
          byte[] fin = bytes(scram.clientFinal(rest));
          ByteBuf out = alloc.buffer(8 + fin.length);
          out.writeByte('p').writeInt(0).writeBytes(fin);
          yield sized(out);
        }
        default -> throw new Failure("the source asks for authentication method " + code
            + ", which this path does not speak (it speaks trust, password, md5 and SCRAM-SHA-256)");
      };
    } catch (ScramExchange.ScramException e) {
      throw new Failure(e.getMessage());
    }
  }

  /** PostgreSQL's md5 password response: {@code "md5" + md5(md5(password + user) + salt)}, in hex. */
  static String md5Response(String password, String user, byte[] salt) {
    byte[] inner = bytes(md5Hex(concat(bytes(password), bytes(user))));
    return "md5" + md5Hex(concat(inner, salt));
  }

  private static List<String> mechanisms(ByteBuf f, int at) {
    List<String> mechanisms = new ArrayList<>();
    int i = at;
    while (i < f.writerIndex() && f.getByte(i) != 0) {
      int end = f.indexOf(i, f.writerIndex(), (byte) 0);
      if (end < 0) {
        break;
      }
      mechanisms.add(f.toString(i, end - i, StandardCharsets.UTF_8));
      i = end + 1;
    }
    return mechanisms;
  }

  private String password() throws Failure {
    if (endpoint.password() == null) {
      throw new Failure("the source asks for a password and none is configured");
    }
    return endpoint.password();
  }

  private static ByteBuf password(ByteBufAllocator alloc, byte[] secret) {
    ByteBuf out = alloc.buffer(8 + secret.length);
    out.writeByte('p').writeInt(0).writeBytes(secret).writeByte(0);
    return sized(out);
  }

  private static ByteBuf sized(ByteBuf out) {
    out.setInt(1, out.writerIndex() - 1);
    return out;
  }

  static void cstring(ByteBuf out, String s) {
    out.writeCharSequence(s, StandardCharsets.UTF_8);
    out.writeByte(0);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static String md5Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  /** A login the source refused or that this path cannot complete. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    public Failure(String message) {
      super(message);
    }
  }
}
