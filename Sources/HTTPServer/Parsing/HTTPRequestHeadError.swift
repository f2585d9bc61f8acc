/// Why a request head was refused, and the status the server answers with.
///
/// One case per rule so that tests and logs name the rule broken; the status is derived
/// (most are 400), and after any of them the connection is closed: once framing is in
/// doubt nothing after it can be trusted.
public enum HTTPRequestHeadError: Error, Sendable, Hashable {
    /// The request line is longer than ``HTTPRequestHeadLimits/maxRequestLineBytes`` (414).
    case requestLineTooLong
    /// The head is longer than ``HTTPRequestHeadLimits/maxHeadBytes`` (431).
    case headTooLarge
    /// More field lines than ``HTTPRequestHeadLimits/maxHeaderCount`` (431).
    case tooManyHeaders
    /// Not `METHOD SP target SP version`, each part non-empty, single spaces.
    case malformedRequestLine
    /// The method is not a token.
    case invalidMethod
    /// The version is not `HTTP/digit.digit`.
    case malformedVersion
    /// A well-formed version other than HTTP/1.0 and HTTP/1.1 (505).
    case unsupportedVersion
    /// A CR not followed by LF, or an LF without its CR: lines end with CRLF only.
    case invalidLineEnding
    /// A field line starting with SP or HTAB (obs-fold, RFC 9112 §5.2).
    case obsoleteLineFolding
    /// White space between a field name and its colon (RFC 9112 §5.1).
    case whitespaceBeforeColon
    /// A field line without a colon.
    case missingColon
    /// A field name that is empty or not a token.
    case invalidFieldName
    /// A field value holding a control byte other than HTAB.
    case invalidFieldValue
    /// More than one `Content-Length` field line, even with equal values.
    case duplicateContentLength
    /// A `Content-Length` that is not 1*DIGIT within `Int64`.
    case invalidContentLength
    /// Any `Transfer-Encoding` (501): request bodies are framed by `Content-Length` only.
    case transferEncodingNotSupported
    /// A POST, PUT or PATCH without `Content-Length` (411).
    case lengthRequired
    /// An HTTP/1.1 request without `Host`.
    case missingHost
    /// More than one `Host` field line.
    case duplicateHost
    /// A `Host` value with bytes no authority holds.
    case invalidHost
    /// An `Expect` other than `100-continue` (417).
    case unsupportedExpectation
    /// The request target is refused; the payload says which rule.
    case invalidTarget(HTTPTargetError)

    /// The status the server answers this error with.
    public var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: return .uriTooLong
        case .headTooLarge, .tooManyHeaders: return .requestHeaderFieldsTooLarge
        case .unsupportedVersion: return .httpVersionNotSupported
        case .transferEncodingNotSupported: return .notImplemented
        case .lengthRequired: return .lengthRequired
        case .unsupportedExpectation: return .expectationFailed
        default: return .badRequest
        }
    }
}

/// Why a request target (or the path in it) is refused; each is answered 400.
///
/// The path is percent-decoded once, and what it decodes to is what a handler routes on,
/// so anything that could mean a different path to another component (a proxy, the file
/// system) is refused rather than normalised.
public enum HTTPTargetError: Error, Sendable, Hashable {
    /// Not origin-form (`/path?query`): absolute-form, authority-form, or `*`.
    case notOriginForm
    /// A `#` in the target: fragments are never sent by clients.
    case fragment
    /// A `%` not followed by two hexadecimal digits.
    case invalidPercentEncoding
    /// `%00`, or another encoded control byte (0x01–0x1F, 0x7F).
    case encodedControl
    /// `%2F`: an encoded slash would make one segment look like two after decoding.
    case encodedSlash
    /// A backslash, raw or encoded (`%5C`): some systems read it as a separator.
    case backslash
    /// A `.` or `..` segment after decoding (so `%2e%2e` is caught too).
    case dotSegment
    /// The decoded path is not valid UTF-8.
    case invalidUTF8
}
