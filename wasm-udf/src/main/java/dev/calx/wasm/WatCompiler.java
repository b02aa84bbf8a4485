package dev.calx.wasm;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2WasmModule;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns WebAssembly text into a binary module with wabt's wat2wasm, itself compiled to JVM
 * bytecode.
 *
 * <p>wabt's own {@code Wat2Wasm} helper sends the tool's errors to the same stream as the module
 * and reports a failure only as "exit code 1"; this runs the tool with stderr kept apart so that
 * the user sees wat2wasm's real message and line.
 */
final class WatCompiler {
  private static final String FILE_NAME = "module.wat";
  /**
   * The deepest nesting accepted, see {@link WatNesting}: in measurements wat2wasm failed from a
   * depth of 155 with folded blocks, 176 with flat loops and 255 with nested {@code i32.add}s.
   */
  static final int MAX_DEPTH = 100;

  /** WASI's file calls read unix attributes, which Jimfs provides only when asked to. */
  private static final Configuration IN_MEMORY =
      Configuration.unix().toBuilder().setAttributeViews("unix").build();

  private WatCompiler() {}

  /** The lazily parsed wat2wasm module; parsing it takes a noticeable moment, so do it once. */
  private static final class Tool {
    static final WasmModule MODULE = Wat2WasmModule.load();
  }

  private static final java.util.regex.Pattern ANSI_ESCAPE =
      java.util.regex.Pattern.compile("\u001B\\[[0-9;]*m");

  static byte[] compile(String wat) {
    int depth = WatNesting.depth(wat);
    if (depth > MAX_DEPTH) {
      throw new ModuleRejectedException("WAT does not compile: it nests " + depth
          + " levels deep (parentheses and block, loop, if ... end), more than the "
          + MAX_DEPTH + " the WAT compiler supports; compile it to a binary module instead");
    }
    var stdout = new ByteArrayOutputStream();
    var stderr = new ByteArrayOutputStream();
    try (FileSystem fs = Jimfs.newFileSystem(IN_MEMORY)) {
      Path dir = fs.getPath("/work");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(FILE_NAME), wat, StandardCharsets.UTF_8);
      WasiOptions options =
          WasiOptions.builder()
              .withStdout(stdout)
              .withStderr(stderr)
              .withDirectory(dir.toString(), dir)
              .withArguments(List.of("wat2wasm", dir.resolve(FILE_NAME).toString(), "--output=-"))
              .build();
      try (var wasi = WasiPreview1.builder().withOptions(options).build()) {
        ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
        Instance.builder(Tool.MODULE)
            .withMachineFactory(Wat2WasmModule::create)
            .withImportValues(imports)
            .build();
      }
    } catch (WasiExitException e) {
      throw new ModuleRejectedException("WAT does not compile: " + errors(stderr, e.exitCode()), e);
    } catch (ChicoryException | StackOverflowError e) {
      // wat2wasm itself broke down (its own stack or memory), not a verdict on the text.
      throw new ModuleRejectedException("WAT does not compile: the WAT compiler failed on it ("
          + e.getMessage() + "); simplify the text or compile it to a binary module", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (stdout.size() == 0) {
      throw new ModuleRejectedException("WAT does not compile: " + errors(stderr, 1));
    }
    return stdout.toByteArray();
  }

  private static String errors(ByteArrayOutputStream stderr, int exitCode) {
    // wat2wasm believes WASI's stderr is a terminal and colours its messages; SQL clients are not.
    String text = ANSI_ESCAPE.matcher(stderr.toString(StandardCharsets.UTF_8)).replaceAll("")
        .strip().replace("/work/", "");
    return text.isEmpty() ? "wat2wasm exited with code " + exitCode : text;
  }
}
