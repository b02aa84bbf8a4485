package dev.calx.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * A parsed and validated WebAssembly module with its content hash; compiled to JVM bytecode once,
 * on first use, and shared by every function bound to one of its exports.
 */
public final class GuestModule {
  private final byte[] bytes;
  private final String sha256;
  private final WasmModule module;
  private volatile Function<Instance, Machine> machineFactory;

  private GuestModule(byte[] bytes) {
    this.bytes = bytes;
    this.sha256 = HexFormat.of().formatHex(digest(bytes));
    this.module = parse(bytes);
  }

  /** A module from its binary form. */
  public static GuestModule fromBytes(byte[] bytes) {
    return new GuestModule(bytes.clone());
  }

  /** A module from the base64 of its binary form; line breaks and spaces are ignored. */
  public static GuestModule fromBase64(String base64) {
    byte[] decoded;
    try {
      decoded = Base64.getMimeDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new ModuleRejectedException("module body is neither WAT nor valid base64: "
          + e.getMessage(), e);
    }
    return new GuestModule(decoded);
  }

  /** A module from WebAssembly text; a syntax error carries wat2wasm's message and line. */
  public static GuestModule fromWat(String wat) {
    return new GuestModule(WatCompiler.compile(wat));
  }

  /**
   * A module from the quoted body of a CREATE statement: WAT if its first non-blank character is
   * {@code (}, base64 otherwise.
   */
  public static GuestModule fromSqlText(String body) {
    return body.stripLeading().startsWith("(") ? fromWat(body) : fromBase64(body);
  }

  /** A copy of the module's binary form. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The size of the binary form, in bytes. */
  public int size() {
    return bytes.length;
  }

  /** The SHA-256 of the binary form, as 64 lower-case hex digits. */
  public String sha256() {
    return sha256;
  }

  WasmModule wasmModule() {
    return module;
  }

  /**
   * The compiled machine factory. Compilation is double-checked so concurrent first callers
   * compile once; the factory is immutable and safe to share across threads and instances.
   */
  Function<Instance, Machine> machineFactory() {
    Function<Instance, Machine> factory = machineFactory;
    if (factory == null) {
      synchronized (this) {
        factory = machineFactory;
        if (factory == null) {
          factory = compile(module);
          machineFactory = factory;
        }
      }
    }
    return factory;
  }

  private static Function<Instance, Machine> compile(WasmModule module) {
    try {
      return MachineFactoryCompiler.builder(module)
          .withInterpreterFallback(InterpreterFallback.FAIL)
          .compile();
    } catch (ChicoryException | IllegalStateException e) {
      throw new ModuleRejectedException(
          "module cannot be compiled to JVM bytecode: " + e.getMessage(), e);
    }
  }

  private static WasmModule parse(byte[] bytes) {
    if (bytes.length < 8 || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm') {
      throw new ModuleRejectedException(
          "module is malformed: it does not start with the WebAssembly magic number \\0asm");
    }
    try {
      return Parser.parse(bytes);
    } catch (ChicoryException e) {
      throw new ModuleRejectedException(
          "module is " + outcome(e) + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ModuleRejectedException("module is malformed: " + e, e);
    }
  }

  private static String outcome(ChicoryException e) {
    return e instanceof com.dylibso.chicory.wasm.InvalidException ? "invalid" : "malformed";
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
