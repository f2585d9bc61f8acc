import CZlib

/// Streams one ZIP entry's uncompressed bytes: stored (method 0) or raw deflate (method
/// 8, through the system's zlib), a chunk at a time, so that a sheet of tens of megabytes
/// never sits in memory whole.
///
/// Checked as it goes: the data may not exceed the size the directory declares (nor
/// `cap`, checked before the first byte), deflate data must be intact and complete, and at
/// the end the size and the CRC-32 must match the directory's. Any failure is a
/// ``WorkbookProblem`` naming the entry.
///
/// A class because it owns a zlib stream, which must not move (zlib keeps a pointer back
/// to it); ``deinit`` ends it.
final class PartReader {
    let entry: ZipEntry
    private let archive: ZipArchive
    private let data: Range<Int>
    private var stream: UnsafeMutablePointer<z_stream>?
    /// Uncompressed bytes handed out so far.
    private(set) var produced = 0
    /// Stored entries: compressed bytes consumed so far.
    private var consumed = 0
    private var crc: UInt32 = 0
    private var ended = false

    /// Opens `entry`. `cap`: the largest uncompressed size accepted for this part.
    ///
    /// Refused up front: an encrypted entry, a method other than 0 and 8, a declared size
    /// over `cap`, a stored entry whose sizes disagree, and a deflated entry claiming more
    /// than 1 100 times its compressed size (deflate cannot exceed about 1 032:1: such an
    /// entry is a zip bomb or lies about its size).
    init(_ archive: ZipArchive, _ entry: ZipEntry, cap: Int) throws(WorkbookProblem) {
        self.archive = archive
        self.entry = entry
        guard !entry.isEncrypted else { throw WorkbookProblem(.encrypted, "\(entry.name): encrypted ZIP entry") }
        guard entry.method == 0 || entry.method == 8 else {
            throw .unsupported("\(entry.name): compression method \(entry.method) (only stored and deflate are read)")
        }
        guard entry.size <= cap else {
            throw .tooLarge("\(entry.name): \(entry.size) bytes uncompressed (at most \(cap))")
        }
        if entry.method == 8, entry.size > 1 << 20, entry.size / 1100 > entry.compressedSize {
            throw .tooLarge(
                "\(entry.name): \(entry.compressedSize) compressed bytes claim to hold \(entry.size) (a zip bomb?)")
        }
        if entry.method == 0, entry.size != entry.compressedSize {
            throw .damaged("\(entry.name): a stored entry whose sizes disagree")
        }
        data = try archive.dataRange(of: entry)
        guard entry.method == 8 else { return }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard czlib_inflate_init_raw(stream) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .damaged("\(entry.name): zlib could not start inflating")
        }
        stream.pointee.next_in = archive.bytes.base + data.lowerBound
        stream.pointee.avail_in = uInt(data.count)
        self.stream = stream
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
    }

    /// Whether every byte has been read (and checked).
    var isAtEnd: Bool { ended }

    /// Fills `buffer` with the next uncompressed bytes; returns how many, 0 only at the end
    /// (after the size and CRC-32 have been checked).
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(WorkbookProblem) -> Int {
        guard !ended, let out = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        var count = 0
        if let stream {
            count = try inflate(stream, out, buffer.count)
        } else {
            count = min(buffer.count, data.count - consumed)
            out.update(from: archive.bytes.base + data.lowerBound + consumed, count: count)
            consumed += count
            if consumed == data.count { ended = true }
        }
        produced += count
        guard produced <= entry.size else {
            throw .damaged("\(entry.name): more data than the \(entry.size) bytes the directory declares")
        }
        crc = UInt32(truncatingIfNeeded: crc32(uLong(crc), out, uInt(count)))
        if ended {
            guard produced == entry.size else {
                throw .damaged("\(entry.name): \(produced) bytes where the directory declares \(entry.size)")
            }
            guard crc == entry.crc else { throw .damaged("\(entry.name): CRC mismatch") }
        }
        return count
    }

    /// Inflates into `out` until it holds something or the stream ends.
    private func inflate(
        _ stream: UnsafeMutablePointer<z_stream>, _ out: UnsafeMutablePointer<UInt8>, _ capacity: Int
    )
        throws(WorkbookProblem) -> Int
    {
        // zlib counts output in 32-bit units.
        let room = min(capacity, 1 << 30)
        stream.pointee.next_out = out
        stream.pointee.avail_out = uInt(room)
        while true {
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            let count = room - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                ended = true
                return count
            case Z_OK:
                if count > 0 { return count }
            case Z_BUF_ERROR:
                if count > 0 { return count }
                throw .damaged("\(entry.name): the compressed data is cut short")
            case Z_MEM_ERROR:
                throw .tooLarge("\(entry.name): out of memory while inflating")
            default:
                throw .damaged("\(entry.name): the compressed data is corrupt")
            }
        }
    }
}
