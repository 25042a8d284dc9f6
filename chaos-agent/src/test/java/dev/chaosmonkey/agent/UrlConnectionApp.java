package dev.chaosmonkey.agent;

import java.net.HttpURLConnection;
import java.net.URI;

import com.sun.net.httpserver.HttpServer;

/** One {@code HttpURLConnection} GET against a loopback server that answers 200; prints {@code URL <status>}. */
public final class UrlConnectionApp {
    private UrlConnectionApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = OkServer.start();
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/").toURL().openConnection();
            System.out.println("URL " + c.getResponseCode());
            c.disconnect();
        } finally {
            server.stop(0);
        }
        System.out.println("DONE");
    }
}
