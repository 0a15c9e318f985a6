package io.surrogate.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the client's byte stream into {@link FrontendMessage}s: first untyped startup-phase packets, then typed
 * messages. Each step returns {@code false} when bytes are still missing; a bad length or an unknown message type
 * raises a {@link ProtocolException} before the body is buffered, so an oversized message never fills memory.
 */
public final class FrontendDecoder extends ByteToMessageDecoder {
  /** Largest startup packet PostgreSQL itself accepts. */
  static final int MAX_STARTUP_LENGTH = 10_000;
  static final int SSL_REQUEST_CODE = 80877103;
  static final int GSSENC_REQUEST_CODE = 80877104;
  static final int CANCEL_REQUEST_CODE = 80877102;

  /** Where the decoder is in the protocol. */
  enum State {
    /** Untyped packets: SSLRequest, GSSENCRequest, CancelRequest, StartupMessage. */
    STARTUP,
    /** Typed messages after the startup packet. */
    MESSAGES,
    /** A violation was reported; further bytes are discarded. */
    FAILED
  }

  private final int maxMessageSize;
  private State state = State.STARTUP;

  /** Creates a decoder that rejects typed messages longer than {@code maxMessageSize} bytes. */
  public FrontendDecoder(int maxMessageSize) {
    if (maxMessageSize < 1024) {
      throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: >= 1024)");
    }
    this.maxMessageSize = maxMessageSize;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    try {
      switch (state) {
        case STARTUP -> decodeStartup(in, out);
        case MESSAGES -> decodeMessage(in, out);
        default -> in.skipBytes(in.readableBytes());
      }
    } catch (ProtocolException e) {
      state = State.FAILED;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  private boolean decodeStartup(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 4) {
      return false;
    }
    int length = in.getInt(in.readerIndex());
    if (length < 8 || length > MAX_STARTUP_LENGTH) {
      throw new ProtocolException("invalid length of startup packet: " + length
          + " (expected: 8.." + MAX_STARTUP_LENGTH + ")");
    }
    if (in.readableBytes() < length) {
      return false;
    }
    in.skipBytes(4);
    ByteBuf body = in.readSlice(length - 4);
    int code = body.readInt();
    switch (code) {
      case SSL_REQUEST_CODE -> out.add(new FrontendMessage.SslRequest());
      case GSSENC_REQUEST_CODE -> out.add(new FrontendMessage.GssEncRequest());
      case CANCEL_REQUEST_CODE -> out.add(decodeCancel(body));
      default -> {
        out.add(decodeStartupMessage(code, body));
        state = State.MESSAGES;
      }
    }
    return true;
  }

  private static FrontendMessage decodeCancel(ByteBuf body) {
    if (body.readableBytes() < 8) {
      throw new ProtocolException("invalid CancelRequest: " + body.readableBytes()
          + " bytes after the code (expected: 8)");
    }
    return new FrontendMessage.CancelRequest(body.readInt(), body.readInt());
  }

  private static FrontendMessage decodeStartupMessage(int version, ByteBuf body) {
    int major = version >>> 16;
    if (major != 3) {
      throw new ProtocolException("unsupported frontend protocol " + major + "." + (version & 0xFFFF)
          + ": server supports 3.0");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    while (true) {
      String name = readCString(body);
      if (name.isEmpty()) {
        break;
      }
      parameters.put(name, readCString(body));
    }
    return new FrontendMessage.Startup(version, parameters);
  }

  private boolean decodeMessage(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 5) {
      return false;
    }
    int start = in.readerIndex();
    char type = (char) in.getByte(start);
    int length = in.getInt(start + 1);
    if (!isKnownType(type)) {
      throw new ProtocolException("invalid frontend message type " + (int) type);
    }
    if (length < 4) {
      throw new ProtocolException("invalid message length: " + length + " (expected: >= 4)");
    }
    if (length > maxMessageSize) {
      throw new ProtocolException("message of type '" + type + "' too large: " + length
          + " bytes (expected: <= " + maxMessageSize + ")");
    }
    if (in.readableBytes() < length + 1) {
      return false;
    }
    in.skipBytes(5);
    ByteBuf body = in.readSlice(length - 4);
    try {
      out.add(decodeBody(type, body));
    } catch (IndexOutOfBoundsException e) {
      throw new ProtocolException("invalid message format: message '" + type + "' is truncated");
    }
    if (body.isReadable()) {
      throw new ProtocolException("invalid message format: " + body.readableBytes()
          + " unexpected bytes at the end of message '" + type + "'");
    }
    return true;
  }

  private static boolean isKnownType(char type) {
    return "QPBDESHCpX".indexOf(type) >= 0;
  }

  private static FrontendMessage decodeBody(char type, ByteBuf body) {
    return switch (type) {
      case 'Q' -> new FrontendMessage.Query(readCString(body));
      case 'P' -> decodeParse(body);
      case 'B' -> decodeBind(body);
      case 'D' -> new FrontendMessage.Describe(readKind(body), readCString(body));
      case 'E' -> new FrontendMessage.Execute(readCString(body), body.readInt());
      case 'S' -> new FrontendMessage.Sync();
      case 'H' -> new FrontendMessage.Flush();
      case 'C' -> new FrontendMessage.Close(readKind(body), readCString(body));
      case 'p' -> new FrontendMessage.Password(readBytes(body, body.readableBytes()));
      case 'X' -> new FrontendMessage.Terminate();
      default -> throw new ProtocolException("invalid frontend message type " + (int) type);
    };
  }

  private static FrontendMessage decodeParse(ByteBuf body) {
    String name = readCString(body);
    String sql = readCString(body);
    int count = readCount(body, 4);
    int[] types = new int[count];
    for (int i = 0; i < count; i++) {
      types[i] = body.readInt();
    }
    return new FrontendMessage.Parse(name, sql, types);
  }

  private static FrontendMessage decodeBind(ByteBuf body) {
    String portal = readCString(body);
    String statement = readCString(body);
    short[] parameterFormats = readFormats(body);
    int count = readCount(body, 4);
    byte[][] values = new byte[count][];
    for (int i = 0; i < count; i++) {
      int length = body.readInt();
      if (length < -1) {
        throw new ProtocolException("invalid parameter length: " + length + " (expected: >= -1)");
      }
      values[i] = length == -1 ? null : readBytes(body, length);
    }
    short[] resultFormats = readFormats(body);
    if (parameterFormats.length > 1 && parameterFormats.length != count) {
      throw new ProtocolException("bind message has " + parameterFormats.length + " parameter formats but "
          + count + " parameters");
    }
    return new FrontendMessage.Bind(portal, statement, parameterFormats, values, resultFormats);
  }

  private static short[] readFormats(ByteBuf body) {
    int count = readCount(body, 2);
    short[] formats = new short[count];
    for (int i = 0; i < count; i++) {
      formats[i] = body.readShort();
      if (formats[i] != 0 && formats[i] != 1) {
        throw new ProtocolException("unsupported format code: " + formats[i] + " (expected: 0 or 1)");
      }
    }
    return formats;
  }

  /** Reads an int16 count and checks that at least {@code count * minBytesEach} bytes follow. */
  private static int readCount(ByteBuf body, int minBytesEach) {
    int count = body.readUnsignedShort();
    if ((long) count * minBytesEach > body.readableBytes()) {
      throw new ProtocolException("invalid message format: count " + count + " exceeds the message body");
    }
    return count;
  }

  private static char readKind(ByteBuf body) {
    char kind = (char) body.readByte();
    if (kind != 'S' && kind != 'P') {
      throw new ProtocolException("invalid describe/close kind '" + kind + "' (expected: 'S' or 'P')");
    }
    return kind;
  }

  private static byte[] readBytes(ByteBuf body, int length) {
    byte[] bytes = new byte[length];
    body.readBytes(bytes);
    return bytes;
  }

  private static String readCString(ByteBuf body) {
    int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
    if (end < 0) {
      throw new ProtocolException("invalid message format: string is not terminated");
    }
    String s = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
    body.readerIndex(end + 1);
    return s;
  }
}
