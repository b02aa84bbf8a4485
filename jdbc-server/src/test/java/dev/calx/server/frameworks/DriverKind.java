package dev.calx.server.frameworks;

import org.apache.calcite.avatica.remote.Driver.Serialization;

/** A way an application connects to Calx: a driver and, for a remote one, a wire format. */
enum DriverKind {
  /** {@code jdbc:calx:mem:NAME}, in the application's process. */
  EMBEDDED(null),
  /** {@code jdbc:avatica:remote:}, Avatica's own client, to a protobuf server. */
  AVATICA_PROTOBUF(Serialization.PROTOBUF),
  /** {@code jdbc:avatica:remote:}, Avatica's own client, to a json server. */
  AVATICA_JSON(Serialization.JSON),
  /** {@code jdbc:calx://host:port}, the Calx client driver, to a protobuf server. */
  CLIENT_PROTOBUF(Serialization.PROTOBUF),
  /** {@code jdbc:calx://host:port;serialization=json}, the Calx client driver, to a json server. */
  CLIENT_JSON(Serialization.JSON);

  private final Serialization serialization;

  DriverKind(Serialization serialization) {
    this.serialization = serialization;
  }

  /** The wire format of the server this kind talks to, or null for the embedded driver. */
  Serialization serialization() {
    return serialization;
  }
}
