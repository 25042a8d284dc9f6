package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Injected SQLExceptions are classified by Spring's translators like a driver's own, against real H2 behind
 * HikariCP through the packaged agent: {@code SQLErrorCodeSQLExceptionTranslator} (H2's error codes, then the
 * exception class) and {@code SQLStateSQLExceptionTranslator} (the SQLState).
 */
class SqlStateIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static HikariDataSource h2;
    private static JdbcTemplate byErrorCode;
    private static JdbcTemplate bySqlState;

    @BeforeAll
    static void start() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:sqlstateit;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        h2 = new HikariDataSource(config);
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table accounts(id int primary key, owner varchar(20))");
            s.execute("insert into accounts values (1, 'ada')");
        }
        // Spring 6+ uses the error-code translator only when told to (or with a sql-error-codes.xml of one's own)
        byErrorCode = new JdbcTemplate(h2);
        byErrorCode.setExceptionTranslator(new SQLErrorCodeSQLExceptionTranslator(h2));
        bySqlState = new JdbcTemplate(h2);
        bySqlState.setExceptionTranslator(new SQLStateSQLExceptionTranslator());
    }

    @AfterAll
    static void stop() {
        h2.close();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
    }

    private static SQLException sqlCause(Throwable t) {
        assertThat(t.getCause()).isInstanceOf(SQLException.class);
        return (SQLException) t.getCause();
    }

    @Test
    void anInjectedDuplicateKeyIsTranslatedLikeTheRealOne() {
        Throwable real = catchThrowable(() -> byErrorCode.update("insert into accounts values (1, 'bob')"));
        assertThat(real).isInstanceOf(DuplicateKeyException.class);

        MONKEY.arm("jdbc operation=update sql~\"insert into accounts\" -> exception("
                + "java.sql.SQLIntegrityConstraintViolationException, \"duplicate\", sqlState=23505, vendorCode=23505)");
        Throwable injected = catchThrowable(() -> byErrorCode.update("insert into accounts values (2, 'bob')"));
        assertThat(injected).isInstanceOf(DuplicateKeyException.class);
        assertThat(sqlCause(injected).getSQLState()).isEqualTo(sqlCause(real).getSQLState()).isEqualTo("23505");
        assertThat(sqlCause(injected).getErrorCode()).isEqualTo(sqlCause(real).getErrorCode());
        assertThat(bySqlState.queryForObject("select count(*) from accounts", Integer.class)).isEqualTo(1);
    }

    @Test
    void theDefaultJdbcFaultIsAConnectionFailure() {
        MONKEY.arm("jdbc operation=query -> exception");
        Throwable byState = catchThrowable(() -> bySqlState.queryForObject("select owner from accounts", String.class));
        assertThat(byState).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(sqlCause(byState).getSQLState()).isEqualTo("08001");
        assertThat(catchThrowable(() -> byErrorCode.queryForObject("select owner from accounts", String.class)))
                .isInstanceOf(TransientDataAccessResourceException.class);
    }

    @Test
    void aGivenSqlStateAndVendorCodeAreWhatTheTranslatorsSee() {
        MONKEY.arm("jdbc operation=query sql~\"from accounts\" -> exception(java.sql.SQLException, \"deadlock\","
                + " sqlState=40001)");
        assertThatThrownBy(() -> bySqlState.queryForObject("select owner from accounts", String.class))
                .isInstanceOf(PessimisticLockingFailureException.class);
        MONKEY.disarmAll();

        // 50200 is H2's lock timeout code in Spring's sql-error-codes.xml
        MONKEY.arm("jdbc operation=query sql~\"from accounts\" -> exception(java.sql.SQLException, \"lock timeout\","
                + " sqlState=HYT00, vendorCode=50200)");
        Throwable t = catchThrowable(() -> byErrorCode.queryForObject("select owner from accounts", String.class));
        assertThat(t).isInstanceOf(CannotAcquireLockException.class);
        assertThat(sqlCause(t).getErrorCode()).isEqualTo(50200);
    }

    @Test
    void withoutAStateAPlainSqlExceptionStaysUncategorized() {
        MONKEY.arm("jdbc operation=query -> exception(java.sql.SQLException, \"no state\")");
        assertThatThrownBy(() -> bySqlState.queryForObject("select owner from accounts", String.class))
                .isInstanceOf(UncategorizedSQLException.class);
    }

    @Test
    void anInjectedTimeoutIsAQueryTimeout() {
        MONKEY.arm("jdbc operation=query -> timeout(20ms)");
        Throwable t = catchThrowable(() -> byErrorCode.queryForObject("select owner from accounts", String.class));
        assertThat(t).isInstanceOf(QueryTimeoutException.class);
        assertThat(sqlCause(t).getSQLState()).isEqualTo("HYT00");
    }
}
