package io.surrogate.proxy.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Pushes raw protocol bytes through {@link FrontendDecoder} in an {@link EmbeddedChannel}. */
class FrontendDecoderTest {

  private static ByteBuf startup(String... kv) {
    ByteBuf body = Unpooled.buffer();
    body.writeInt(196608);
    for (String s : kv) {
      body.writeCharSequence(s, StandardCharsets.UTF_8);
      body.writeByte(0);
    }
    body.writeByte(0);
    ByteBuf out = Unpooled.buffer();
    out.writeInt(body.readableBytes() + 4).writeBytes(body);
    return out;
  }

  private static ByteBuf typed(char type, ByteBuf body) {
    ByteBuf out = Unpooled.buffer();
    out.writeByte(type).writeInt(body.readableBytes() + 4).writeBytes(body);
    return out;
  }

  private static ByteBuf cstr(ByteBuf b, String s) {
    b.writeCharSequence(s, StandardCharsets.UTF_8);
    return b.writeByte(0);
  }

  private static EmbeddedChannel afterStartup() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrontendDecoder(4096));
    ch.writeInbound(startup("user", "u"));
    assertInstanceOf(FrontendMessage.Startup.class, ch.readInbound());
    return ch;
  }

  @Test
  void decodesSslRequestThenStartupMessage() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrontendDecoder(4096));
    ch.writeInbound(Unpooled.buffer().writeInt(8).writeInt(80877103));
    assertInstanceOf(FrontendMessage.SslRequest.class, ch.readInbound());
    ch.writeInbound(startup("user", "alice", "database", "db"));
    FrontendMessage.Startup s = ch.readInbound();
    assertEquals("alice", s.parameters().get("user"));
    assertEquals("db", s.parameters().get("database"));
    assertEquals(196608, s.protocolVersion());
  }

  @Test
  void decodesCancelRequest() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrontendDecoder(4096));
    ch.writeInbound(Unpooled.buffer().writeInt(16).writeInt(80877102).writeInt(42).writeInt(-7));
    FrontendMessage.CancelRequest c = ch.readInbound();
    assertEquals(42, c.processId());
    assertEquals(-7, c.secretKey());
  }

  @Test
  void waitsForMissingBytesOneByteAtATime() {
    EmbeddedChannel ch = afterStartup();
    ByteBuf q = typed('Q', cstr(Unpooled.buffer(), "select 1"));
    while (q.isReadable()) {
      ch.writeInbound(q.readRetainedSlice(1));
      if (q.isReadable()) {
        assertNull(ch.readInbound());
      }
    }
    FrontendMessage.Query query = ch.readInbound();
    assertEquals("select 1", query.sql());
  }

  @Test
  void decodesParseAndBindWithFormatsAndNulls() {
    EmbeddedChannel ch = afterStartup();
    ByteBuf parse = cstr(cstr(Unpooled.buffer(), "s1"), "select $1, $2");
    parse.writeShort(2).writeInt(23).writeInt(0);
    ByteBuf bind = cstr(cstr(Unpooled.buffer(), "p1"), "s1");
    bind.writeShort(1).writeShort(1);
    bind.writeShort(2).writeInt(4).writeInt(99).writeInt(-1);
    bind.writeShort(1).writeShort(1);
    ch.writeInbound(Unpooled.wrappedBuffer(typed('P', parse), typed('B', bind), typed('S', Unpooled.buffer())));
    FrontendMessage.Parse p = ch.readInbound();
    assertEquals("s1", p.statement());
    assertArrayEquals(new int[] {23, 0}, p.parameterTypes());
    FrontendMessage.Bind b = ch.readInbound();
    assertEquals("p1", b.portal());
    assertEquals(1, b.parameterFormat(0));
    assertEquals(1, b.parameterFormat(1));
    assertArrayEquals(new byte[] {0, 0, 0, 99}, b.parameterValues()[0]);
    assertNull(b.parameterValues()[1]);
    assertEquals(1, b.resultFormat(5));
    assertInstanceOf(FrontendMessage.Sync.class, ch.readInbound());
  }

  @Test
  void rejectsOversizedMessageBeforeBufferingIt() {
    EmbeddedChannel ch = afterStartup();
    ByteBuf header = Unpooled.buffer().writeByte('Q').writeInt(1_000_000);
    DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(header));
    ProtocolException p = assertInstanceOf(ProtocolException.class, e.getCause());
    assertTrue(p.getMessage().contains("1000000"), p.getMessage());
    assertEquals("08P01", p.sqlState());
  }

  @Test
  void rejectsUnknownMessageType() {
    EmbeddedChannel ch = afterStartup();
    DecoderException e = assertThrows(DecoderException.class,
        () -> ch.writeInbound(Unpooled.buffer().writeByte('z').writeInt(4)));
    assertTrue(e.getCause().getMessage().contains("invalid frontend message type 122"));
  }

  @Test
  void rejectsBodyShorterThanItsFields() {
    EmbeddedChannel ch = afterStartup();
    ByteBuf bind = cstr(cstr(Unpooled.buffer(), ""), "");
    bind.writeShort(0).writeShort(3).writeInt(4);
    DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(typed('B', bind)));
    assertInstanceOf(ProtocolException.class, e.getCause());
  }

  @Test
  void rejectsUnterminatedString() {
    EmbeddedChannel ch = afterStartup();
    ByteBuf q = Unpooled.buffer().writeBytes("select".getBytes(StandardCharsets.UTF_8));
    DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(typed('Q', q)));
    assertTrue(e.getCause().getMessage().contains("not terminated"));
  }

  @Test
  void rejectsBadStartupLengthAndProtocolVersion() {
    EmbeddedChannel a = new EmbeddedChannel(new FrontendDecoder(4096));
    assertThrows(DecoderException.class, () -> a.writeInbound(Unpooled.buffer().writeInt(100_000)));
    EmbeddedChannel b = new EmbeddedChannel(new FrontendDecoder(4096));
    ByteBuf v2 = Unpooled.buffer().writeInt(9).writeInt(2 << 16).writeByte(0);
    DecoderException e = assertThrows(DecoderException.class, () -> b.writeInbound(v2));
    assertTrue(e.getCause().getMessage().contains("unsupported frontend protocol 2.0"));
  }
}
