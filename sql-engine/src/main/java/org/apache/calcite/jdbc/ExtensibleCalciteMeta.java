package org.apache.calcite.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;

/**
 * A {@link CalciteMetaImpl} that classes outside this package can extend. Calcite's protected
 * constructor takes the connection as {@code CalciteConnectionImpl}, a package-private class no
 * subclass elsewhere can name; this one takes it as the {@link AvaticaConnection} that {@link
 * Driver#createMeta} receives, which for Calcite's driver is always a {@code
 * CalciteConnectionImpl}. It lives in Calcite's package for that reason only, and adds nothing.
 */
public abstract class ExtensibleCalciteMeta extends CalciteMetaImpl {
  /** A Meta over a connection that Calcite's driver made. */
  protected ExtensibleCalciteMeta(AvaticaConnection connection,
      CalciteMetaTableFactory tableFactory, CalciteMetaColumnFactory columnFactory) {
    super((CalciteConnectionImpl) connection, tableFactory, columnFactory);
  }
}
