package dev.chaosmonkey.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import dev.chaosmonkey.agent.internal.diamond.DiamondPreparedStatement;
import dev.chaosmonkey.agent.internal.diamond.ProxyStatement;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

/** Super types of class files, read from their loader, cached per loader. */
class JdbcTypesTest {
    private final ClassLoader loader = getClass().getClassLoader();

    /**
     * An interface reached twice in one walk (through the super class and directly) was cached as having no JDBC
     * super type, so a later class that is a statement only through it was never woven.
     */
    @Test
    void anInterfaceReachedTwiceInOneWalkKeepsItsKindsForLaterClasses() throws IOException {
        JdbcTypes types = new JdbcTypes();
        assertThat(types.kinds(reader(DiamondPreparedStatement.class), loader)).isEqualTo(JdbcTypes.STATEMENT);
        assertThat(types.kinds(reader(ProxyStatement.class), loader)).isEqualTo(JdbcTypes.STATEMENT);
    }

    @Test
    void realDriversAndPoolsHaveTheirKinds() throws IOException {
        JdbcTypes types = new JdbcTypes();
        assertThat(types.kinds(reader(org.h2.jdbc.JdbcPreparedStatement.class), loader) & JdbcTypes.STATEMENT)
                .isNotZero();
        assertThat(types.kinds(reader(com.zaxxer.hikari.HikariDataSource.class), loader))
                .isEqualTo(JdbcTypes.DATA_SOURCE);
        assertThat(types.kinds(reader(org.postgresql.jdbc.PgConnection.class), loader) & JdbcTypes.CONNECTION)
                .isNotZero();
        assertThat(types.kinds(reader(java.util.HashMap.class), loader)).isZero();
    }

    private static ClassReader reader(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader() == null ? ClassLoader.getSystemResourceAsStream(
                type.getName().replace('.', '/') + ".class") : type.getClassLoader()
                        .getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return new ClassReader(in.readAllBytes());
        }
    }
}
