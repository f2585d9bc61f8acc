/// What a handler answers: status, headers, and a body given whole or produced as it is sent.
///
/// The server owns the framing fields (`Content-Length`, `Connection`, `Date`,
/// `Transfer-Encoding`): whatever a handler puts there is replaced, so a handler cannot
/// frame a response wrongly. Any other field is sent as given, after a check that names
/// are tokens and values hold no CR, LF or other control byte (a response failing it is
/// replaced by a 500: no header injection from values that came from a request).
public struct HTTPResponse: Sendable {
    /// How the body is given.
    public enum Body: Sendable {
        /// The whole body, in memory (pages, JSON, small files).
        case bytes([UInt8])
        /// A body written by `producer` while it is sent, for large downloads (a ZIP).
        ///
        /// With a `length` the response carries `Content-Length` and the connection may be
        /// kept alive; the producer must write exactly that many bytes, or the connection
        /// is closed (the client sees a short body, never a wrong next response). Without
        /// a length the response is framed by closing the connection (no chunked coding).
        /// Not called for HEAD requests.
        case stream(length: Int64?, producer: @Sendable (inout HTTPBodyWriter) throws -> Void)
    }

    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: Body
    /// Close the connection after this response even if the client would keep it.
    public var closeConnection: Bool

    /// A response with its body in memory.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
        closeConnection = false
    }

    /// A streamed response (see ``Body/stream(length:producer:)``).
    public init(
        status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), length: Int64?,
        producer: @escaping @Sendable (inout HTTPBodyWriter) throws -> Void
    ) {
        self.status = status
        self.headers = headers
        self.body = .stream(length: length, producer: producer)
        closeConnection = false
    }

    /// A text response, UTF-8, `text/plain` unless another type is given.
    public static func text(
        _ text: String, status: HTTPStatus = .ok, contentType: String = "text/plain; charset=utf-8"
    ) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    /// The body's length if known before sending.
    public var contentLength: Int64? {
        switch body {
        case .bytes(let bytes): return Int64(bytes.count)
        case .stream(let length, _): return length
        }
    }

    /// The body as bytes, running a producer into memory: for tests of handlers, never used
    /// by the server (which streams).
    public func collectBody() throws -> [UInt8] {
        switch body {
        case .bytes(let bytes): return bytes
        case .stream(let length, let producer):
            let sink = MemorySink()
            var writer = HTTPBodyWriter(sink: sink, declaredLength: length)
            try producer(&writer)
            try writer.finish()
            return sink.bytes
        }
    }
}

/// Where an ``HTTPBodyWriter`` sends its bytes: the connection, or memory in tests.
protocol HTTPByteSink: AnyObject {
    func send(_ bytes: UnsafeRawBufferPointer) throws
}

final class MemorySink: HTTPByteSink {
    var bytes: [UInt8] = []
    func send(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
}

/// Why writing a streamed body failed; the connection is then closed.
public enum HTTPBodyWriterError: Error, Sendable, Equatable {
    /// The producer wrote more than the declared length.
    case lengthExceeded
    /// The producer returned before writing the declared length.
    case lengthNotReached
}

/// The producer's side of a streamed body: buffers what is written and sends it in blocks.
///
/// A write blocks while the client is slow (the thread of a connection is its own), and
/// throws once the client is gone or stopped reading for ``HTTPTimeouts/write``: the
/// producer should let the error propagate.
public struct HTTPBodyWriter {
    private let sink: any HTTPByteSink
    private var buffer: [UInt8]
    private let declaredLength: Int64?
    /// Body bytes written so far.
    public private(set) var bytesWritten: Int64 = 0
    /// Whether anything (the response head included) has been handed to the sink: until
    /// then a failing producer can still be answered with a 500.
    private(set) var hasSent = false
    static let blockSize = 64 * 1024

    init(sink: any HTTPByteSink, declaredLength: Int64?, prefix: [UInt8] = []) {
        self.sink = sink
        self.declaredLength = declaredLength
        buffer = prefix
        buffer.reserveCapacity(Self.blockSize + prefix.count)
    }

    /// Writes body bytes.
    /// - Throws: ``HTTPBodyWriterError/lengthExceeded`` past the declared length; the
    ///   connection's error if the client is gone.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let declaredLength, bytesWritten + Int64(bytes.count) > declaredLength {
            throw HTTPBodyWriterError.lengthExceeded
        }
        bytesWritten += Int64(bytes.count)
        if buffer.count + bytes.count > Self.blockSize {
            try flush()
            if bytes.count >= Self.blockSize {
                hasSent = true
                try sink.send(bytes)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    /// Writes body bytes.
    public mutating func write<C: Collection>(_ bytes: C) throws where C.Element == UInt8 {
        if let done = try bytes.withContiguousStorageIfAvailable({ try write(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        try Array(bytes).withUnsafeBytes { try write($0) }
    }

    /// Writes a string as UTF-8.
    public mutating func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Sends what is buffered now (the server does it when the producer returns).
    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        hasSent = true
        try buffer.withUnsafeBytes { try sink.send($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and checks the declared length was reached.
    mutating func finish() throws {
        try flush()
        if let declaredLength, bytesWritten != declaredLength { throw HTTPBodyWriterError.lengthNotReached }
    }
}
