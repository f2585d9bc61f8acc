import CZlib

/// A small, strict ZIP reader for tests: end record → central directory → local headers,
/// checking that every field agrees and every CRC matches. Stored entries are read as
/// they are; deflated ones are inflated with zlib's own `inflate`, and CRCs computed with
/// zlib's own `crc32`, so the writer's code is checked by an independent implementation.
public struct ZipReader {
    public struct Entry: Equatable {
        public var name: String
        public var data: [UInt8]
        public var crc: UInt32
        /// The bytes as stored in the archive (compressed for method 8).
        public var compressedSize: Int
        public var flags: UInt16
        public var method: UInt16
        public var dosTime: UInt16
        public var dosDate: UInt16
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let entries: [Entry]

    public init(_ bytes: [UInt8]) throws {
        func u16(_ at: Int) throws -> UInt16 {
            guard at >= 0, at + 2 <= bytes.count else { throw Failure(description: "read past end at \(at)") }
            return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> UInt32 {
            guard at >= 0, at + 4 <= bytes.count else { throw Failure(description: "read past end at \(at)") }
            return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3])
                << 24
        }
        // No archive comment is written, so the end record is the last 22 bytes.
        let end = bytes.count - 22
        guard end >= 0, try u32(end) == 0x0605_4B50 else { throw Failure(description: "no end record") }
        let count = Int(try u16(end + 10))
        guard try u16(end + 8) == count else { throw Failure(description: "disk entry count differs") }
        let directorySize = Int(try u32(end + 12))
        let directoryOffset = Int(try u32(end + 16))
        guard directoryOffset + directorySize == end else {
            throw Failure(description: "directory does not end at end record")
        }
        var entries: [Entry] = []
        var position = directoryOffset
        var expectedLocal = 0
        for _ in 0..<count {
            guard try u32(position) == 0x0201_4B50 else {
                throw Failure(description: "bad central header at \(position)")
            }
            let flags = try u16(position + 8)
            let method = try u16(position + 10)
            let time = try u16(position + 12)
            let date = try u16(position + 14)
            let crc = try u32(position + 16)
            let compressed = Int(try u32(position + 20))
            let size = Int(try u32(position + 24))
            let nameLength = Int(try u16(position + 28))
            let extraLength = Int(try u16(position + 30))
            let commentLength = Int(try u16(position + 32))
            let local = Int(try u32(position + 42))
            let name = Array(bytes[position + 46..<position + 46 + nameLength])
            position += 46 + nameLength + extraLength + commentLength
            guard method == 0 || method == 8 else { throw Failure(description: "unknown method \(method)") }
            guard method == 8 || compressed == size else { throw Failure(description: "stored sizes differ") }
            guard local == expectedLocal else { throw Failure(description: "entries not contiguous at \(local)") }
            // The local header must repeat everything.
            guard try u32(local) == 0x0403_4B50 else { throw Failure(description: "bad local header at \(local)") }
            guard try u16(local + 6) == flags, try u16(local + 8) == method, try u16(local + 10) == time,
                try u16(local + 12) == date, try u32(local + 14) == crc, try u32(local + 18) == compressed,
                try u32(local + 22) == size
            else { throw Failure(description: "local header of \(String(decoding: name, as: UTF8.self)) disagrees") }
            let localNameLength = Int(try u16(local + 26))
            let localExtra = Int(try u16(local + 28))
            guard Array(bytes[local + 30..<local + 30 + localNameLength]) == name else {
                throw Failure(description: "local name differs")
            }
            let dataStart = local + 30 + localNameLength + localExtra
            guard dataStart + compressed <= directoryOffset else { throw Failure(description: "data overruns") }
            let stored = Array(bytes[dataStart..<dataStart + compressed])
            let data = method == 8 ? try Self.inflate(stored, size: size) : stored
            guard data.count == size else { throw Failure(description: "size \(data.count), header says \(size)") }
            guard Self.crc(data) == crc else { throw Failure(description: "CRC mismatch") }
            expectedLocal = dataStart + compressed
            entries.append(
                Entry(
                    name: String(decoding: name, as: UTF8.self), data: data, crc: crc, compressedSize: compressed,
                    flags: flags, method: method,
                    dosTime: time, dosDate: date))
        }
        guard position == end else { throw Failure(description: "directory size mismatch") }
        guard expectedLocal == directoryOffset else { throw Failure(description: "gap before directory") }
        self.entries = entries
    }

    /// Raw-inflates `compressed`, which must hold exactly one complete deflate stream that
    /// expands to `size` bytes (nothing after its end).
    public static func inflate(_ compressed: [UInt8], size: Int) throws -> [UInt8] {
        // zlib keeps a pointer back to its stream: give it memory that does not move.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_inflate_init_raw(stream) == Z_OK else { throw Failure(description: "inflateInit2 failed") }
        defer { inflateEnd(stream) }
        var input = compressed
        var output = [UInt8](repeating: 0, count: size + 1)  // one spare byte catches an overlong stream
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.pointee.next_in = inBuffer.baseAddress
                stream.pointee.avail_in = uInt(inBuffer.count)
                stream.pointee.next_out = outBuffer.baseAddress
                stream.pointee.avail_out = uInt(outBuffer.count)
                return CZlib.inflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Failure(description: "inflate status \(status)") }
        guard stream.pointee.avail_in == 0 else { throw Failure(description: "bytes after the deflate stream") }
        return Array(output.prefix(Int(stream.pointee.total_out)))
    }

    /// zlib's CRC-32 of `bytes`.
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
    }

    public func data(_ name: String) -> [UInt8]? { entries.first { $0.name == name }?.data }
    public func text(_ name: String) -> String? { data(name).map { String(decoding: $0, as: UTF8.self) } }
}
