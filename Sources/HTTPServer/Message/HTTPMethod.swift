/// A request method, as the client sent it (methods are case-sensitive, RFC 9110 §9.1).
///
/// An open set: any token is a method, so a route table can match methods it does not know
/// in advance, and the constants below save typing the common ones.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method as sent: a token.
    public let rawValue: String
    /// A method by name (any token; the parser only makes valid ones).
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")

    /// Methods whose requests must say how long their body is: without `Content-Length`
    /// (and with no chunked bodies accepted) the server answers 411 rather than guess.
    var requiresContentLength: Bool { self == .post || self == .put || self == .patch }
}

/// The protocol version of a request; only the two HTTP/1 versions are spoken.
///
/// The version decides the connection's default persistence (1.1 keeps it, 1.0 closes it
/// unless asked) and whether `Host` is required.
public enum HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    case http1_0
    case http1_1

    public var description: String {
        switch self {
        case .http1_0: return "HTTP/1.0"
        case .http1_1: return "HTTP/1.1"
        }
    }
}
