import BudgetCore

/// A byte source that gives one byte per read — the finest chunking there is — after
/// its first `wholeFirst` bytes, which it gives as fast as the reader asks (the reader
/// fills its first chunk before it decodes anything, so reading a padded megabyte a byte
/// at a time would only be slow). Both fuzz harnesses read each case this way too, to
/// show that no boundary between reads changes what is read.
public struct OneByteSource: ByteSource {
    let bytes: [UInt8]
    let wholeFirst: Int
    private var offset = 0

    public init(_ bytes: [UInt8], wholeFirst: Int = 0) {
        self.bytes = bytes
        self.wholeFirst = wholeFirst
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard offset < bytes.count, buffer.count > 0 else { return 0 }
        let count = offset < wholeFirst ? min(buffer.count, wholeFirst - offset, bytes.count - offset) : 1
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
        }
        offset += count
        return count
    }
}
