package dev.chaosmonkey.agent;

import java.lang.instrument.Instrumentation;

/**
 * A Java agent listed before the chaos agent whose {@code premain} loads the JDK's {@code HttpURLConnection}
 * implementation, as an agent that reports over HTTP at start would: that class is loaded before the chaos agent's
 * class-file transformer exists.
 */
public final class PreloadingAgent {
    private PreloadingAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) throws Exception {
        Class.forName("sun.net.www.protocol.http.HttpURLConnection");
        System.out.println("PRELOADED");
    }
}
