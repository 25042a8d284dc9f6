package dev.chaosmonkey.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Which loading classes wait for which weaver (the JDBC weaver, ByteBuddy) and which reach ByteBuddy at all,
 * checked on the real class files of the libraries involved.
 */
class WeaveCandidatesTest {
    private static final WeaveCandidates NO_METHOD_RULES = new WeaveCandidates(MethodTargets.NONE);

    private static byte[] classFile(String name) throws IOException {
        try (InputStream in = WeaveCandidatesTest.class.getClassLoader()
                .getResourceAsStream(name.replace('.', '/') + ".class")) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Spring Boot's launcher loads these on the main thread before the application starts: they must not wait. */
    @Test
    void classesNamedLikeJdbcTypesThatNameNoSqlTypeDoNotWait() throws IOException {
        for (String name : List.of("org.springframework.boot.loader.net.protocol.jar.JarUrlConnection",
                "org.springframework.boot.loader.net.protocol.nested.NestedUrlConnection",
                "org.springframework.boot.loader.net.protocol.jar.JarUrlConnection$ConnectionInputStream")) {
            assertThat(NO_METHOD_RULES.mustWait(name, classFile(name))).as(name).isEqualTo(WeaveCandidates.NONE);
            assertThat(JdbcWeaver.isCandidate(name, classFile(name))).as(name).isFalse();
            // JDBC is not ByteBuddy's
            assertThat(WeaveCandidates.mayWeave(name, MethodTargets.NONE)).as(name).isFalse();
        }
    }

    @Test
    void jdbcImplementationsWaitForTheJdbcWeaverAndSkipByteBuddy() throws IOException {
        for (String name : List.of("org.h2.jdbc.JdbcConnection", "org.h2.jdbc.JdbcPreparedStatement",
                "org.h2.jdbc.JdbcStatement", "org.h2.Driver", "org.h2.jdbcx.JdbcDataSource",
                "com.zaxxer.hikari.pool.HikariProxyConnection", "com.zaxxer.hikari.pool.HikariProxyPreparedStatement",
                "com.zaxxer.hikari.HikariDataSource", "org.postgresql.jdbc.PgConnection",
                "org.postgresql.jdbc.PgPreparedStatement", "org.postgresql.Driver")) {
            assertThat(NO_METHOD_RULES.mustWait(name, classFile(name))).as(name).isEqualTo(WeaveCandidates.JDBC);
            assertThat(JdbcWeaver.isCandidate(name, classFile(name))).as(name).isTrue();
            assertThat(WeaveCandidates.mayWeave(name, MethodTargets.NONE)).as(name).isFalse();
        }
    }

    @Test
    void clientClassesWaitForByteBuddy() {
        for (String name : List.of(IgnoredTypes.JDK_HTTP_CLIENT, IgnoredTypes.JDK_URL_CONNECTION,
                "okhttp3.internal.connection.RealCall", "org.apache.kafka.clients.producer.KafkaProducer",
                "org.apache.hc.client5.http.impl.classic.InternalHttpClient")) {
            assertThat(NO_METHOD_RULES.mustWait(name, new byte[0])).as(name).isEqualTo(WeaveCandidates.BYTE_BUDDY);
        }
    }

    @Test
    void theScanFindsJavaSqlAndJavaxSqlOnly() {
        assertThat(WeaveCandidates.namesSqlType(bytes("xx(Ljava/lang/String;)Ljava/sql/ResultSet;"))).isTrue();
        assertThat(WeaveCandidates.namesSqlType(bytes("xxxLjavax/sql/DataSource;"))).isTrue();
        assertThat(WeaveCandidates.namesSqlType(bytes("java/sql/"))).isTrue();
        assertThat(WeaveCandidates.namesSqlType(bytes("xxLorg/example/sql/Thing;Ljava/sqlx/A;"))).isFalse();
        assertThat(WeaveCandidates.namesSqlType(bytes("/sql/"))).isFalse();
        assertThat(WeaveCandidates.namesSqlType(new byte[0])).isFalse();
        assertThat(WeaveCandidates.namesSqlType(null)).isTrue();
    }

    @Test
    void everyInstrumentedTypeReachesByteBuddy() {
        for (String name : List.of(IgnoredTypes.JDK_HTTP_CLIENT, IgnoredTypes.JDK_URL_CONNECTION,
                IgnoredTypes.JDK_INET_ADDRESS, ReactorNettyInstrumentation.TYPE, "okhttp3.internal.connection.RealCall",
                "okhttp3.RealCall", "org.apache.kafka.clients.producer.KafkaProducer",
                "org.apache.kafka.clients.consumer.KafkaConsumer",
                "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient",
                "org.apache.hc.client5.http.impl.classic.InternalHttpClient",
                "org.apache.http.impl.client.InternalHttpClient")) {
            assertThat(WeaveCandidates.mayWeave(name, MethodTargets.NONE)).as(name).isTrue();
        }
        for (String name : ScopePropagationInstrumentation.TYPES) {
            assertThat(WeaveCandidates.mayWeave(name, MethodTargets.NONE)).as(name).isTrue();
        }
        for (String name : SocketInstrumentation.TYPES) {
            assertThat(WeaveCandidates.mayWeave(name, MethodTargets.NONE)).as(name).isTrue();
        }
    }

    @Test
    void otherClassesSkipByteBuddyUnlessAMethodRuleNamesThem() {
        for (String name : List.of("org.springframework.context.support.AbstractApplicationContext",
                "com.example.shop.Inventory", "java.util.HashMap", "jdk.internal.misc.Unsafe",
                "dev.chaosmonkey.core.ChaosMonkey")) {
            assertThat(WeaveCandidates.mayWeave(name, MethodTargets.NONE)).as(name).isFalse();
        }
        assertThat(WeaveCandidates.mayWeave(null, MethodTargets.NONE)).isFalse();
        MethodTargets inventory = new MethodTargets(List.of(new MethodTargets.Target("com.example.shop.Inv*", "reserve")));
        assertThat(WeaveCandidates.mayWeave("com.example.shop.Inventory", inventory)).isTrue();
        assertThat(new WeaveCandidates(inventory).mustWait("com.example.shop.Inventory", new byte[0]))
                .isEqualTo(WeaveCandidates.BYTE_BUDDY);
        assertThat(WeaveCandidates.mayWeave("com.example.shop.Catalog", inventory)).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
