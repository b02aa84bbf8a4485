package dev.calx.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The test guests in src/test/resources/guests, loaded once per test run. */
final class Guests {
  private static final Map<String, GuestModule> LOADED = new ConcurrentHashMap<>();

  private Guests() {}

  /** A WAT guest, compiled through Calx's own WAT loader. */
  static GuestModule wat(String name) {
    return LOADED.computeIfAbsent(name + ".wat",
        file -> GuestModule.fromWat(new String(read(file), StandardCharsets.UTF_8)));
  }

  /** A guest compiled from C by src/test/guests/build.sh. */
  static GuestModule wasm(String name) {
    return LOADED.computeIfAbsent(name + ".wasm", file -> GuestModule.fromBytes(read(file)));
  }

  static byte[] read(String file) {
    try (InputStream in = Guests.class.getResourceAsStream("/guests/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no test guest " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WasmFunction function(GuestModule module, String name, Signature signature) {
    return WasmFunction.builder(module).name(name).signature(signature).build();
  }

  static WasmFunction function(GuestModule module, String name, Signature signature,
      CallLimits limits) {
    return WasmFunction.builder(module).name(name).signature(signature).limits(limits).build();
  }
}
