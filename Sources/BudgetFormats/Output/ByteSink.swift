/// A ``ByteOutput`` that knows its position and can overwrite bytes it already wrote.
///
/// The ZIP writer streams an entry's data without knowing its CRC-32 and size, then
/// patches them into the local header it wrote first. This keeps a 1 000 000-row sheet
/// out of memory while producing the plain layout every reader accepts (no data
/// descriptors).
public protocol ByteSink: ByteOutput {
    /// The number of bytes written so far: the offset the next byte will have.
    var offset: UInt64 { get }

    /// Overwrites `bytes.count` bytes starting at `offset`, all of which must already
    /// have been written (`offset + bytes.count <= self.offset`).
    ///
    /// Throws ``ByteSinkError/patchOutOfRange(offset:count:end:)`` otherwise; the position
    /// for the next ``ByteOutput/write(_:)-(UnsafeRawBufferPointer)`` does not move.
    mutating func patch(at offset: UInt64, _ bytes: [UInt8]) throws
}
