/// The limits of a multipart form; defaults sized for a form with a few fields and files.
///
/// Files are never held, so their size is bounded only by the request's body limit; what
/// the parser holds (one part's header block, one text field when collected) is bounded here.
public struct MultipartLimits: Sendable, Equatable {
    /// Parts in the form; one more is an error.
    public var maxParts: Int
    /// One part's header block, counted from the end of its boundary: padding, the CRLF
    /// ending the delimiter line, the field lines and the blank line.
    public var maxPartHeaderBytes: Int
    /// The data of a part without `filename` (a text field).
    public var maxFieldBytes: Int

    public init(maxParts: Int = 16, maxPartHeaderBytes: Int = 8 * 1024, maxFieldBytes: Int = 64 * 1024) {
        self.maxParts = maxParts
        self.maxPartHeaderBytes = maxPartHeaderBytes
        self.maxFieldBytes = maxFieldBytes
    }
}

/// What a part says about itself in its header block.
public struct MultipartPartHead: Sendable, Equatable {
    /// The form field's name (`Content-Disposition: form-data; name="…"`).
    public var name: String
    /// The file name the browser sent, when the part is a file, as sent (a display name:
    /// it may hold any character, including `/`, `\` and `..`; never use it as a path).
    /// Empty when a file input was left empty (browsers then send `filename=""`).
    public var filename: String?
    /// The part's `Content-Type`, if any (RFC 7578 makes `text/plain` the default).
    public var contentType: String?
    /// Every header line of the part, in order.
    public var headers: HTTPHeaders

    public init(name: String, filename: String? = nil, contentType: String? = nil, headers: HTTPHeaders = HTTPHeaders())
    {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.headers = headers
    }

    /// True for a file part (one with a `filename` parameter): its data is streamed, not
    /// collected, and ``MultipartLimits/maxFieldBytes`` does not apply.
    public var isFile: Bool { filename != nil }
}

/// One thing the multipart parser found, in stream order.
///
/// `partData` chunks follow the bytes fed, so their boundaries depend on how the body was
/// split; their concatenation per part does not.
public enum MultipartEvent: Sendable, Equatable {
    case partBegin(MultipartPartHead)
    case partData([UInt8])
    case partEnd
    /// The close delimiter (`--boundary--`); anything after it is epilogue and ignored.
    case end
}

/// Why a multipart body is refused; the portal answers 400 (413 for a too-large field).
public enum MultipartError: Error, Sendable, Hashable {
    /// The request is not `multipart/form-data`, or its boundary is missing or not 1–70
    /// `bchars` (RFC 2046 §5.1.1).
    case invalidBoundary
    /// More parts than ``MultipartLimits/maxParts``.
    case tooManyParts
    /// A part's header block longer than ``MultipartLimits/maxPartHeaderBytes``.
    case partHeaderTooLarge
    /// A text field longer than ``MultipartLimits/maxFieldBytes``.
    case fieldTooLarge
    /// A header line without colon, with a non-token name, a control byte, obs-fold, or a
    /// bare LF or CR.
    case malformedPartHeader
    /// No `Content-Disposition: form-data; name=…` in a part (RFC 7578 §4.2), or one that
    /// does not parse.
    case invalidContentDisposition
    /// A delimiter followed by something other than `--` or optional padding and CRLF.
    case malformedDelimiter
    /// The body ended before the close delimiter.
    case truncated
    /// A text field that is not valid UTF-8 (when collected by ``MultipartTextFieldCollector``).
    case invalidFieldText

    /// The status the portal answers with.
    public var status: HTTPStatus { self == .fieldTooLarge ? .contentTooLarge : .badRequest }
}
