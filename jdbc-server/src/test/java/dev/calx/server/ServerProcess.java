package dev.calx.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Calx server in a child JVM of its own, for tests that kill it as an operator might. */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final String url;

  private ServerProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts a server on a free port over {@code data}, its log in {@code log}. */
  static ServerProcess start(Path data, Path log) throws IOException {
    return start(System.getProperty("java.class.path"), log, List.of("--data", data.toString()));
  }

  /**
   * Starts a server on a free port with a class path and settings of its own, its log in
   * {@code log}.
   */
  static ServerProcess start(String classPath, Path log, List<String> settings)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
        ServerCommand.class.getName(), "--port", "0"));
    command.addAll(settings);
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    try {
      return new ServerProcess(process, awaitUrl(process));
    } catch (IOException | RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Reads a server's standard output until it prints the URL to connect to. */
  static String awaitUrl(Process server) throws IOException {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      int at = line.indexOf(" at jdbc:avatica:remote:");
      if (line.startsWith("Calx serves ") && at > 0) {
        return line.substring(at + 4);
      }
    }
    throw new AssertionError("server exited without printing its URL");
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the server survived SIGKILL");
    }
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing the server", e);
    }
  }
}
