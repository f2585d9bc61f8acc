/// A request's head, which passed every rule of ``HTTPRequestHeadParser``; its body comes
/// separately, as an ``HTTPBodyReader``, for the handler to read or not.
///
/// What the parser guarantees is what handlers may rely on: one framing (`Content-Length`
/// or none, never `Transfer-Encoding`), a decoded path safe to route on, a `Host` for
/// HTTP/1.1, and the connection's persistence already decided from version and `Connection`.
public struct HTTPRequest: Sendable, Equatable {
    /// The method, case-sensitive as sent (`GET`, not `get`).
    public var method: HTTPMethod
    /// The request target exactly as sent (for logs); route on ``path`` instead.
    public var target: String
    /// The percent-decoded path (see ``HTTPRequestTarget/path``).
    public var path: String
    /// The raw query after `?`, or nil (see ``HTTPRequestTarget/query``).
    public var query: String?
    /// HTTP/1.0 or HTTP/1.1 (no other gets this far).
    public var version: HTTPVersion
    /// The fields as sent, in order; look them up in any case. Never `Transfer-Encoding`;
    /// at most one `Content-Length` and one `Host`.
    public var headers: HTTPHeaders
    /// The declared body length: 0 when there is no `Content-Length` (no body).
    public var contentLength: Int64
    /// Whether the client sent `Expect: 100-continue` (HTTP/1.1 only; ignored for 1.0 as
    /// RFC 9110 §10.1.1 says): it waits for `100 Continue` before sending the body.
    public var expectsContinue: Bool
    /// Whether the client allows the connection to stay open after this exchange: HTTP/1.1
    /// unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool

    /// A request made by hand, for testing handlers without a socket (the server builds
    /// its requests with ``HTTPRequestHeadParser`` only).
    public init(
        method: HTTPMethod, target: String, path: String, query: String?, version: HTTPVersion,
        headers: HTTPHeaders, contentLength: Int64 = 0, expectsContinue: Bool = false, keepAlive: Bool = true
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.contentLength = contentLength
        self.expectsContinue = expectsContinue
        self.keepAlive = keepAlive
    }

    /// The query decoded as form fields; nil if there is no query or it does not decode
    /// (see ``HTTPFormFields/init(urlEncoded:)-(C)``).
    public var queryFields: HTTPFormFields? { query.flatMap { HTTPFormFields(urlEncoded: $0) } }

    /// The cookies of the `Cookie` header.
    public var cookies: HTTPCookies { HTTPCookies(headers: headers) }
}

/// The limits of a request head; the defaults are those of the brief and of common servers.
///
/// They bound what one connection can make the server hold before a handler runs.
public struct HTTPRequestHeadLimits: Sendable, Equatable {
    /// The whole head, from its first byte (leading empty lines included) to the blank
    /// line's LF: over it, 431.
    public var maxHeadBytes: Int
    /// The request line without its CRLF: over it, 414.
    public var maxRequestLineBytes: Int
    /// Field lines: one more, 431.
    public var maxHeaderCount: Int

    public init(maxHeadBytes: Int = 64 * 1024, maxRequestLineBytes: Int = 8 * 1024, maxHeaderCount: Int = 100) {
        self.maxHeadBytes = maxHeadBytes
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderCount = maxHeaderCount
    }
}
