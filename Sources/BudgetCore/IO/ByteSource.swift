/// Where a reader gets bytes from, a chunk at a time.
///
/// The reader streams files that may be larger than memory should hold; the engine
/// provides a source over a file (the one place that touches the file system) and tests
/// provide ``MemoryByteSource``. A failure to read is an environment failure and is
/// thrown, never turned into "end of file".
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 only at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A byte source over bytes already in memory.
public struct MemoryByteSource: ByteSource, Sendable {
    public let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            if let target = buffer.baseAddress, let base = source.baseAddress {
                target.copyMemory(from: base + offset, byteCount: count)
            }
        }
        offset += count
        return count
    }
}
