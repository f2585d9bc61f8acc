/// What the server calls for each request: the portal's routing and pages live behind it.
///
/// Called on the connection's own thread, once per request, in order; it may block (read
/// the body, write a file) without holding up other connections. It decides whether to
/// read the body at all: a 401 or 413 can be answered before a byte of it is read (and the
/// server then closes rather than read what the client sends).
public protocol HTTPHandler: Sendable {
    /// Answers one request.
    ///
    /// - Parameters:
    ///   - request: the parsed, validated head.
    ///   - body: the body, not yet read; read it (or part of it) or not. After the handler
    ///     returns, an unread rest up to ``HTTPServerConfiguration/maxDrainBytes`` is read
    ///     and discarded to keep the connection; a longer one closes the connection.
    ///   - connection: who is asking (peer address) and where on the connection this is.
    /// - Returns: the response. A thrown ``HTTPStatusError`` is answered with its status,
    ///   any other error with 500; either closes the connection.
    func respond(
        to request: HTTPRequest, body: inout HTTPBodyReader, connection: HTTPConnectionInfo
    ) throws
        -> HTTPResponse
}

/// A handler made of a closure, for small servers and tests.
public struct HTTPClosureHandler: HTTPHandler {
    /// The closure's type: ``HTTPHandler/respond(to:body:connection:)`` as a function.
    public typealias Respond = @Sendable (HTTPRequest, inout HTTPBodyReader, HTTPConnectionInfo) throws -> HTTPResponse
    private let closure: Respond

    public init(_ closure: @escaping Respond) { self.closure = closure }

    public func respond(
        to request: HTTPRequest, body: inout HTTPBodyReader, connection: HTTPConnectionInfo
    ) throws
        -> HTTPResponse
    {
        try closure(request, &body, connection)
    }
}

/// Where a request came from, and where it stands on its connection.
public struct HTTPConnectionInfo: Sendable, Equatable {
    /// The client's address as the socket sees it (a proxy's, behind one: see ``HTTPForwardedFor``).
    public var peer: HTTPSocketAddress
    /// The address the client connected to.
    public var local: HTTPSocketAddress
    /// A number for the connection, unique within the server's run (for logs).
    public var connectionID: UInt64
    /// 1 for the connection's first request, 2 for the next one kept alive, …
    public var requestNumber: Int

    public init(peer: HTTPSocketAddress, local: HTTPSocketAddress, connectionID: UInt64, requestNumber: Int) {
        self.peer = peer
        self.local = local
        self.connectionID = connectionID
        self.requestNumber = requestNumber
    }
}

/// Everything tunable about the server; the defaults are the documented ones.
public struct HTTPServerConfiguration: Sendable {
    /// Limits of a request head (64 KiB, 8 KiB request line, 100 fields).
    public var headLimits: HTTPRequestHeadLimits
    /// A request declaring a longer body is answered 413 before any of it is read, and the
    /// connection closed. Default 1 MiB; the portal sets 65 MiB (64 MiB of file, 1 MiB of form).
    public var maxBodyBytes: Int64
    /// Connections served at once; one more is answered 503 and closed by the accept loop.
    public var maxConnections: Int
    /// Requests on one connection; the last one's response says `Connection: close`.
    public var maxRequestsPerConnection: Int
    /// An unread body rest up to this is read and discarded to keep the connection alive;
    /// a longer one closes it (reading megabytes nobody wants costs more than a new connection).
    public var maxDrainBytes: Int64
    /// Deadlines of each phase of a connection (see ``HTTPTimeouts`` for the defaults).
    public var timeouts: HTTPTimeouts
    /// The `listen` backlog.
    public var listenBacklog: Int32
    /// Stack of each connection's thread (4 MiB). Handlers run on it, so it is generous;
    /// it is address space, and only the pages a thread touches cost memory.
    public var threadStackSize: Int
    /// The monotonic clock deadlines are measured on (tests inject one).
    public var timeSource: any HTTPMonotonicTimeSource
    /// Where the server reports what it cannot report to a client (a handler's error, a
    /// failed accept); nil: nowhere.
    public var log: (@Sendable (String) -> Void)?

    public init(
        headLimits: HTTPRequestHeadLimits = HTTPRequestHeadLimits(), maxBodyBytes: Int64 = 1024 * 1024,
        maxConnections: Int = 512, maxRequestsPerConnection: Int = 100, maxDrainBytes: Int64 = 64 * 1024,
        timeouts: HTTPTimeouts = HTTPTimeouts(), listenBacklog: Int32 = 511, threadStackSize: Int = 4 * 1024 * 1024,
        timeSource: any HTTPMonotonicTimeSource = HTTPSystemTimeSource(), log: (@Sendable (String) -> Void)? = nil
    ) {
        self.headLimits = headLimits
        self.maxBodyBytes = maxBodyBytes
        self.maxConnections = maxConnections
        self.maxRequestsPerConnection = maxRequestsPerConnection
        self.maxDrainBytes = maxDrainBytes
        self.timeouts = timeouts
        self.listenBacklog = listenBacklog
        self.threadStackSize = threadStackSize
        self.timeSource = timeSource
        self.log = log
    }
}
