package io.surrogate.proxy.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Helpers that write the type byte and back-patched int32 length of a backend frame. */
final class Frames {
  private Frames() { }

  /** Writes the type byte and a length placeholder; returns the placeholder's index for {@link #end}. */
  static int begin(ByteBuf out, char type) {
    out.writeByte(type);
    int at = out.writerIndex();
    out.writeInt(0);
    return at;
  }

  /** Patches the length (which counts itself but not the type byte). */
  static void end(ByteBuf out, int lengthIndex) {
    out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
  }

  static void writeCString(ByteBuf out, String s) {
    out.writeCharSequence(s, StandardCharsets.UTF_8);
    out.writeByte(0);
  }
}
