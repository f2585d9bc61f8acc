/// Why reading a request body failed.
public enum HTTPBodyError: Error, Sendable, Equatable, HTTPStatusError {
    /// The body did not arrive within its deadline (``HTTPTimeouts/bodyBase``).
    case timedOut
    /// The client closed the connection (or it failed) before sending the whole body.
    case connectionClosed
    /// ``HTTPBodyReader/readAll(limit:)`` was asked for a body longer than its limit.
    case tooLarge

    public var status: HTTPStatus {
        switch self {
        case .timedOut: return .requestTimeout
        case .connectionClosed: return .badRequest
        case .tooLarge: return .contentTooLarge
        }
    }
}

/// An error that says which status the server should answer when a handler throws it.
///
/// Thrown out of ``HTTPHandler/respond(to:body:connection:)``, it becomes a short
/// `text/plain` response with that status, and the connection is closed; any other error
/// becomes a 500. ``MultipartError`` and ``HTTPBodyError`` conform, so a handler may let
/// them propagate.
public protocol HTTPStatusError: Error {
    var status: HTTPStatus { get }
}

extension MultipartError: HTTPStatusError {}

/// Where a body reader's bytes come from (the connection implements it).
protocol HTTPBodySource: AnyObject {
    func readBody(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPBodyError) -> Int
}

/// The request body, read by the handler when and if it wants it.
///
/// The server never reads a body on its own: the handler may refuse a request (401, 413)
/// before a byte is read, and a body is never held whole unless the handler asks for it
/// (``readAll(limit:)``). Reads are bounded by `Content-Length`, so reading cannot run into
/// the next request. The first read sends `100 Continue` if the client waits for it.
public struct HTTPBodyReader {
    private enum Source {
        case memory([UInt8])
        case connection(any HTTPBodySource)
    }

    private let source: Source
    /// The body's length, from `Content-Length` (0 when absent).
    public let contentLength: Int64
    /// Bytes read so far.
    public private(set) var bytesRead: Int64 = 0

    /// A reader over bytes in memory: for testing handlers without a socket.
    public init(bytes: [UInt8]) {
        source = .memory(bytes)
        contentLength = Int64(bytes.count)
    }

    init(source: any HTTPBodySource, contentLength: Int64) {
        self.source = .connection(source)
        self.contentLength = contentLength
    }

    /// Bytes not read yet.
    public var remaining: Int64 { contentLength - bytesRead }

    /// Reads up to `buffer.count` bytes into `buffer`; 0 means the body is complete.
    ///
    /// Blocks until some bytes arrive.
    /// - Throws: ``HTTPBodyError/timedOut`` past the body deadline,
    ///   ``HTTPBodyError/connectionClosed`` if the client left.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPBodyError) -> Int {
        let wanted = Int(min(Int64(buffer.count), remaining))
        guard wanted > 0 else { return 0 }
        let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted])
        let count: Int
        switch source {
        case .memory(let bytes):
            let start = Int(bytesRead)
            slice.copyBytes(from: bytes[start..<(start + wanted)])
            count = wanted
        case .connection(let connection):
            count = try connection.readBody(into: slice)
        }
        bytesRead += Int64(count)
        return count
    }

    /// Reads the next bytes, up to `maxCount`; empty when the body is complete.
    public mutating func read(maxCount: Int = 64 * 1024) throws(HTTPBodyError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Int(min(Int64(max(0, maxCount)), remaining)))
        var failure: HTTPBodyError?
        let count = bytes.withUnsafeMutableBytes { buffer -> Int in
            do throws(HTTPBodyError) { return try read(into: buffer) } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Reads the whole body into memory, for small bodies only (a form, a JSON document).
    /// - Throws: ``HTTPBodyError/tooLarge`` before reading anything if `Content-Length` is
    ///   over `limit`; otherwise as ``read(into:)``.
    public mutating func readAll(limit: Int) throws(HTTPBodyError) -> [UInt8] {
        guard remaining <= Int64(limit) else { throw .tooLarge }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(remaining))
        while true {
            let chunk = try read(maxCount: 64 * 1024)
            if chunk.isEmpty { return bytes }
            bytes.append(contentsOf: chunk)
        }
    }
}

extension HTTPBodyReader {
    /// Reads a `multipart/form-data` body through a ``MultipartParser``, handing every
    /// event to `onEvent` as it is parsed: file data reaches `onEvent` block by block and
    /// is never held.
    /// - Throws: ``MultipartError`` (a malformed or truncated body, a limit), ``HTTPBodyError``,
    ///   or what `onEvent` throws.
    public mutating func readMultipart(
        boundary: String, limits: MultipartLimits = MultipartLimits(), blockSize: Int = 64 * 1024,
        onEvent: (MultipartEvent) throws -> Void
    ) throws {
        var parser = try MultipartParser(boundary: boundary, limits: limits)
        var events: [MultipartEvent] = []
        while true {
            let block = try read(maxCount: max(1, blockSize))
            if block.isEmpty { break }
            events.removeAll(keepingCapacity: true)
            try parser.feed(block, into: &events)
            for event in events { try onEvent(event) }
        }
        try parser.finish()
    }

    /// Reads a `multipart/form-data` body, collecting its text fields and handing file
    /// parts' events (begin, data, end) to `onFile` as they come.
    /// - Returns: the text fields, in order.
    public mutating func readMultipartForm(
        boundary: String, limits: MultipartLimits = MultipartLimits(), onFile: (MultipartEvent) throws -> Void
    ) throws -> HTTPFormFields {
        var collector = MultipartTextFieldCollector()
        try readMultipart(boundary: boundary, limits: limits) { event in
            if let fileEvent = try collector.take(event) { try onFile(fileEvent) }
        }
        return collector.fields
    }
}
