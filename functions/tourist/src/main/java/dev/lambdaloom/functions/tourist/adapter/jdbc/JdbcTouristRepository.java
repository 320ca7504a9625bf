package dev.lambdaloom.functions.tourist.adapter.jdbc;

import dev.lambdaloom.functions.tourist.domain.Tourist;
import dev.lambdaloom.functions.tourist.domain.TouristDetails;
import dev.lambdaloom.functions.tourist.usecase.Cursor;
import dev.lambdaloom.functions.tourist.usecase.DuplicateEmailException;
import dev.lambdaloom.functions.tourist.usecase.TouristRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tourists in PostgreSQL's {@code tourists} table, with prepared statements only: values are
 * always parameters, never SQL text. The driver keeps each statement prepared on the server
 * for the life of the connection, so a warm container sends only the parameters.
 */
public final class JdbcTouristRepository implements TouristRepository {
  private static final String COLUMNS = "id, name, email, nationality, passport_number, created_at, updated_at, version";
  private static final String INSERT = "INSERT INTO tourists (id, name, email, nationality, passport_number) "
      + "VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS;
  private static final String FIND = "SELECT " + COLUMNS + " FROM tourists WHERE id = ?";
  private static final String FIRST_PAGE = "SELECT " + COLUMNS + " FROM tourists ORDER BY created_at, id LIMIT ?";
  private static final String NEXT_PAGE = "SELECT " + COLUMNS + " FROM tourists WHERE (created_at, id) > (?, ?) "
      + "ORDER BY created_at, id LIMIT ?";
  private static final String UPDATE = "UPDATE tourists SET name = ?, email = ?, nationality = ?, passport_number = ?, "
      + "updated_at = now(), version = version + 1 WHERE id = ? AND (?::bigint IS NULL OR version = ?) RETURNING " + COLUMNS;
  private static final String DELETE = "DELETE FROM tourists WHERE id = ?";
  private static final String UNIQUE_VIOLATION = "23505";

  private final SingleConnection database;

  public JdbcTouristRepository(SingleConnection database) {
    this.database = database;
  }

  @Override
  public Tourist insert(UUID id, TouristDetails details) {
    // Retrying an insert is safe: the id is fixed, so a second try cannot make a second tourist.
    return sql(true, c -> {
      try (PreparedStatement insert = c.prepareStatement(INSERT)) {
        insert.setObject(1, id);
        setDetails(insert, 2, details);
        try (ResultSet row = insert.executeQuery()) {
          row.next();
          return tourist(row);
        }
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          if (e.getMessage() != null && e.getMessage().contains("tourists_pkey")) {
            return find(c, id).orElseThrow(() -> e); // our own first try got through before the connection broke
          }
          throw new DuplicateEmailException(details.email());
        }
        throw e;
      }
    });
  }

  @Override
  public Optional<Tourist> find(UUID id) {
    return sql(true, c -> find(c, id));
  }

  private static Optional<Tourist> find(java.sql.Connection c, UUID id) throws SQLException {
    try (PreparedStatement find = c.prepareStatement(FIND)) {
      find.setObject(1, id);
      try (ResultSet row = find.executeQuery()) {
        return row.next() ? Optional.of(tourist(row)) : Optional.empty();
      }
    }
  }

  @Override
  public List<Tourist> listAfter(Cursor after, int limit) {
    return sql(true, c -> {
      try (PreparedStatement page = c.prepareStatement(after == null ? FIRST_PAGE : NEXT_PAGE)) {
        int i = 1;
        if (after != null) {
          page.setObject(i++, OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC));
          page.setObject(i++, after.id());
        }
        page.setInt(i, limit);
        try (ResultSet rows = page.executeQuery()) {
          List<Tourist> tourists = new ArrayList<>(limit);
          while (rows.next()) {
            tourists.add(tourist(rows));
          }
          return tourists;
        }
      }
    });
  }

  @Override
  public Optional<Tourist> update(UUID id, Long expectedVersion, TouristDetails details) {
    // Retryable only with a version: a replay then finds the version moved on and reports a conflict
    // instead of applying twice. Without one (If-Match: *) a replay would be harmless too, but it
    // would bump the version twice.
    return sql(expectedVersion != null, c -> {
      try (PreparedStatement update = c.prepareStatement(UPDATE)) {
        setDetails(update, 1, details);
        update.setObject(5, id);
        if (expectedVersion == null) {
          update.setNull(6, Types.BIGINT);
          update.setNull(7, Types.BIGINT);
        } else {
          update.setLong(6, expectedVersion);
          update.setLong(7, expectedVersion);
        }
        try (ResultSet row = update.executeQuery()) {
          return row.next() ? Optional.of(tourist(row)) : Optional.empty();
        }
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new DuplicateEmailException(details.email());
        }
        throw e;
      }
    });
  }

  @Override
  public boolean delete(UUID id) {
    // A replayed delete finds nothing and says 404, which is what a second DELETE says anyway.
    return sql(true, c -> {
      try (PreparedStatement delete = c.prepareStatement(DELETE)) {
        delete.setObject(1, id);
        return delete.executeUpdate() == 1;
      }
    });
  }

  private <T> T sql(boolean retryable, SingleConnection.Work<T> work) {
    try {
      return database.run(retryable, work);
    } catch (SQLException e) {
      throw new IllegalStateException("database error " + e.getSQLState() + ": " + e.getMessage(), e);
    }
  }

  private static void setDetails(PreparedStatement statement, int first, TouristDetails details) throws SQLException {
    statement.setString(first, details.name());
    statement.setString(first + 1, details.email());
    statement.setString(first + 2, details.nationality());
    if (details.passportNumber() == null) {
      statement.setNull(first + 3, Types.VARCHAR);
    } else {
      statement.setString(first + 3, details.passportNumber());
    }
  }

  private static Tourist tourist(ResultSet row) throws SQLException {
    TouristDetails details = new TouristDetails(row.getString(2), row.getString(3), row.getString(4), row.getString(5));
    return new Tourist(row.getObject(1, UUID.class), details, row.getObject(6, OffsetDateTime.class).toInstant(),
        row.getObject(7, OffsetDateTime.class).toInstant(), row.getLong(8));
  }
}
