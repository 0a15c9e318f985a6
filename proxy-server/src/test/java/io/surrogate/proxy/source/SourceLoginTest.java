package io.surrogate.proxy.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.surrogate.proxy.auth.ScramExchange;
import io.surrogate.proxy.auth.ScramSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The proxy logs in to a source the ways PostgreSQL asks, byte for byte. */
class SourceLoginTest {
  private final SecureRandom random = new SecureRandom();
  private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

  private static ByteBuf authentication(int code, byte[] data) {
    ByteBuf f = Unpooled.buffer();
    f.writeByte('R').writeInt(8 + data.length).writeInt(code).writeBytes(data);
    return f;
  }

  private static String cstringAt(ByteBuf b, int at) {
    int end = b.indexOf(at, b.writerIndex(), (byte) 0);
    return b.toString(at, end - at, StandardCharsets.UTF_8);
  }

  @Test
  void theStartupMessageNamesUserDatabaseAndEncoding() {
    ByteBuf m = new SourceLogin(new SourceEndpoint("h", 5432, "app", "alice", null), random).startup(alloc);
    assertEquals(m.readableBytes(), m.getInt(0));
    assertEquals(196608, m.getInt(4));
    String text = m.toString(8, m.readableBytes() - 8, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("user\0alice\0database\0app\0client_encoding\0UTF8\0"), text);
    m.release();
  }

  @Test
  void md5AndClearTextPasswordsAreAnsweredAsPostgresComputesThem() throws Exception {
    assertEquals("md598a0412b9c31436fc53776e863350083",
        SourceLogin.md5Response("secret", "alice", new byte[] {1, 2, 3, 4}));
    SourceLogin login = new SourceLogin(new SourceEndpoint("h", 5432, "app", "alice", "secret"), random);
    ByteBuf md5 = login.answer(authentication(5, new byte[] {1, 2, 3, 4}), alloc);
    assertEquals('p', md5.getByte(0));
    assertEquals(md5.readableBytes() - 1, md5.getInt(1));
    assertEquals("md598a0412b9c31436fc53776e863350083", cstringAt(md5, 5));
    ByteBuf clear = login.answer(authentication(3, new byte[0]), alloc);
    assertEquals("secret", cstringAt(clear, 5));
    assertNull(login.answer(authentication(0, new byte[0]), alloc), "AuthenticationOk needs no answer");
  }

  @Test
  void scramLogsInAgainstTheServerSideAndChecksTheServersProof() throws Exception {
    ScramExchange server = new ScramExchange(ScramSecret.fromPassword("pw".toCharArray(), random), random);
    SourceLogin login = new SourceLogin(new SourceEndpoint("h", 5432, "app", "alice", "pw"), random);
    ByteBuf initial = login.answer(authentication(10, "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.UTF_8)), alloc);
    assertEquals("SCRAM-SHA-256", cstringAt(initial, 5));
    int lengthAt = 5 + "SCRAM-SHA-256".length() + 1;
    String clientFirst = initial.toString(lengthAt + 4, initial.getInt(lengthAt), StandardCharsets.UTF_8);
    String serverFirst = server.serverFirst(clientFirst);
    ByteBuf response = login.answer(authentication(11, serverFirst.getBytes(StandardCharsets.UTF_8)), alloc);
    String clientFinal = response.toString(5, response.readableBytes() - 5, StandardCharsets.UTF_8);
    String serverFinal = server.serverFinal(clientFinal);
    assertNotNull(serverFinal, "the server accepts the proof");
    assertNull(login.answer(authentication(12, serverFinal.getBytes(StandardCharsets.UTF_8)), alloc));

    SourceLogin forged = new SourceLogin(new SourceEndpoint("h", 5432, "app", "alice", "pw"), random);
    ScramExchange impostor = new ScramExchange(ScramSecret.fromPassword("other".toCharArray(), random), random);
    ByteBuf first = forged.answer(authentication(10, "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.UTF_8)), alloc);
    String impostorFirst = impostor.serverFirst(first.toString(lengthAt + 4, first.getInt(lengthAt),
        StandardCharsets.UTF_8));
    forged.answer(authentication(11, impostorFirst.getBytes(StandardCharsets.UTF_8)), alloc);
    assertThrows(SourceLogin.Failure.class,
        () -> forged.answer(authentication(12, "v=AAAA".getBytes(StandardCharsets.UTF_8)), alloc));
  }

  @Test
  void whatThisPathCannotDoFailsWithTheReason() {
    SourceLogin noPassword = new SourceLogin(new SourceEndpoint("h", 5432, "app", "alice", null), random);
    SourceLogin.Failure e = assertThrows(SourceLogin.Failure.class,
        () -> noPassword.answer(authentication(3, new byte[0]), alloc));
    assertTrue(e.getMessage().contains("password"), e.getMessage());
    SourceLogin login = new SourceLogin(new SourceEndpoint("h", 5432, "app", "alice", "pw"), random);
    e = assertThrows(SourceLogin.Failure.class, () -> login.answer(authentication(7, new byte[0]), alloc));
    assertTrue(e.getMessage().contains("method 7"), e.getMessage());
    e = assertThrows(SourceLogin.Failure.class,
        () -> login.answer(authentication(10, "SCRAM-SHA-256-PLUS\0\0".getBytes(StandardCharsets.UTF_8)), alloc));
    assertTrue(e.getMessage().contains("SCRAM-SHA-256-PLUS"), e.getMessage());
  }
}
