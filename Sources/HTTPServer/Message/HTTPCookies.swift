/// Cookies sent by the client, from its `Cookie` header.
///
/// Parsing is lenient in the way browsers are (RFC 6265 §5.4): a pair that does not parse
/// is skipped, not the whole header, because one bad cookie set by another application on
/// the same host must not lock a user out of the portal.
public struct HTTPCookies: Sendable, Equatable {
    /// One cookie as sent: name and value, the value's surrounding double quotes removed.
    public struct Cookie: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Every cookie that parsed, in the order sent.
    public private(set) var cookies: [Cookie]

    /// Parses the values of every `Cookie` field line (HTTP/1.1 clients send one; if
    /// several arrive, they are read in order).
    public init(headers: HTTPHeaders) {
        self.init(headerValues: headers.values(for: "Cookie"))
    }

    /// Parses `name=value; name2=value2` texts; pairs without `=` or with an empty or
    /// non-token name are skipped.
    public init(headerValues: [String]) {
        var cookies: [Cookie] = []
        for header in headerValues {
            for pair in header.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<equals]).trimmingOWS
                var value = String(pair[pair.index(after: equals)...]).trimmingOWS
                guard HTTPBytes.isToken(name.utf8) else { continue }
                if value.utf8.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                cookies.append(Cookie(name: name, value: value))
            }
        }
        self.cookies = cookies
    }

    /// The first cookie of this name (names are case-sensitive), or nil. If the same name
    /// comes twice (two paths), browsers send the more specific path first.
    public subscript(name: String) -> String? { cookies.first { $0.name == name }?.value }
}

/// A `Set-Cookie` value built from named attributes, so that a session cookie cannot be
/// sent without the attributes the portal meant it to have.
///
/// The initialiser refuses names that are not tokens and values outside `cookie-octet`
/// (RFC 6265 §4.1.1): a value that needs escaping is the caller's to encode.
public struct HTTPSetCookie: Sendable, Equatable {
    /// Which cross-site requests carry the cookie.
    public enum SameSite: String, Sendable {
        case strict = "Strict"
        case lax = "Lax"
        /// Requires ``secure`` in browsers.
        case none = "None"
    }

    public let name: String
    public let value: String
    public var path: String?
    public var domain: String?
    /// Seconds until the browser drops the cookie; 0 deletes it; nil makes a session cookie.
    public var maxAge: Int?
    public var secure: Bool
    public var httpOnly: Bool
    public var sameSite: SameSite?

    /// A cookie with safe defaults (`Path=/`, `HttpOnly`, `SameSite=Lax`); `Secure` is off
    /// by default only because the portal may be served over plain HTTP on a LAN.
    /// Nil if the name is not a token, the value holds a byte outside `cookie-octet`, or
    /// path or domain hold `;` or a control byte.
    public init?(
        name: String, value: String, path: String? = "/", domain: String? = nil, maxAge: Int? = nil,
        secure: Bool = false, httpOnly: Bool = true, sameSite: SameSite? = .lax
    ) {
        guard HTTPBytes.isToken(name.utf8), value.utf8.allSatisfy(Self.isCookieOctet) else { return nil }
        for attribute in [path, domain].compactMap({ $0 }) {
            guard attribute.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != HTTPBytes.semicolon }) else {
                return nil
            }
        }
        self.name = name
        self.value = value
        self.path = path
        self.domain = domain
        self.maxAge = maxAge
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
    }

    /// The field value to send as `Set-Cookie`.
    public var headerValue: String {
        var parts = ["\(name)=\(value)"]
        if let path { parts.append("Path=\(path)") }
        if let domain { parts.append("Domain=\(domain)") }
        if let maxAge { parts.append("Max-Age=\(max(0, maxAge))") }
        if secure { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        if let sameSite { parts.append("SameSite=\(sameSite.rawValue)") }
        return parts.joined(separator: "; ")
    }

    /// `cookie-octet`: visible ASCII but `"`, `,`, `;` and `\`.
    private static func isCookieOctet(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != HTTPBytes.quote && byte != HTTPBytes.comma
            && byte != HTTPBytes.semicolon && byte != HTTPBytes.backslash
    }
}
