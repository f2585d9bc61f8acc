/// Why the server could not start or run.
public enum HTTPServerError: Error, Sendable, Equatable {
    /// `bind(host:port:)` was given something other than an IPv4 or IPv6 literal (no name
    /// lookup: the address a server listens on should be explicit).
    case invalidHost(String)
    /// `run()` before `bind(host:port:)`, or `bind` twice.
    case notBound
    case alreadyBound
    /// `run()` called a second time: a server runs once.
    case alreadyRan
}
