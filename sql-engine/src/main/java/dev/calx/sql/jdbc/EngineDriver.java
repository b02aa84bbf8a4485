package dev.calx.sql.jdbc;

import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactoryImpl;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;

/**
 * Calcite's driver as a Calx database uses it: statements prepared through the database's
 * pipeline, Calcite's metadata with columns typed as {@link JdbcColumnFactory} types them, and
 * Calx's name and version where Calcite's would be. What else Calx's metadata answers is in
 * {@link dev.calx.jdbc.CalxDatabaseMetaData}, which both drivers share. Never registered with
 * {@code DriverManager}: {@link Database} connects through it directly.
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
    CalciteConnection calcite = (CalciteConnection) connection;
    return CalciteMetaImpl.create(calcite, CalciteMetaTableFactoryImpl.INSTANCE,
        new JdbcColumnFactory(calcite));
  }
}
