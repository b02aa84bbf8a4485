package dev.calx.scratch;

import java.sql.*;
import org.junit.jupiter.api.Test;

class ProfileTest {
  @Test
  void run() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:calx:mem:prof");
         Statement s = c.createStatement()) {
      s.execute("CREATE TABLE nums(id INT PRIMARY KEY, x INT)");
      s.execute("INSERT INTO nums VALUES (1, 10), (2, 20), (3, 30)");
      long t0 = System.nanoTime();
      for (int i = 0; i < Integer.getInteger("n", 100000); i++) {
        if (Boolean.getBoolean("unprepared")) {
          try (ResultSet rs = s.executeQuery("SELECT x FROM nums WHERE id = " + (i % 3 + 1))) { rs.next(); }
        } else {
          try (PreparedStatement p = c.prepareStatement("SELECT x FROM nums WHERE id = ?")) {
            p.setInt(1, i % 3 + 1); try (ResultSet rs = p.executeQuery()) { rs.next(); }
          }
        }
      }
      System.out.println("mean us " + (System.nanoTime() - t0) / 1000 / Integer.getInteger("n", 100000));
    }
  }
}
