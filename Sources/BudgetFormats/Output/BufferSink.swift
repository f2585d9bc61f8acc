/// A ``ByteSink`` that keeps everything in memory: for tests, and for small documents
/// the engine wants as bytes (to hash them, or to add them to an archive).
public struct BufferSink: ByteSink, Sendable, Equatable {
    /// Everything written so far.
    public private(set) var bytes: [UInt8]

    /// Creates an empty buffer; `reservingCapacity` avoids regrowth for known sizes.
    public init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var offset: UInt64 { UInt64(bytes.count) }

    public mutating func write(_ buffer: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: buffer)
    }

    public mutating func patch(at offset: UInt64, _ patch: [UInt8]) throws {
        guard offset <= UInt64(bytes.count), UInt64(patch.count) <= UInt64(bytes.count) - offset else {
            throw ByteSinkError.patchOutOfRange(offset: offset, count: patch.count, end: self.offset)
        }
        let start = Int(offset)
        bytes.replaceSubrange(start..<start + patch.count, with: patch)
    }
}
