package dev.calx.wasm;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of what a guest hands the host: malformed bytes are never replaced. */
final class Utf8 {
  private Utf8() {}

  /**
   * The text of {@code bytes}.
   *
   * @throws GuestFault of kind ABI, naming {@code what}, if they are not valid UTF-8
   */
  static String decode(byte[] bytes, String what) {
    try {
      return strict(bytes);
    } catch (CharacterCodingException e) {
      throw new GuestFault(GuestFault.Kind.ABI, what + " is not valid UTF-8 (" + e.getMessage()
          + ")");
    }
  }

  /** The text of {@code bytes}, or null if they are not valid UTF-8. */
  static String decodeOrNull(byte[] bytes) {
    try {
      return strict(bytes);
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String strict(byte[] bytes) throws CharacterCodingException {
    if (isAscii(bytes)) {
      // ASCII is valid UTF-8 and decodes byte for byte: no decoder to set up.
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}
