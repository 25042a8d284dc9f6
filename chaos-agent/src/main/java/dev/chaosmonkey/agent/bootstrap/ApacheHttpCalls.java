package dev.chaosmonkey.agent.bootstrap;

/**
 * Apache HttpClient 5 classic {@code doExecute(target, request, context)}: the attributes of the call, read through
 * {@link PublicMethod}s (HttpClient lives in an application class loader). Shares {@link HttpDispatch#CALLS}.
 */
public final class ApacheHttpCalls {
    private static final PublicMethod SCHEME_NAME = new PublicMethod("getSchemeName", 0);
    private static final PublicMethod HOST_NAME = new PublicMethod("getHostName", 0);
    private static final PublicMethod PORT = new PublicMethod("getPort", 0);
    private static final PublicMethod AUTHORITY = new PublicMethod("getAuthority", 0);
    private static final PublicMethod SCHEME = new PublicMethod("getScheme", 0);
    private static final PublicMethod METHOD = new PublicMethod("getMethod", 0);
    private static final PublicMethod PATH = new PublicMethod("getPath", 0);

    private ApacheHttpCalls() {
    }

    /** The decision for one execution ({@code target} may be null: the request carries the authority). */
    public static FiredFault decide(Object target, Object request) {
        try {
            String scheme;
            String host;
            int port;
            if (target != null) {
                scheme = (String) SCHEME_NAME.call(target);
                host = (String) HOST_NAME.call(target);
                port = (Integer) PORT.call(target);
            } else {
                Object authority = AUTHORITY.call(request);
                scheme = (String) SCHEME.call(request);
                host = authority == null ? null : (String) HOST_NAME.call(authority);
                port = authority == null ? -1 : (Integer) PORT.call(authority);
            }
            return ChaosBridge.state().decideHttp((String) METHOD.call(request), scheme, host,
                    HttpDispatch.port(port, scheme), HttpDispatch.path((String) PATH.call(request)));
        } catch (Throwable t) {
            ChaosBridge.internalError("apache-httpclient5", t);
            return null;
        }
    }
}
