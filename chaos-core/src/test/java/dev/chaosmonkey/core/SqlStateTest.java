package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Injected SQLExceptions carry a realistic SQLState, or the one (and the vendor code) the spec gives. */
class SqlStateTest {

    private static Throwable injected(String spec) {
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build())) {
            monkey.arm(spec);
            Injection injection = monkey.decideJdbc("query", "select 1", "jdbc:h2:mem:x");
            assertThat(injection).isNotNull();
            return injection.newThrowable(null, null);
        }
    }

    @Test
    void theJdbcDefaultLooksLikeAnUnreachableDatabase() {
        Throwable t = injected("jdbc -> exception");
        assertThat(t).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(((SQLException) t).getSQLState()).isEqualTo("08001");
        assertThat(((SQLException) t).getErrorCode()).isZero();
        assertThat(t.getMessage()).startsWith("chaos: exception injected by rule");
    }

    @ParameterizedTest
    @CsvSource({
        "java.sql.SQLTransientConnectionException, 08001",
        "java.sql.SQLNonTransientConnectionException, 08006",
        "java.sql.SQLRecoverableException, 08006",
        "java.sql.SQLTimeoutException, HYT00",
        "java.sql.SQLTransactionRollbackException, 40001",
        "java.sql.SQLSyntaxErrorException, 42000",
        "java.sql.SQLIntegrityConstraintViolationException, 23000",
        "java.sql.SQLDataException, 22000",
        "java.sql.SQLInvalidAuthorizationSpecException, 28000",
        "java.sql.SQLFeatureNotSupportedException, 0A000",
    })
    void eachJavaSqlClassHasItsDefaultState(String className, String state) {
        Throwable t = injected("jdbc -> exception(" + className + ", \"boom\")");
        assertThat(t.getClass().getName()).isEqualTo(className);
        assertThat(((SQLException) t).getSQLState()).isEqualTo(state);
        assertThat(t).hasMessage("boom");
    }

    @Test
    void aPlainSqlExceptionHasNoStateUnlessTheSpecGivesOne() {
        assertThat(((SQLException) injected("jdbc -> exception(java.sql.SQLException, \"x\")")).getSQLState())
                .isNull();
        SQLException given = (SQLException) injected(
                "jdbc -> exception(java.sql.SQLException, \"deadlock\", sqlState=40001, vendorCode=1213)");
        assertThat(given.getSQLState()).isEqualTo("40001");
        assertThat(given.getErrorCode()).isEqualTo(1213);
        assertThat(given.getMessage()).isEqualTo("deadlock");
    }

    @Test
    void theDefaultClassTakesAGivenStateAndNegativeVendorCodes() {
        SQLException e = (SQLException) injected("jdbc -> exception(sqlState=08S01, vendorCode=-4499)");
        assertThat((Throwable) e).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(e.getSQLState()).isEqualTo("08S01");
        assertThat(e.getErrorCode()).isEqualTo(-4499);
    }

    @Test
    void timeoutsThrowSqlTimeoutExceptionWithHyt00() {
        Throwable t = injected("jdbc -> timeout(1ms)");
        assertThat(t).isInstanceOf(SQLTimeoutException.class);
        assertThat(((SQLException) t).getSQLState()).isEqualTo("HYT00");
    }

    @Test
    void specsWithStateAndCodeRenderBackAndEqual() {
        for (String spec : new String[] {
            "jdbc -> exception(java.sql.SQLException, \"deadlock\", sqlState=40001, vendorCode=1213)",
            "jdbc -> exception(sqlState=40001)",
            "jdbc -> exception(\"gone\", vendorCode=17002)",
            "jdbc -> exception(java.sql.SQLTransactionRollbackException, sqlState=40P01)",
        }) {
            ChaosRule rule = ChaosRule.parse(spec);
            assertThat(rule.toSpec()).isEqualTo(spec);
            assertThat(ChaosRule.parse(rule.toSpec())).isEqualTo(rule);
        }
        ExceptionFault built = Fault.exception(SQLTransactionRollbackException.class, "deadlock").withSqlState("40001")
                .withVendorCode(1213);
        assertThat(built.toSpec()).isEqualTo(
                "exception(java.sql.SQLTransactionRollbackException, \"deadlock\", sqlState=40001, vendorCode=1213)");
        assertThat(ChaosRule.parse("jdbc -> " + built.toSpec()).fault()).isEqualTo(built);
    }

    @Test
    void badStatesAndCodesArePositionedErrors() {
        assertThatThrownBy(() -> ChaosRule.parse("jdbc -> exception(java.sql.SQLException, sqlState=4001)"))
                .isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining("at column 42")
                .hasMessageContaining("sqlState must be five digits or upper-case letters");
        assertThatThrownBy(() -> ChaosRule.parse("jdbc -> exception(java.sql.SQLException, vendorCode=x)"))
                .isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining("at column 42")
                .hasMessageContaining("vendorCode must be an int, not 'x'");
        assertThatThrownBy(() -> ChaosRule.parse("jdbc -> exception(sqlState=40001, \"late message\")"))
                .isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining("come before sqlState=");
        assertThatThrownBy(() -> ChaosRule.parse("jdbc -> exception(sqlState=40001, sqlState=40002)"))
                .isInstanceOf(ChaosSpecException.class).hasMessageContaining("not 'sqlState='");
        assertThatThrownBy(() -> ChaosRule.parse("http -> exception(sqlState=40001)"))
                .isInstanceOf(ChaosSpecException.class).hasMessageContaining("need a java.sql.SQLException class");
    }

    @Test
    void armingRefusesAClassThatCannotCarryAState() {
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build())) {
            assertThatThrownBy(() -> monkey.arm("jdbc -> exception(java.lang.IllegalStateException, sqlState=40001)"))
                    .isInstanceOf(ChaosSpecException.class)
                    .hasMessageContaining("java.lang.IllegalStateException is not one");
            assertThatThrownBy(() -> monkey.arm("jdbc -> exception(java.sql.BatchUpdateException, vendorCode=1)"))
                    .isInstanceOf(ChaosSpecException.class)
                    .hasMessageContaining("no public constructor taking (String reason, String sqlState, int vendorCode)");
            assertThat(monkey.rules()).isEmpty();
        }
    }
}
