package dev.chaosmonkey.agent.internal;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Types the agent never looks at, decided from the name alone. Replaces ByteBuddy's default (which skips every
 * bootstrap class) and lets through only the JDK classes that are instrumented (the two HTTP clients,
 * {@code InetAddress} for the dns point, and the executors of {@link ScopePropagationInstrumentation}); instrumenting
 * wider JDK packages such as {@code sun.net.www.protocol.*} causes ClassCircularityErrors.
 */
final class IgnoredTypes extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
    static final String JDK_HTTP_CLIENT = "jdk.internal.net.http.HttpClientImpl";
    static final String JDK_URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
    static final String JDK_INET_ADDRESS = DnsInstrumentation.TYPE;

    @Override
    public boolean matches(TypeDescription type) {
        String name = type.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.")) {
            return !name.equals(JDK_HTTP_CLIENT) && !name.equals(JDK_URL_CONNECTION)
                    && !name.equals(JDK_INET_ADDRESS)
                    && !ScopePropagationInstrumentation.TYPES.contains(name);
        }
        return name.startsWith("dev.chaosmonkey.")
                || name.startsWith("net.bytebuddy.")
                || name.startsWith("org.groovy.") || name.startsWith("groovy.")
                || name.startsWith("kotlin.")
                || name.contains("$$Lambda")
                || name.contains("$ByteBuddy$")
                || name.contains("$MockitoMock$")
                || name.contains("$HibernateProxy$")
                || name.contains("CGLIB$$")
                || name.contains("$$SpringCGLIB$$");
    }
}
