package dev.calx.sql.jdbc;

import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;

/**
 * Calcite's driver as a Calx database uses it: statements prepared through the database's
 * pipeline, metadata from {@link CalxMeta}, and Calx's name and version where Calcite's would
 * be. Never registered with {@code DriverManager}: {@link Database} connects through it directly.
 */
final class EngineDriver extends Driver {
  /** The classpath resource with the driver's and product's name and version. */
  private static final String VERSION_RESOURCE = "dev/calx/sql/jdbc/driver.properties";

  EngineDriver(Supplier<CalcitePrepare> prepareFactory) {
    super(prepareFactory);
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return DriverVersion.load(EngineDriver.class, VERSION_RESOURCE, "Calx", "unknown version",
        "Calx", "unknown version");
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return new CalxMeta(connection);
  }
}
