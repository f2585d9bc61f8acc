/// An incremental push parser of a `multipart/form-data` body (RFC 7578, RFC 2046 §5.1).
///
/// Feed it the body in chunks of any size and it appends events; a file part's data is
/// passed on as it comes, holding back only a tail that could be the start of the next
/// delimiter (fewer bytes than the delimiter, at most 74), so a 60 MiB upload costs no
/// more memory than a 6 KiB one. A value type with no I/O: the server's body reader and the
/// fuzzer drive it the same way.
///
/// RFC rules kept: the delimiter is CRLF `--boundary` (the first one may open the body
/// without its CRLF), the preamble before it and the epilogue after `--boundary--` are
/// ignored, transport padding (SP/HTAB) may follow a delimiter, part header lines end in
/// CRLF (a bare LF or CR is an error, as in request heads), and each part must carry
/// `Content-Disposition: form-data; name=…`. `filename*=` is ignored, as RFC 7578 §4.2
/// tells senders not to use it; browsers send UTF-8 file names raw in `filename`.
///
/// Errors are sticky and found at a byte position, so however the body is split the same
/// error (or the same events) comes out.
public struct MultipartParser: Sendable {
    private enum State: Sendable {
        case preamble
        case partHeaders
        case partData
        /// After a delimiter: `--` closes, padding and CRLF open a part.
        case delimiterStart, delimiterDash, delimiterPadding, delimiterCR
        case epilogue
        case failed(MultipartError)
    }

    public let limits: MultipartLimits
    /// CRLF, `--`, the boundary.
    private let delimiter: [UInt8]
    private var state = State.preamble
    /// Bytes of the stream not yet resolved: a possible start of the delimiter (in the
    /// preamble or a part's data), or the header block being read. Starts as a virtual
    /// CRLF so that a body opening with `--boundary` matches the delimiter.
    private var pending: [UInt8] = [HTTPBytes.cr, HTTPBytes.lf]
    private var headerBlockBytes = 0
    private var headerLines: [[UInt8]] = []
    private var headerLine: [UInt8] = []
    private var headerAfterCR = false
    private var parts = 0
    private var currentIsFile = false
    private var currentFieldBytes = 0

    /// A parser for this boundary (see ``boundary(contentType:)``).
    /// - Throws: ``MultipartError/invalidBoundary`` unless 1–70 `bchars`, not ending in a space.
    public init(boundary: String, limits: MultipartLimits = MultipartLimits()) throws(MultipartError) {
        guard Self.isValidBoundary(Array(boundary.utf8)) else { throw .invalidBoundary }
        self.limits = limits
        delimiter = [HTTPBytes.cr, HTTPBytes.lf, UInt8(ascii: "-"), UInt8(ascii: "-")] + Array(boundary.utf8)
    }

    /// The boundary of a request whose `Content-Type` is `multipart/form-data` (quoted or not).
    /// - Throws: ``MultipartError/invalidBoundary`` if the type is another, the value does
    ///   not parse, or the boundary is missing or invalid.
    public static func boundary(contentType: String) throws(MultipartError) -> String {
        guard let parsed = HTTPHeaderParameters(parsing: contentType.utf8), parsed.value == "multipart/form-data",
            let boundary = parsed["boundary"], isValidBoundary(boundary)
        else { throw .invalidBoundary }
        return String(decoding: boundary, as: UTF8.self)
    }

    /// `bchars` of RFC 2046 §5.1.1, 1 to 70 of them, the last not a space.
    static func isValidBoundary(_ bytes: [UInt8]) -> Bool {
        guard (1...70).contains(bytes.count), bytes.last != HTTPBytes.space else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"):
                return true
            default: return "'()+_,-./:=? ".utf8.contains(byte)
            }
        }
    }

    /// Bytes the parser holds between calls: the held-back tail and a partial header block.
    /// Never more than ``MultipartLimits/maxPartHeaderBytes`` plus the delimiter's length.
    package var bufferedByteCount: Int { pending.count + headerLine.count + headerLines.reduce(0) { $0 + $1.count } }

    /// Parts begun so far.
    public var partCount: Int { parts }

    /// True once the close delimiter has been read.
    public var isComplete: Bool {
        if case .epilogue = state { return true }
        return false
    }

    /// Takes the next chunk of the body, appending what it finds to `events`.
    ///
    /// On an error the events found before it stay in `events`; the parser then throws the
    /// same error on every call.
    /// - Complexity: O(n × d) in the worst case (n bytes, d the delimiter's length); O(n)
    ///   for data without CR bytes.
    public mutating func feed(
        _ chunk: UnsafeRawBufferPointer, into events: inout [MultipartEvent]
    )
        throws(MultipartError)
    {
        if case .failed(let error) = state { throw error }
        do throws(MultipartError) {
            try consume(chunk, into: &events)
        } catch {
            state = .failed(error)
            pending = []
            throw error
        }
    }

    /// Takes the next chunk of the body (see ``feed(_:into:)-(UnsafeRawBufferPointer,_)``).
    public mutating func feed<C: Collection>(_ chunk: C, into events: inout [MultipartEvent]) throws(MultipartError)
    where C.Element == UInt8 {
        let bytes = Array(chunk)
        var failure: MultipartError?
        bytes.withUnsafeBytes { buffer in
            do throws(MultipartError) { try feed(buffer, into: &events) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Takes the next chunk and returns the events it completed.
    public mutating func feed<C: Collection>(_ chunk: C) throws(MultipartError) -> [MultipartEvent]
    where C.Element == UInt8 {
        var events: [MultipartEvent] = []
        try feed(chunk, into: &events)
        return events
    }

    /// Says the body has ended.
    /// - Throws: ``MultipartError/truncated`` unless the close delimiter was read, or the
    ///   error that stopped the parser.
    public func finish() throws(MultipartError) {
        switch state {
        case .epilogue: return
        case .failed(let error): throw error
        default: throw .truncated
        }
    }

    private mutating func consume(
        _ chunk: UnsafeRawBufferPointer, into events: inout [MultipartEvent]
    )
        throws(MultipartError)
    {
        var buffer = pending
        buffer.append(contentsOf: chunk)
        pending = []
        var index = 0
        while index < buffer.count {
            switch state {
            case .preamble, .partData:
                let (match, holdFrom) = search(buffer, from: index)
                let end = match ?? holdFrom
                if case .partData = state, end > index { try emitData(buffer[index..<end], into: &events) }
                if let match {
                    if case .partData = state { events.append(.partEnd) }
                    index = match + delimiter.count
                    state = .delimiterStart
                    headerBlockBytes = 0
                } else {
                    pending = Array(buffer[holdFrom...])
                    index = buffer.count
                }
            case .epilogue:
                index = buffer.count
            case .failed(let error):
                throw error
            default:
                try step(buffer[index], into: &events)
                index += 1
            }
        }
    }

    /// One byte after a delimiter or in a part's header block.
    private mutating func step(_ byte: UInt8, into events: inout [MultipartEvent]) throws(MultipartError) {
        headerBlockBytes += 1
        if headerBlockBytes > limits.maxPartHeaderBytes { throw .partHeaderTooLarge }
        switch state {
        case .delimiterStart:
            switch byte {
            case UInt8(ascii: "-"): state = .delimiterDash
            case HTTPBytes.space, HTTPBytes.tab: state = .delimiterPadding
            case HTTPBytes.cr: state = .delimiterCR
            default: throw .malformedDelimiter
            }
        case .delimiterDash:
            guard byte == UInt8(ascii: "-") else { throw .malformedDelimiter }
            events.append(.end)
            state = .epilogue
        case .delimiterPadding:
            switch byte {
            case HTTPBytes.space, HTTPBytes.tab: break
            case HTTPBytes.cr: state = .delimiterCR
            default: throw .malformedDelimiter
            }
        case .delimiterCR:
            guard byte == HTTPBytes.lf else { throw .malformedDelimiter }
            parts += 1
            if parts > limits.maxParts { throw .tooManyParts }
            state = .partHeaders
            headerLines = []
            headerLine = []
            headerAfterCR = false
        case .partHeaders:
            if headerAfterCR {
                guard byte == HTTPBytes.lf else { throw .malformedPartHeader }
                headerAfterCR = false
                if headerLine.isEmpty {
                    events.append(.partBegin(try partHead()))
                    headerLines = []
                    state = .partData
                } else {
                    headerLines.append(headerLine)
                    headerLine = []
                }
            } else if byte == HTTPBytes.cr {
                headerAfterCR = true
            } else if byte == HTTPBytes.lf {
                throw .malformedPartHeader
            } else {
                headerLine.append(byte)
            }
        default:
            break
        }
    }

    /// The first full match of the delimiter at or after `start`, else where the
    /// unresolved tail begins (the earliest position whose rest is a prefix of the delimiter).
    private func search(_ buffer: [UInt8], from start: Int) -> (match: Int?, holdFrom: Int) {
        buffer.withUnsafeBufferPointer { bytes in
            delimiter.withUnsafeBufferPointer { delimiter in
                var position = start
                while position < bytes.count {
                    if bytes[position] == HTTPBytes.cr {
                        let available = min(delimiter.count, bytes.count - position)
                        var matches = true
                        var offset = 1
                        while offset < available {
                            if bytes[position + offset] != delimiter[offset] {
                                matches = false
                                break
                            }
                            offset += 1
                        }
                        if matches {
                            return available == delimiter.count ? (position, position) : (nil, position)
                        }
                    }
                    position += 1
                }
                return (nil, bytes.count)
            }
        }
    }

    private mutating func emitData(
        _ data: ArraySlice<UInt8>, into events: inout [MultipartEvent]
    )
        throws(MultipartError)
    {
        if !currentIsFile {
            currentFieldBytes += data.count
            if currentFieldBytes > limits.maxFieldBytes { throw .fieldTooLarge }
        }
        events.append(.partData(Array(data)))
    }

    /// The part's header block, read: its `Content-Disposition` names the field.
    private mutating func partHead() throws(MultipartError) -> MultipartPartHead {
        var headers = HTTPHeaders()
        var disposition: [[UInt8]] = []
        for line in headerLines {
            guard let first = line.first, !HTTPBytes.isWhitespace(first),
                let colon = line.firstIndex(of: HTTPBytes.colon)
            else { throw .malformedPartHeader }
            let name = line[..<colon]
            let value = HTTPBytes.trimmingWhitespace(line[(colon + 1)...])
            guard HTTPBytes.isToken(name), value.allSatisfy(HTTPBytes.isFieldValueByte) else {
                throw .malformedPartHeader
            }
            if HTTPBytes.equalsIgnoringCase(name, "content-disposition".utf8) { disposition.append(Array(value)) }
            headers.add(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
        }
        guard disposition.count == 1, let parsed = HTTPHeaderParameters(parsing: disposition[0]),
            parsed.value == "form-data", let name = parsed["name"]
        else { throw .invalidContentDisposition }
        let filename = parsed["filename"].map { String(decoding: $0, as: UTF8.self) }
        currentIsFile = filename != nil
        currentFieldBytes = 0
        return MultipartPartHead(
            name: String(decoding: name, as: UTF8.self), filename: filename, contentType: headers["Content-Type"],
            headers: headers)
    }
}
