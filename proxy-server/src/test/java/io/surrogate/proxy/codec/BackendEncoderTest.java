package io.surrogate.proxy.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks backend frames byte for byte. */
class BackendEncoderTest {

  private static byte[] encode(BackendMessage m) {
    EmbeddedChannel ch = new EmbeddedChannel(new BackendEncoder());
    ch.writeOutbound(m);
    ByteBuf out = ch.readOutbound();
    byte[] bytes = ByteBufUtil.getBytes(out);
    out.release();
    return bytes;
  }

  @Test
  void readyForQuery() {
    assertEquals("5a0000000549", ByteBufUtil.hexDump(encode(new BackendMessage.ReadyForQuery('I'))));
  }

  @Test
  void errorResponseCarriesSeveritySqlStateAndMessage() {
    byte[] b = encode(BackendMessage.ErrorResponse.error("42P01", "relation \"x\" does not exist"));
    assertEquals('E', b[0]);
    assertEquals(b.length - 1, ((b[1] & 0xFF) << 24) | ((b[2] & 0xFF) << 16) | ((b[3] & 0xFF) << 8) | (b[4] & 0xFF));
    String body = new String(b, 5, b.length - 5, StandardCharsets.UTF_8);
    assertEquals("SERROR\0VERROR\0C42P01\0Mrelation \"x\" does not exist\0\0", body);
  }

  @Test
  void dataRowsWithNull() {
    BackendMessage.DataRow row = new BackendMessage.DataRow(new byte[][] {{'1'}, null});
    byte[] b = encode(new BackendMessage.DataRows(List.of(row, row)));
    String one = "440000000f0002000000013" + "1ffffffff";
    assertEquals(one + one, ByteBufUtil.hexDump(b));
    assertEquals(b.length, new BackendMessage.DataRows(List.of(row, row)).estimatedSize());
  }
}
